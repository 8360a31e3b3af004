/**
 * Full-text search over every task (`dispatch search`, and the editor's search): the tasks whose
 * title, prompt and output hold all the query's words between them, newest first, each with the
 * first line that holds any of them. Results stream out through `onMatch` as they are found, and
 * an AbortSignal stops the search between reads.
 *
 * Cost stays near grep's: a task's raw log is first scanned byte by byte (rawScan.ts) for the
 * words its title and prompt lack, and only a log that holds them all is read as text
 * (outputText.ts) — decoding a structured agent's events is what costs. Words that are not plain
 * ASCII skip the prefilter. Words that only Dispatch adds when rendering a transcript (the
 * footer's "done", its token counts) are not in the raw bytes, so they do not find a task.
 */
import type { Task } from '../../core/task';
import type { TaskState } from '../../core/taskState';
import type { StateReader } from '../../store';
import { eachOutputLine } from './outputText';
import { excerpt, isLiteralInRaw, parseQuery, type SearchQuery, wordsIn } from './query';
import { rawWordsIn } from './rawScan';

export interface SearchMatch {
  task: Task;
  /** Where `line` comes from: the first output line with any word, else the prompt's, else the title. */
  where: 'output' | 'prompt' | 'title';
  /** That line, trimmed to about 160 characters around the match. */
  line: string;
  /** 1-based line number of `line` in the output's text (the transcript for structured agents). */
  lineNumber?: number;
}

export interface SearchOptions {
  states?: readonly TaskState[];
  signal?: AbortSignal;
  /** Each match as soon as it is found, newest task first. */
  onMatch?(match: SearchMatch): void;
}

export interface SearchSummary {
  matches: number;
  searched: number;
}

const PAGE = 200;

/** Throws the signal's reason when aborted, DispatchError 'invalid-input' for an empty query. */
export async function searchTasks(
  state: StateReader,
  input: string | readonly string[],
  options: SearchOptions = {},
): Promise<SearchSummary> {
  const query = parseQuery(input);
  const outputDir = state.paths.outputDir;
  const seen = new Set<string>();
  let matches = 0;
  for (let offset = 0; ; offset += PAGE) {
    options.signal?.throwIfAborted();
    const states = options.states ? [...options.states] : undefined;
    const page = state.read((r) => r.tasks.list({ ...(states ? { states } : {}), limit: PAGE, offset }));
    for (const task of page) {
      // A task queued meanwhile shifts the pages by one: never report a task twice.
      if (seen.has(task.id)) continue;
      seen.add(task.id);
      const match = await matchTask(outputDir, task, query, options.signal);
      if (!match) continue;
      matches++;
      options.onMatch?.(match);
    }
    if (page.length < PAGE) return { matches, searched: seen.size };
  }
}

export async function matchTask(
  outputDir: string,
  task: Task,
  query: SearchQuery,
  signal?: AbortSignal,
): Promise<SearchMatch | undefined> {
  const { words } = query;
  const inTitle = wordsIn(task.title, words);
  const inPrompt = wordsIn(task.prompt, words);
  const missing = words.filter((w) => !inTitle.includes(w) && !inPrompt.includes(w));
  // Every missing word must be in the raw bytes (a pass each, stopping at the first absent);
  // the other words then only decide whether the output may show the matching line.
  const needed = missing.filter(isLiteralInRaw);
  const withSignal = signal ? { signal } : {};
  const raw = await rawWordsIn(outputDir, task.id, needed, { all: true, ...withSignal });
  if (raw.size < needed.length) return undefined;
  const others = words.filter((w) => isLiteralInRaw(w) && !needed.includes(w));
  if (needed.length === 0 && others.length > 0) {
    for (const w of await rawWordsIn(outputDir, task.id, others, withSignal)) raw.add(w);
  }
  const found = new Set(words.filter((w) => !missing.includes(w)));
  let first: { line: string; number: number } | undefined;
  let number = 0;
  // Read as text only when the raw bytes hold a word, or a word could not be checked there.
  const outputMayHold = raw.size > 0 || words.some((w) => !isLiteralInRaw(w));
  if (outputMayHold)
    await eachOutputLine(
      outputDir,
      task,
      (text) => {
        number++;
        const here = wordsIn(text, words);
        if (here.length === 0) return false;
        first ??= { line: text, number };
        for (const w of here) found.add(w);
        return found.size === words.length;
      },
      signal,
    );
  if (found.size < words.length) return undefined;
  if (first) return { task, where: 'output', line: excerpt(first.line, words), lineNumber: first.number };
  const promptLine = task.prompt.split('\n').find((l) => wordsIn(l, words).length > 0);
  if (promptLine !== undefined) return { task, where: 'prompt', line: excerpt(promptLine, words) };
  return { task, where: 'title', line: excerpt(task.title, words) };
}
