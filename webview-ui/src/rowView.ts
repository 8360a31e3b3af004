/**
 * Puts one log line into a row element. Output is only ever text here: every piece is a <span>
 * made by this code, filled with textContent; colours are set through the CSSOM (allowed by the
 * panel's CSP, unlike style attributes). Nothing from the output becomes markup, a link or an
 * attribute other than the row's tooltip text.
 */
import type { LineKind } from '../../src/protocol/outputPanel';
import type { AnsiColor } from './ansi';
import { formatTimestamp } from './format';
import type { LogLine } from './logModel';
import type { Segment } from './segments';

const KIND_LABELS: Record<LineKind, string> = {
  session: 'session',
  prompt: 'prompt',
  message: 'message',
  tool: 'tool call',
  toolResult: 'tool result (abridged)',
  denial: 'refused action',
  retry: 'retry',
  limit: 'usage limit',
  warning: 'warning',
  error: 'error',
  summary: 'final message',
  footer: 'usage',
  text: 'output',
  noise: 'start-up noise',
  system: 'dispatch',
  thread: 'reply thread',
};

export function renderRow(
  row: HTMLElement,
  line: LogLine,
  segments: readonly Segment[],
  showTimestamps: boolean,
) {
  // A transcript line's kind styles it (styles.css: noise dimmed and labelled, refusals marked).
  row.className = line.kind ? `row ${line.stream} kind-${line.kind}` : `row ${line.stream}`;
  // Hovering a line tells when it was printed, on which stream, and what it is.
  row.title = `${formatTimestamp(line.at)} · ${line.stream}${line.kind ? ` · ${KIND_LABELS[line.kind]}` : ''}`;
  const children: HTMLElement[] = [];
  if (showTimestamps) {
    const stamp = document.createElement('span');
    stamp.className = 'stamp';
    stamp.textContent = formatTimestamp(line.at);
    children.push(stamp);
  }
  for (const segment of segments) children.push(segmentElement(segment));
  row.replaceChildren(...children);
}

function segmentElement(segment: Segment): HTMLElement {
  const span = document.createElement('span');
  span.textContent = segment.text;
  const classes: string[] = [];
  if (segment.bold) classes.push('bold');
  if (segment.dim) classes.push('dim');
  if (segment.italic) classes.push('italic');
  if (segment.underline) classes.push('underline');
  if (segment.strikethrough) classes.push('strike');
  if (segment.hidden) classes.push('concealed');
  if (segment.match) classes.push(segment.match === 'current' ? 'match current' : 'match');
  if (classes.length) span.className = classes.join(' ');
  const fg = segment.inverse ? (segment.bg ?? 'editor-background') : segment.fg;
  const bg = segment.inverse ? (segment.fg ?? 'editor-foreground') : segment.bg;
  if (fg) span.style.color = cssColor(fg);
  if (bg) span.style.backgroundColor = cssColor(bg);
  return span;
}

/** A theme colour name becomes its VS Code variable; ansi.ts only produces names and #rrggbb. */
function cssColor(color: AnsiColor): string {
  if (color.startsWith('#')) return color;
  if (color === 'editor-background') return 'var(--vscode-editor-background)';
  if (color === 'editor-foreground') return 'var(--vscode-editor-foreground)';
  return `var(--vscode-terminal-${color})`;
}
