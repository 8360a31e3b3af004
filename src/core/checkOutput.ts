/**
 * What a loop's check yields besides its exit code: how much of its output the next iteration is
 * told, and an eval loop's score — the last number the command prints. Apart from loop.ts (which
 * needs zod) because the task supervisor runs the check, and its bundle stays small (see
 * engine/supervisor/spec.ts).
 */

/** The "last 200 lines" of the check's output… */
export const CHECK_OUTPUT_LINES = 200;
/** …and at most this many bytes of them, so one flood of a line cannot fill a prompt. */
export const CHECK_OUTPUT_BYTES = 64 * 1024;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g;
// A sign counts only where a number can start ("score: -3.5", "x=-2"), not inside a word or a
// date: the last number of "2024-05-01" is 1, not -1.
const NUMBER = /(?:(?<![\w.])[-+])?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/g;

/** The last finite number in `line` (colours ignored), or undefined. "loss 0.25 (best 0.2)" → 0.2. */
export function lastNumber(line: string): number | undefined {
  const matches = line.replace(ANSI, '').match(NUMBER);
  for (let i = (matches?.length ?? 0) - 1; i >= 0; i--) {
    const value = Number(matches![i]);
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}

/** Follows a command's stdout line by line and keeps the last number it printed. */
export class ScoreReader {
  private last: number | undefined;

  line(text: string): void {
    const found = lastNumber(text);
    if (found !== undefined) this.last = found;
  }

  get score(): number | null {
    return this.last ?? null;
  }
}
