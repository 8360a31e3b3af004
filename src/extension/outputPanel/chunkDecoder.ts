/**
 * Output bytes → the protocol's text chunks. The supervisor records chunks as the pipe delivered
 * them, so one UTF-8 character can be split between two chunks of a stream, with a chunk of the
 * other stream in between. Decoding each chunk on its own would turn such a character into two
 * U+FFFD; instead each stream holds back its incomplete last bytes and puts them in front of its
 * next chunk. Pure: no vscode, no I/O.
 */
import type { OutputChunk, OutputStream } from '../../protocol/outputPanel';
import type { OutputChunk as ByteChunk } from '../../store';

interface Held {
  bytes: Buffer;
  offset: number;
  at: number;
}

export class ChunkDecoder {
  private readonly held = new Map<OutputStream, Held>();

  /** The text of `chunks`, minus any character whose last bytes have not arrived yet. */
  decode(chunks: readonly ByteChunk[]): OutputChunk[] {
    const out: OutputChunk[] = [];
    for (const { stream, data, offset, at } of chunks) {
      const held = this.held.get(stream);
      const bytes = held ? Buffer.concat([held.bytes, data]) : data;
      const start = held ? { offset: held.offset, at: held.at } : { offset, at };
      const cut = completeLength(bytes);
      if (cut < bytes.length) {
        // A copy: `bytes` may be a view into a larger read buffer.
        const rest = Buffer.from(bytes.subarray(cut));
        const restOffset = offset + data.length - rest.length;
        this.held.set(stream, { bytes: rest, offset: restOffset, at: cut === 0 ? start.at : at });
      } else {
        this.held.delete(stream);
      }
      if (cut > 0) out.push({ stream, ...start, text: bytes.toString('utf8', 0, cut) });
    }
    return out;
  }

  /** The output ended: whatever is held is decoded as it is (an incomplete character shows as U+FFFD). */
  flush(): OutputChunk[] {
    const out = [...this.held].map(([stream, h]) => ({
      stream,
      offset: h.offset,
      at: h.at,
      text: h.bytes.toString('utf8'),
    }));
    this.held.clear();
    return out.sort((a, b) => a.offset - b.offset);
  }

  /** Output was skipped (the cap dropped it unread): held bytes have lost their continuation. */
  reset(): void {
    this.held.clear();
  }
}

/** The length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence. */
export function completeLength(bytes: Uint8Array): number {
  // A sequence is at most 4 bytes, so its lead byte is at most 3 bytes before the end.
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const length = b >= 0xf0 && b <= 0xf7 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc0 && b <= 0xdf ? 2 : 1;
    return i + length > bytes.length ? i : bytes.length;
  }
  // Only continuation bytes at the end: invalid however it continues, so decode it as it is.
  return bytes.length;
}
