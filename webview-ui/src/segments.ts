/**
 * One row's pieces: the line's styled spans cut where find matches begin and end, so the view
 * can mark matches without losing colours. Pure: no DOM.
 */
import type { SpanStyle, StyledLine } from './ansi';
import type { Match } from './find';

export interface Segment extends SpanStyle {
  text: string;
  match?: 'match' | 'current';
}

export function rowSegments(line: StyledLine, matches: readonly Match[], current?: Match): Segment[] {
  const spans = line.spans ?? [{ text: line.text }];
  if (matches.length === 0) return spans;
  const out: Segment[] = [];
  let offset = 0;
  for (const span of spans) {
    const end = offset + span.text.length;
    const cuts = new Set([offset, end]);
    for (const m of matches) {
      if (m.start > offset && m.start < end) cuts.add(m.start);
      if (m.end > offset && m.end < end) cuts.add(m.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i]!;
      const to = points[i + 1]!;
      const hit = matches.find((m) => m.start <= from && to <= m.end);
      const segment: Segment = { ...span, text: span.text.slice(from - offset, to - offset) };
      if (hit) segment.match = hit === current ? 'current' : 'match';
      out.push(segment);
    }
    offset = end;
  }
  return out;
}
