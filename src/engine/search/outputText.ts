/**
 * A task's output as the text a person reads, line by line, for matching: the transcript for an
 * agent with structured output (so JSON keys and syntax never match, only what the agent said and
 * did), the plain lines without ANSI colours for any other. Read through the store's reader in
 * bounded slices, so a long log costs time, never memory; lines are whole (the transcript keeps a
 * partial line until its newline), so no match is split across reads.
 */
import { readFrom } from '../../store';
import { outputFormatOf } from '../agents';
import { createTranscript } from '../agents/transcript';

const SLICE_BYTES = 1024 * 1024;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/**
 * Calls `onLine` with each line of the task's output in order until it returns true (found what
 * it looks for) or the output ends.
 */
export async function eachOutputLine(
  outputDir: string,
  task: { id: string; agent: string },
  onLine: (text: string) => boolean,
  signal?: AbortSignal,
): Promise<void> {
  const transcript = createTranscript(outputFormatOf(task.agent));
  const feed = (lines: readonly { text: string }[]) =>
    lines.some((line) => onLine(line.text.replace(ANSI, '')));
  let offset = 0;
  let hint: number | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const slice = await readFrom(outputDir, task.id, offset, {
      maxBytes: SLICE_BYTES,
      ...(hint === undefined ? {} : { recordHint: hint }),
    });
    if (slice.end <= offset) break;
    if (feed(transcript.chunks(slice.chunks))) return;
    offset = slice.end;
    hint = slice.nextRecord;
  }
  feed(transcript.end());
}
