/**
 * Find in the log: case-insensitive plain-text search over the lines' visible text, kept up to
 * date as lines stream in (only new lines are searched), are prepended, or fall off the head.
 * Pure: no DOM.
 */

export interface Match {
  line: number;
  start: number;
  end: number;
}

/** What find needs from the log: finished lines never change; pending ones may. */
export interface LineSource {
  readonly count: number;
  readonly finishedCount: number;
  line(index: number): { text: string } | undefined;
}

/** Past this many matches the count reads "10000+" and the search stops (a query like "e"). */
export const MAX_MATCHES = 10_000;

export function queryPattern(query: string): RegExp | null {
  return query ? new RegExp(query.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), 'gi') : null;
}

/** Matches of `pattern` in lines [from, to), appended to `out` until it holds `limit`. */
export function findMatches(
  source: LineSource,
  pattern: RegExp,
  from: number,
  to: number,
  out: Match[] = [],
  limit = MAX_MATCHES,
): Match[] {
  for (let line = from; line < to && out.length < limit; line++) {
    const text = source.line(line)?.text ?? '';
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m && out.length < limit; m = pattern.exec(text)) {
      out.push({ line, start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

export class FindModel {
  private pattern: RegExp | null = null;
  /** Matches in finished lines, in order. */
  private finished: Match[] = [];
  /** Matches in pending lines (searched again on every change; there are at most a few). */
  private pending: Match[] = [];
  private all: Match[] = [];
  private searchedTo = 0;
  /** Index of the current match in all matches, or -1. */
  current = -1;
  query = '';

  get matches(): readonly Match[] {
    return this.all;
  }

  get total(): number {
    return this.all.length;
  }

  get capped(): boolean {
    return this.total >= MAX_MATCHES;
  }

  /** Searches everything again for a new query; the current match is the first one at or after `near`. */
  setQuery(query: string, source: LineSource, near = 0): void {
    this.query = query;
    this.pattern = queryPattern(query);
    this.rescan(source);
    const first = this.matches.findIndex((m) => m.line >= near);
    this.current = this.total === 0 ? -1 : first === -1 ? 0 : first;
  }

  /** Lines were appended and `dropped` lines fell off the head. */
  update(source: LineSource, dropped = 0): void {
    if (!this.pattern) {
      this.all = [];
      return;
    }
    if (dropped > 0) {
      const before = this.finished.length;
      this.finished = this.finished
        .filter((m) => m.line >= dropped)
        .map((m) => ({ ...m, line: m.line - dropped }));
      this.searchedTo = Math.max(0, this.searchedTo - dropped);
      if (this.current >= 0) this.current = Math.max(0, this.current - (before - this.finished.length));
    }
    findMatches(source, this.pattern, this.searchedTo, source.finishedCount, this.finished);
    this.searchedTo = source.finishedCount;
    this.pending = findMatches(
      source,
      this.pattern,
      source.finishedCount,
      source.count,
      [],
      MAX_MATCHES - this.finished.length,
    );
    this.all = this.pending.length ? this.finished.concat(this.pending) : this.finished;
    if (this.total === 0) this.current = -1;
    else if (this.current < 0 || this.current >= this.total)
      this.current = Math.min(Math.max(this.current, 0), this.total - 1);
  }

  /** `added` lines were put before the first; everything moves down and they are searched. */
  prepended(source: LineSource, added: number): void {
    if (!this.pattern || added === 0) return;
    const current = this.matches[this.current];
    this.rescan(source);
    this.current = current
      ? this.matches.findIndex((m) => m.line === current.line + added && m.start === current.start)
      : -1;
    if (this.current < 0 && this.total > 0) this.current = 0;
  }

  rescan(source: LineSource): void {
    this.finished = [];
    this.pending = [];
    this.searchedTo = 0;
    this.update(source);
  }

  /** Moves to the next (+1) or previous (−1) match, wrapping; returns it. */
  step(direction: 1 | -1): Match | undefined {
    if (this.total === 0) return undefined;
    this.current = (this.current + direction + this.total) % this.total;
    return this.matches[this.current];
  }

  /** The matches on one line (binary search: the view asks for each visible row). */
  inLine(line: number): Match[] {
    const all = this.matches;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]!.line < line) lo = mid + 1;
      else hi = mid;
    }
    const found: Match[] = [];
    for (let i = lo; i < all.length && all[i]!.line === line; i++) found.push(all[i]!);
    return found;
  }

  /** "3 of 41", "No results", "1 of 10000+"; empty when there is no query. */
  describe(): string {
    if (!this.query) return '';
    if (this.total === 0) return 'No results';
    return `${this.current + 1} of ${this.total}${this.capped ? '+' : ''}`;
  }
}
