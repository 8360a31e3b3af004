import assert from 'node:assert/strict';
import { LineSplitter, TailKeeper } from '../../../../src/engine/supervisor/streamLines';

describe('engine/supervisor/streamLines', () => {
  it('splits lines across chunks, drops \\r, and ends an unterminated last line', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    for (const part of ['{"a":', '1}\r\n{"b"', ':2}\nlast']) splitter.push(Buffer.from(part));
    splitter.end();
    assert.deepEqual(lines, ['{"a":1}', '{"b":2}', 'last']);
  });

  it('drops a line longer than the bound instead of buffering it', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l), 10);
    splitter.push(Buffer.from('x'.repeat(8)));
    splitter.push(Buffer.from('y'.repeat(8)));
    splitter.push(Buffer.from('\nshort\n'));
    assert.deepEqual(lines, ['short']);
  });

  it('remembers the last non-empty line without colours, from a bounded tail', () => {
    const tail = new TailKeeper(64);
    tail.push(Buffer.from('first\n'));
    for (let i = 0; i < 100; i++) tail.push(Buffer.from(`noise ${i}\n`));
    tail.push(Buffer.from('\x1b[31mError: it broke\x1b[0m\n\n'));
    assert.equal(tail.lastLine(), 'Error: it broke');
    assert.equal(new TailKeeper().lastLine(), undefined);
  });
});
