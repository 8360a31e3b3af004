/**
 * A search query: words that must all occur, case-insensitively, somewhere in a task's title,
 * prompt or output. Matching is plain substring matching on lower-cased text, as grep -i does.
 */
import { DispatchError } from '../../core/errors';

export interface SearchQuery {
  /** Lower-cased, without duplicates, in the order given. */
  words: string[];
}

/** Each argument may hold several words (`"failing test"` is two). */
export function parseQuery(input: string | readonly string[]): SearchQuery {
  const words = [...new Set((typeof input === 'string' ? [input] : input).flatMap(splitWords))];
  if (words.length === 0) throw new DispatchError('invalid-input', 'give at least one word to search for');
  return { words };
}

const splitWords = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/** The words of `words` that `text` contains. */
export function wordsIn(text: string, words: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return words.filter((word) => lower.includes(word));
}

export const LINE_CHARS = 160;

/**
 * `line` cut to about LINE_CHARS characters around its first match, so the match shows even in a
 * long line; cuts are marked with `…`.
 */
export function excerpt(line: string, words: readonly string[]): string {
  const text = line.trim();
  if (text.length <= LINE_CHARS) return text;
  const lower = text.toLowerCase();
  const at = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0), text.length);
  const start = Math.max(0, Math.min(at - 40, text.length - LINE_CHARS));
  const end = start + LINE_CHARS;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/**
 * Whether the raw bytes of a log must contain `word` for its text to: true for printable ASCII
 * without `"` or `\`, which JSON writes as they are. Other words skip the byte-level prefilter.
 */
export function isLiteralInRaw(word: string): boolean {
  return /^[\x20-\x7e]+$/.test(word) && !/["\\]/.test(word);
}
