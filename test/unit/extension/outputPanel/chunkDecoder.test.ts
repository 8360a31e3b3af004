import assert from 'node:assert/strict';
import { ChunkDecoder, completeLength } from '../../../../src/extension/outputPanel/chunkDecoder';
import type { OutputStream } from '../../../../src/protocol/outputPanel';
import type { OutputChunk } from '../../../../src/store/output/outputReader';

/** Byte chunks of `text` cut at the given byte positions, alternating streams if asked. */
function cut(text: string, at: number[], streams: OutputStream[] = ['stdout']): OutputChunk[] {
  const bytes = Buffer.from(text);
  const bounds = [0, ...at, bytes.length];
  return bounds.slice(1).map((end, i) => ({
    offset: bounds[i]!,
    stream: streams[i % streams.length]!,
    at: 1000 + i,
    data: bytes.subarray(bounds[i]!, end),
  }));
}

describe('extension/outputPanel/chunkDecoder', () => {
  it('completeLength stops before an unfinished sequence and nowhere else', () => {
    const euro = Buffer.from('€'); // e2 82 ac
    const smile = Buffer.from('😀'); // f0 9f 98 80
    assert.equal(completeLength(Buffer.from('abc')), 3);
    assert.equal(completeLength(euro), 3);
    assert.equal(completeLength(euro.subarray(0, 1)), 0);
    assert.equal(completeLength(euro.subarray(0, 2)), 0);
    assert.equal(completeLength(Buffer.concat([Buffer.from('a'), smile.subarray(0, 3)])), 1);
    assert.equal(
      completeLength(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80])),
      5,
      'garbage is not held forever',
    );
  });

  it('joins a character split across chunks, at every cut position', () => {
    const text = 'a€b😀c\n';
    const length = Buffer.byteLength(text);
    for (let i = 1; i < length; i++) {
      const decoder = new ChunkDecoder();
      const out = decoder.decode(cut(text, [i]));
      assert.equal(out.map((c) => c.text).join(''), text, `cut at ${i}`);
      assert.ok(!out.some((c) => c.text.includes('\ufffd')));
      assert.deepEqual(decoder.flush(), []);
    }
  });

  it('keeps each stream apart when another stream comes between the halves', () => {
    const decoder = new ChunkDecoder();
    const euro = Buffer.from('€');
    const out = decoder.decode([
      { offset: 0, stream: 'stdout', at: 1, data: Buffer.concat([Buffer.from('x'), euro.subarray(0, 1)]) },
      { offset: 2, stream: 'stderr', at: 2, data: Buffer.from('err\n') },
      { offset: 6, stream: 'stdout', at: 3, data: Buffer.concat([euro.subarray(1), Buffer.from('\n')]) },
    ]);
    assert.deepEqual(
      out.map((c) => [c.stream, c.offset, c.text]),
      [
        ['stdout', 0, 'x'],
        ['stderr', 2, 'err\n'],
        ['stdout', 1, '€\n'], // starts at the held lead byte
      ],
    );
  });

  it('flush() gives up on an unfinished character; reset() forgets it', () => {
    const decoder = new ChunkDecoder();
    assert.deepEqual(decoder.decode(cut('€', [1]).slice(0, 1)), []);
    assert.deepEqual(
      decoder.flush().map((c) => c.text),
      ['\ufffd'],
    );
    decoder.decode(cut('€', [2]).slice(0, 1));
    decoder.reset();
    assert.deepEqual(
      decoder.decode([{ offset: 9, stream: 'stdout', at: 1, data: Buffer.from('ok') }]).map((c) => c.text),
      ['ok'],
    );
  });
});
