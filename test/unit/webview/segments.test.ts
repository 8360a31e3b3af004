import assert from 'node:assert/strict';
import { rowSegments } from '../../../webview-ui/src/segments';

describe('webview/segments', () => {
  it('returns the spans untouched when nothing matches', () => {
    assert.deepEqual(rowSegments({ text: 'abc', spans: null }, []), [{ text: 'abc' }]);
  });

  it('cuts a plain line around matches and marks the current one', () => {
    const current = { line: 0, start: 6, end: 9 };
    const segments = rowSegments(
      { text: 'foo a foo', spans: null },
      [{ line: 0, start: 0, end: 3 }, current],
      current,
    );
    assert.deepEqual(segments, [
      { text: 'foo', match: 'match' },
      { text: ' a ' },
      { text: 'foo', match: 'current' },
    ]);
  });

  it('keeps colours when a match spans two styled spans', () => {
    const spans = [
      { text: 'red', fg: 'ansiRed' },
      { text: 'blue', fg: 'ansiBlue' },
    ];
    const segments = rowSegments({ text: 'redblue', spans }, [{ line: 0, start: 2, end: 5 }]);
    assert.deepEqual(segments, [
      { text: 're', fg: 'ansiRed' },
      { text: 'd', fg: 'ansiRed', match: 'match' },
      { text: 'bl', fg: 'ansiBlue', match: 'match' },
      { text: 'ue', fg: 'ansiBlue' },
    ]);
  });
});
