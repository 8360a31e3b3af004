// biome-ignore-all lint/suspicious/noControlCharactersInRegex: this module exists to find control characters.
/**
 * Escape sequences → styled text data. anser interprets SGR (colours, bold, …) one CSI at a
 * time through its JSON entry point; this module removes everything else a terminal would not
 * print (OSC — including OSC 8 hyperlinks, whose target is dropped, never linked — DCS, lone
 * escapes, control characters) and applies lone \r the way a progress bar means it. The result
 * is data, rendered later with textContent only. Pure: no DOM.
 */
import Anser from 'anser';

/** A theme colour name (`ansiRed`, `ansiBrightBlue`: --vscode-terminal-<name>) or `#rrggbb`. */
export type AnsiColor = string;

export interface SpanStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: true;
  dim?: true;
  italic?: true;
  underline?: true;
  strikethrough?: true;
  inverse?: true;
  hidden?: true;
}

export interface StyledSpan extends SpanStyle {
  text: string;
}

/** A line as shown: its visible text (what find searches and Copy copies) and its styling. */
export interface StyledLine {
  text: string;
  /** null when the whole line is unstyled (most lines: no allocation beyond the text). */
  spans: StyledSpan[] | null;
}

/** SGR state carried from one line of a stream to the next, as anser keeps it. */
export interface AnsiState {
  fg: string | null;
  bg: string | null;
  fgTrue: string | null;
  bgTrue: string | null;
  decorations: readonly string[];
}

export const PLAIN_STATE: AnsiState = { fg: null, bg: null, fgTrue: null, bgTrue: null, decorations: [] };

