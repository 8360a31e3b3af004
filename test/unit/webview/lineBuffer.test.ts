import assert from 'node:assert/strict';
import type { OutputChunk, OutputStream } from '../../../src/protocol/outputPanel';
import { LineAssembler } from '../../../webview-ui/src/lineBuffer';

let offset = 0;
function chunk(text: string, stream: OutputStream = 'stdout', at = 1000): OutputChunk {
  const c = { stream, at, offset, text };
  offset += text.length;
  return c;
}

const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

describe('webview/lineBuffer', () => {
  it('emits each line when its newline arrives', () => {
    const a = new LineAssembler();
    assert.deepEqual(texts(a.push(chunk('one\ntwo\nthr'))), ['one', 'two']);
    assert.deepEqual(texts(a.pending()), ['thr']);
    assert.deepEqual(texts(a.push(chunk('ee\n'))), ['three']);
    assert.deepEqual(a.pending(), []);
  });

  it('joins a line split over many chunks, even one character at a time', () => {
    const a = new LineAssembler();
    const done = [...'hello world\n'].flatMap((c) => a.push(chunk(c)));
    assert.deepEqual(texts(done), ['hello world']);
  });

  it('keeps empty lines', () => {
    const a = new LineAssembler();
    assert.deepEqual(texts(a.push(chunk('a\n\n\nb\n'))), ['a', '', '', 'b']);
  });

  it('drops the \\r of CRLF, also when \\r and \\n arrive in different chunks', () => {
    const a = new LineAssembler();
    assert.deepEqual(texts(a.push(chunk('dos\r\nline\r'))), ['dos']);
    assert.deepEqual(texts(a.pending()), ['line'], 'a \\r waiting for its \\n is not shown');
    assert.deepEqual(texts(a.push(chunk('\nnext\r\n'))), ['line', 'next']);
  });

  it('leaves a lone \\r inside the line for the ANSI layer (progress bars)', () => {
    const a = new LineAssembler();
    assert.deepEqual(texts(a.push(chunk('10%\r50%\r100%\n'))), ['10%\r50%\r100%']);
  });

  it('assembles each stream on its own when stdout and stderr interleave mid-line', () => {
    const a = new LineAssembler();
    const lines = [
      ...a.push(chunk('out: sta', 'stdout')),
      ...a.push(chunk('err: boom\n', 'stderr')),
      ...a.push(chunk('rted\n', 'stdout')),
    ];
    assert.deepEqual(
      lines.map((l) => [l.stream, l.text]),
      [
        ['stderr', 'err: boom'],
        ['stdout', 'out: started'],
      ],
    );
  });

  it('stamps a line with the time its first character was captured', () => {
    const a = new LineAssembler();
    a.push(chunk('first half, ', 'stdout', 100));
    const [line, next] = a.push(chunk('second half\nnext\n', 'stdout', 250));
    assert.equal(line?.at, 100);
    assert.equal(next?.at, 250);
  });

  it('lists pending lines of several streams oldest first, and flush ends them', () => {
    const a = new LineAssembler();
    a.push(chunk('late', 'stdout', 20));
    a.push(chunk('early', 'stderr', 10));
    assert.deepEqual(texts(a.pending()), ['early', 'late']);
    assert.deepEqual(texts(a.flush()), ['early', 'late']);
    assert.deepEqual(a.pending(), []);
    assert.deepEqual(texts(a.push(chunk('fresh\n'))), ['fresh']);
  });
});
