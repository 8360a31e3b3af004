import assert from 'node:assert/strict';
import type { OutputChunk, OutputStream } from '../../../src/protocol/outputPanel';
import { LogModel } from '../../../webview-ui/src/logModel';

const chunk = (text: string, stream: OutputStream = 'stdout', at = 1): OutputChunk => ({
  stream,
  at,
  offset: 0,
  text,
});
const lines = (model: LogModel) => Array.from({ length: model.count }, (_, i) => model.line(i)!.text);
const numbered = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `line ${from + i}\n`).join('');

describe('webview/logModel', () => {
  it('shows finished lines, then the pending one, and finish() makes it final', () => {
    const model = new LogModel();
    model.append([chunk('a\nb\npart')]);
    assert.deepEqual(lines(model), ['a', 'b', 'part']);
    assert.equal(model.finishedCount, 2);
    model.append([chunk('ial')]);
    assert.deepEqual(lines(model), ['a', 'b', 'partial']);
    model.finish();
    assert.equal(model.finishedCount, 3);
  });

  it('styles lines, carrying colour per stream but not across streams', () => {
    const model = new LogModel();
    model.append([chunk('\x1b[31mred\n'), chunk('err\n', 'stderr'), chunk('still red\n')]);
    assert.equal(model.line(1)!.spans, null);
    assert.deepEqual(model.line(2)!.spans, [{ text: 'still red', fg: 'ansiRed' }]);
  });

  it('does not let a pending line move the colour state twice', () => {
    const model = new LogModel();
    model.append([chunk('\x1b[32mgre')]);
    model.append([chunk('en\x1b[0m\nplain\n')]);
    assert.deepEqual(model.line(0)!.spans, [{ text: 'green', fg: 'ansiGreen' }]);
    assert.equal(model.line(1)!.spans, null);
  });

  it('keeps only the newest lines past the cap and counts what it dropped', () => {
    const model = new LogModel(100);
    let dropped = 0;
    for (let i = 0; i < 10; i++) dropped += model.append([chunk(numbered(i * 30, i * 30 + 30))]);
    assert.equal(model.finishedCount, 100);
    assert.equal(dropped, 200);
    assert.equal(model.dropped, 200);
    assert.equal(model.line(0)!.text, 'line 200');
    assert.equal(model.line(99)!.text, 'line 299');
  });

  it('prepends an older page, keeping its newest lines when it would pass the cap', () => {
    const model = new LogModel(10);
    model.append([chunk(numbered(6, 10))]);
    assert.equal(model.prepend([chunk(numbered(3, 6))]), 3);
    assert.deepEqual(lines(model).slice(0, 4), ['line 3', 'line 4', 'line 5', 'line 6']);
    assert.equal(model.full, false);
    assert.equal(model.prepend([chunk(numbered(0, 3), 'stderr')]), 3);
    assert.equal(model.prepend([chunk('x\ny\nz\n')]), 0, 'full: nothing more fits');
    assert.ok(model.full);
    assert.equal(model.line(0)!.stream, 'stderr');
  });

  it('copies every line as plain text', () => {
    const model = new LogModel();
    model.append([chunk('\x1b[1mbold\x1b[0m\nsecond\nthird')]);
    assert.equal(model.text(), 'bold\nsecond\nthird');
  });

  it('keeps a transcript line whole with its kind, even with a raw line of the stream pending', () => {
    const model = new LogModel();
    model.append([chunk('raw, no newline yet', 'stderr')]);
    model.append([
      { stream: 'stderr', at: 2, offset: 0, text: 'Warning: truecolor\n', kind: 'noise' },
      { stream: 'stdout', at: 3, offset: 1, text: '$ npm test\n', kind: 'tool' },
    ]);
    assert.deepEqual(
      Array.from({ length: model.finishedCount }, (_, i) => [model.line(i)!.kind, model.line(i)!.text]),
      [
        ['noise', 'Warning: truecolor'],
        ['tool', '$ npm test'],
      ],
    );
    assert.equal(
      model.prepend([{ stream: 'stdout', at: 0, offset: 0, text: 'session s\n', kind: 'session' }]),
      1,
    );
    assert.equal(model.line(0)!.kind, 'session');
  });
});