// OSC, DCS, SOS, PM, APC: up to BEL or ST, or the end of the line when unterminated.
const OSC_OR_STRING = /\x1b[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)/g;
const COLON_SGR = /\x1b\[([0-9;:]*:[0-9;:]*)m/g;
const OTHER_ESCAPE = /\x1b(?!\[)[ -/]*[0-~]?/g;
const UNFINISHED_CSI = /\x1b\[[0-?]*[ -/]*$/;
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]/g;
const NEEDS_WORK = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const DECORATIONS = ['bold', 'dim', 'italic', 'underline', 'strikethrough', 'hidden'] as const;

/** The instance fields anser keeps its SGR state in (not in its typings). */
type StatefulAnser = Anser & {
  fg: string | null;
  bg: string | null;
  fg_truecolor: string | null;
  bg_truecolor: string | null;
  decorations: string[];
};

/** Parses one line given the state its stream was left in; returns the line and the new state. */
export function parseAnsiLine(raw: string, state: AnsiState): { line: StyledLine; state: AnsiState } {
  if (!NEEDS_WORK.test(raw) && isPlain(state)) return { line: { text: raw, spans: null }, state };
  const anser = new Anser() as StatefulAnser;
  anser.fg = state.fg;
  anser.bg = state.bg;
  anser.fg_truecolor = state.fgTrue;
  anser.bg_truecolor = state.bgTrue;
  anser.decorations = [...state.decorations];

  const [first = '', ...csiChunks] = sanitize(raw).split('\x1b[');
  const spans: StyledSpan[] = [{ text: first, ...styleOf(anser) }];
  for (const chunk of csiChunks) {
    // anser consumes the sequence at the chunk's start and updates its state; the rest is text.
    const { content } = anser.processChunkJson(chunk, { json: true, use_classes: true }, true);
    spans.push({ text: content, ...styleOf(anser) });
  }
  const next: AnsiState = {
    fg: anser.fg,
    bg: anser.bg,
    fgTrue: anser.fg_truecolor,
    bgTrue: anser.bg_truecolor,
    decorations: [...anser.decorations],
  };
  return { line: finish(applyCarriageReturns(spans)), state: next };
}

function isPlain(state: AnsiState): boolean {
  return state.fg === null && state.bg === null && state.decorations.length === 0;
}

function sanitize(raw: string): string {
  return raw
    .replace(OSC_OR_STRING, '')
    .replace(COLON_SGR, (_all, params: string) => `\x1b[${params.split(';').map(colonParam).join(';')}m`)
    .replace(OTHER_ESCAPE, '')
    .replace(UNFINISHED_CSI, '')
    .replace(CONTROLS, '');
}

/** `38:2::r:g:b` / `38:5:n` (ITU form) → anser's `38;2;r;g;b` / `38;5;n`; `4:3` → `4`. */
function colonParam(param: string): string {
  const parts = param.split(':');
  if (parts.length === 1) return param;
  const [code = '', mode] = parts;
  if ((code === '38' || code === '48') && mode === '2' && parts.length >= 5) {
    return [code, '2', ...parts.slice(-3)].join(';');
  }
  if ((code === '38' || code === '48') && mode === '5' && parts.length === 3) return parts.join(';');
  return code;
}

function styleOf(anser: StatefulAnser): SpanStyle {
  const style: SpanStyle = {};
  const fg = colorOf(anser.fg, anser.fg_truecolor);
  const bg = colorOf(anser.bg, anser.bg_truecolor);
  if (fg) style.fg = fg;
  if (bg) style.bg = bg;
  const decorations = new Set(anser.decorations);
  for (const name of DECORATIONS) if (decorations.has(name)) style[name] = true;
  if (decorations.has('reverse')) style.inverse = true;
  return style;
}

/** anser's class names (use_classes) → a theme colour name or a hex colour. */
function colorOf(value: string | null, truecolor: string | null): AnsiColor | undefined {
  if (!value) return undefined;
  if (value === 'ansi-truecolor') return truecolor ? hex(truecolor.split(',').map(Number)) : undefined;
  const palette = /^ansi-palette-(\d+)$/.exec(value);
  if (palette) return hex(xtermRgb(Number(palette[1])));
  const named = /^ansi-(bright-)?(black|red|green|yellow|blue|magenta|cyan|white)$/.exec(value);
  if (!named) return undefined;
  const name = named[2]!;
  return `ansi${named[1] ? 'Bright' : ''}${name[0]!.toUpperCase()}${name.slice(1)}`;
}

/** The xterm 256-colour palette above the 16 theme colours: a 6×6×6 cube, then 24 greys. */
export function xtermRgb(index: number): number[] {
  if (index >= 232) return Array(3).fill(8 + 10 * (index - 232));
  const levels = [0, 95, 135, 175, 215, 255];
  const i = index - 16;
  return [levels[Math.floor(i / 36)]!, levels[Math.floor(i / 6) % 6]!, levels[i % 6]!];
}

function hex(rgb: number[]): string {
  return `#${rgb.map((c) => Math.max(0, Math.min(255, c)).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A lone \r returns the cursor to column 0: progress bars redraw the line that way. Show the
 * last non-empty redraw (one ending in \r, or cleared with \x1b[K, is about to be redrawn).
 * Styles survive because anser saw every sequence in order.
 */
function applyCarriageReturns(spans: StyledSpan[]): StyledSpan[] {
  if (!spans.some((s) => s.text.includes('\r'))) return spans;
  const segments: StyledSpan[][] = [[]];
  for (const span of spans) {
    span.text.split('\r').forEach((text, i) => {
      if (i > 0) segments.push([]);
      segments[segments.length - 1]!.push({ ...span, text });
    });
  }
  for (let i = segments.length - 1; i >= 0; i--) {
    if (segments[i]!.some((s) => s.text !== '')) return segments[i]!;
  }
  return [];
}

/** Drops empty spans, merges neighbours styled alike, and returns null spans for plain lines. */
function finish(spans: StyledSpan[]): StyledLine {
  const merged: StyledSpan[] = [];
  for (const span of spans) {
    if (!span.text) continue;
    const last = merged[merged.length - 1];
    if (last && sameStyle(last, span)) last.text += span.text;
    else merged.push({ ...span });
  }
  const text = merged.map((s) => s.text).join('');
  const styled = merged.some((s) => Object.keys(s).length > 1);
  return { text, spans: styled ? merged : null };
}

function sameStyle(a: StyledSpan, b: StyledSpan): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('text');
  for (const key of keys) if (a[key as keyof SpanStyle] !== b[key as keyof SpanStyle]) return false;
  return true;
}
