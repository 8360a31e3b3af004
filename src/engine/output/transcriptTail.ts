/**
 * The last lines of a task's output for an assistant (the MCP `output` tool, the editor's language
 * model tool): the transcript of a structured agent (what `dispatch logs` prints: messages, tool
 * calls, refusals, the footer) or, with `raw`, the agent's own lines. A transcript line has no fixed place in the raw bytes, so the whole log is
 * read (it is capped by dispatch.maxOutputMB) and only the last `lines` are kept.
 */
import type { Task } from '../../core/task';
import { readFrom } from '../../store';
import { outputFormatOf } from '../agents';
import { createTranscript } from '../agents/transcript';

export interface OutputTail {
  lines: string[];
  /** Lines before the ones returned. */
  omitted: number;
  /** Bytes the log cap dropped from its head before they could be read. */
  droppedBytes: number;
}

const READ_BYTES = 4 * 1024 * 1024;

export async function outputTail(
  outputDir: string,
  task: Task,
  options: { lines: number; raw: boolean },
): Promise<OutputTail> {
  const transcript = createTranscript(options.raw ? 'text' : outputFormatOf(task.agent));
  const kept: string[] = [];
  let omitted = 0;
  const keep = (lines: readonly { text: string }[]) => {
    kept.push(...lines.map((line) => line.text));
    const over = kept.length - options.lines;
    if (over > 0) {
      kept.splice(0, over);
      omitted += over;
    }
  };
  let from = 0;
  let droppedBytes = 0;
  for (;;) {
    const slice = await readFrom(outputDir, task.id, from, { maxBytes: READ_BYTES });
    droppedBytes += slice.skippedBytes;
    if (slice.end === from) break;
    keep(transcript.chunks(slice.chunks));
    from = slice.end;
  }
  keep(transcript.end());
  return { lines: kept, omitted, droppedBytes };
}
