// biome-ignore-all lint/suspicious/noControlCharactersInRegex: this module exists to remove control characters.
/**
 * Terminal output → the text a terminal would leave on screen, for "Open as Text": escape
 * sequences go (SGR colours, cursor movement, OSC titles and hyperlinks — the link text stays, its
 * target goes — DCS and other strings, charset and keypad escapes), other control characters go,
 * tabs and newlines stay, and a carriage return redraws its line as a progress bar means it.
 *
 * Not anser: its ansiToText removes only `ESC [` sequences it understands, leaves OSC, charset
 * escapes and `\r` in place, and turns an ITU colour (`ESC [38:2::255:0:0m`) into visible
 * `38:2::255:0:0m`. The grammar below is ECMA-48's, the same the panel's parser sanitizes with.
 * Pure: no vscode, no I/O.
 */

/**
 * One alternation, so a line is scanned once:
 *   - OSC, DCS, SOS, PM, APC (`ESC ] P X ^ _`): up to BEL or ST, or the end when unterminated;
 *   - CSI: parameters (`0-9:;<=>?`), intermediates, a final byte — or the end when unfinished;
 *   - any other escape: intermediates and a final byte (`ESC ( B`, `ESC =`, `ESC 7`), or a lone ESC;
 *   - C0 controls but tab, newline and carriage return; DEL; C1 controls (U+0080–U+009F).
 */
const ESCAPES =
  /\x1b[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|\x1b\[[0-?]*[ -/]*(?:[@-~]|$)|\x1b[ -/]*[0-~]?|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]/g;
const NEEDS_WORK = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** Removes escape sequences and control characters; keeps text, tabs, newlines and `\r`. */
export function stripAnsi(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(ESCAPES, '') : text;
}

/**
 * One line (no `\n`) as shown: stripped, then, when `\r` returned the cursor to column 0, the last
 * non-empty redraw — a redraw that ends in `\r` (or in `\r\n`) is about to be overwritten, and the
 * panel shows the same.
 */
export function plainLine(raw: string): string {
  const text = stripAnsi(raw);
  if (!text.includes('\r')) return text;
  const redraws = text.split('\r');
  for (let i = redraws.length - 1; i >= 0; i--) if (redraws[i]) return redraws[i]!;
  return '';
}

/** Text made of whole lines, each line handled by plainLine; `\n` is kept. */
export function plainLines(raw: string): string {
  if (!NEEDS_WORK.test(raw)) return raw;
  // Sequences never span a newline in practice; an unterminated OSC ends with its line.
  return raw.split('\n').map(plainLine).join('\n');
}

/**
 * A line still being written, made short without changing how it reads: everything before its
 * last `\r` is replaced by the redraw it would show. A progress bar that redraws for an hour
 * without a newline stays one redraw long. A sequence never contains `\r`, so none is cut.
 */
export function compactLine(raw: string): string {
  const last = raw.lastIndexOf('\r');
  if (last <= 0) return raw;
  return `${plainLine(raw.slice(0, last))}${raw.slice(last)}`;
}
