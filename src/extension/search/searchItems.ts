/**
 * What Search Tasks shows for a match, and what it hands the output panel's find bar. Pure (no
 * `vscode`), so it is unit-tested on its own.
 */
import type { SearchMatch } from '../../engine/search';
import { STATE_LABELS } from '../views/format';

export interface SearchItem {
  label: string;
  description: string;
  detail: string;
  taskId: string;
  /** The text the panel's find bar opens with. */
  find: string;
}

export function searchItem(match: SearchMatch, typed: string): SearchItem {
  const { task } = match;
  const where = match.where === 'output' ? `line ${match.lineNumber}` : match.where;
  return {
    label: task.title,
    description: `${STATE_LABELS[task.state]} · ${task.agent} · ${task.id}`,
    detail: `${where}: ${match.line}`,
    taskId: task.id,
    find: findText(typed, match.line),
  };
}

/**
 * The panel finds one string, the search needs all the words: the whole query where the matching
 * line holds it as typed, else the first of its words that the line holds, so the first match the
 * panel shows is the line the search found (no earlier output line holds any of the words).
 */
export function findText(typed: string, line: string): string {
  const phrase = typed.trim().replace(/\s+/g, ' ');
  const lower = line.toLowerCase();
  if (lower.includes(phrase.toLowerCase())) return phrase;
  const words = phrase.split(' ');
  return words.find((w) => lower.includes(w.toLowerCase())) ?? words[0] ?? '';
}
