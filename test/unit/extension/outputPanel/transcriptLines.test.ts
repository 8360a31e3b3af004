import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TranscriptLines } from '../../../../src/extension/outputPanel/transcriptLines';
import { capturedDir } from '../../../support/captured';

/** A captured run's stdout as the store hands it over: byte chunks cut anywhere. */
function chunksOf(name: string, size: number) {
  const data = readFileSync(path.join(capturedDir, `${name}.stdout.jsonl`));
  const chunks = [];
  for (let offset = 0; offset < data.length; offset += size) {
    chunks.push({
      stream: 'stdout' as const,
      at: 1000 + offset,
      offset,
      data: data.subarray(offset, offset + size),
    });
  }
  return chunks;
}

describe('extension/outputPanel/transcriptLines', () => {
  it('turns a real Claude run into tagged lines, whole however the bytes were cut', () => {
    const whole = new TranscriptLines('claude-stream-json');
    const all = [...whole.push(chunksOf('claude-bash-default', 1 << 20)), ...whole.end()];
    const cut = new TranscriptLines('claude-stream-json');
    const pieces = [...cut.push(chunksOf('claude-bash-default', 7)), ...cut.end()];
    assert.deepEqual(
      pieces.map((c) => [c.kind, c.text]),
      all.map((c) => [c.kind, c.text]),
    );
    const kinds = all.map((c) => c.kind);
    assert.ok(kinds.includes('tool'), `a tool line in ${kinds}`);
    assert.ok(kinds.includes('denial'), `the refusal in ${kinds}`);
    assert.equal(kinds.at(-1), 'footer');
    assert.match(all.find((c) => c.kind === 'denial')!.text, /^refused: Bash/);
    assert.ok(!all.some((c) => c.text.includes('"type"')), 'no JSON left in the transcript');
    // One line per chunk, ending in its newline; the offset is the line's number.
    assert.deepEqual(
      all.map((c) => c.offset),
      all.map((_, i) => i),
    );
    assert.ok(all.every((c) => c.text.endsWith('\n') && c.text.indexOf('\n') === c.text.length - 1));
  });

  it('pages from memory: the last lines, then the ones before a line number', () => {
    const lines = new TranscriptLines('text');
    for (let i = 0; i < 10; i++) lines.add('thread', `line ${i}`, i);
    const last = lines.page(4);
    assert.deepEqual(
      last.chunks.map((c) => c.text),
      ['line 6\n', 'line 7\n', 'line 8\n', 'line 9\n'],
    );
    assert.equal(last.hasOlder, true);
    const older = lines.page(4, last.chunks[0]!.offset);
    assert.deepEqual(
      older.chunks.map((c) => c.offset),
      [2, 3, 4, 5],
    );
    assert.deepEqual(lines.page(4, 2), { chunks: lines.page(2, 2).chunks, hasOlder: false });
  });

  it('keeps a plain-text agent’s lines as they are, tagged text', () => {
    const lines = new TranscriptLines('text');
    const out = [
      ...lines.push([{ stream: 'stderr', at: 5, offset: 0, data: Buffer.from('warn: x\nhalf') }]),
      ...lines.end(),
    ];
    assert.deepEqual(
      out.map((c) => [c.kind, c.stream, c.text]),
      [
        ['text', 'stderr', 'warn: x\n'],
        ['text', 'stderr', 'half\n'],
      ],
    );
  });
});
