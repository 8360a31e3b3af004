import assert from 'node:assert/strict';
import {
  FindModel,
  findMatches,
  type LineSource,
  MAX_MATCHES,
  queryPattern,
} from '../../../webview-ui/src/find';

function source(finished: string[], pending: string[] = []): LineSource {
  const all = [...finished, ...pending];
  return {
    count: all.length,
    finishedCount: finished.length,
    line: (i) => (i < all.length ? { text: all[i]! } : undefined),
  };
}

describe('webview/find', () => {
  it('counts every match, several per line, ignoring case', () => {
    const lines = source(['Error: one', 'no match', 'error ERROR eRrOr']);
    const matches = findMatches(lines, queryPattern('error')!, 0, lines.count);
    assert.deepEqual(
      matches.map((m) => [m.line, m.start, m.end]),
      [
        [0, 0, 5],
        [2, 0, 5],
        [2, 6, 11],
        [2, 12, 17],
      ],
    );
  });

  it('searches for the query literally, regex characters included', () => {
    const lines = source(['a.b axb', '(x)+ [y]', 'c:\\path']);
    assert.equal(findMatches(lines, queryPattern('a.b')!, 0, 3).length, 1);
    assert.equal(findMatches(lines, queryPattern('(x)+')!, 0, 3).length, 1);
    assert.equal(findMatches(lines, queryPattern('c:\\p')!, 0, 3).length, 1);
    assert.equal(queryPattern(''), null);
  });

  it('describes the count and steps through matches with wrap-around', () => {
    const find = new FindModel();
    const lines = source(['foo', 'bar', 'foo foo']);
    find.setQuery('FOO', lines);
    assert.equal(find.describe(), '1 of 3');
    assert.equal(find.step(1)?.line, 2);
    assert.equal(find.step(1)?.start, 4);
    assert.equal(find.step(1)?.line, 0, 'wraps to the first');
    assert.equal(find.step(-1)?.start, 4, 'wraps back to the last');
    find.setQuery('zzz', lines);
    assert.equal(find.describe(), 'No results');
    find.setQuery('', lines);
    assert.equal(find.describe(), '');
  });

  it('starts at the first match at or after the line in view', () => {
    const find = new FindModel();
    find.setQuery('x', source(['x', 'y', 'x', 'x']), 2);
    assert.equal(find.matches[find.current]?.line, 2);
  });

  it('searches only new lines as output streams in, and pending lines every time', () => {
    const find = new FindModel();
    find.setQuery('hit', source(['hit']));
    find.update(source(['hit', 'miss', 'hit'], ['partial hi']));
    assert.equal(find.total, 2);
    find.update(source(['hit', 'miss', 'hit'], ['partial hit']));
    assert.equal(find.total, 3);
    assert.deepEqual(
      find.inLine(3).map((m) => m.start),
      [8],
    );
  });

  it('moves matches when lines fall off the head or older lines are prepended', () => {
    const find = new FindModel();
    find.setQuery('k', source(['k0', 'x', 'k2']));
    find.update(source(['x', 'k2', 'k3']), 1);
    assert.deepEqual(
      find.matches.map((m) => m.line),
      [1, 2],
    );
    find.prepended(source(['k-1', 'x', 'k2', 'k3']), 1);
    assert.deepEqual(
      find.matches.map((m) => m.line),
      [0, 2, 3],
    );
  });

  it(`stops at ${MAX_MATCHES} matches and says so`, () => {
    const find = new FindModel();
    find.setQuery('e', source(Array.from({ length: MAX_MATCHES + 5 }, () => 'e')));
    assert.equal(find.total, MAX_MATCHES);
    assert.equal(find.describe(), `1 of ${MAX_MATCHES}+`);
  });
});
