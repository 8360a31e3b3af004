/**
 * Dispatch: Search Tasks — a quick pick that searches every task's title, prompt and output as the
 * user types. Each keystroke waits out a short pause, then aborts the search still running and
 * starts the next; matches stream in newest first. Picking one opens its output panel with the
 * find bar at the match.
 */
import * as vscode from 'vscode';
import { isDispatchError, messageOf } from '../../core/errors';
import type { Engine } from '../../engine/engine';
import type { SearchMatch } from '../../engine/search';
import { type SearchItem, searchItem } from './searchItems';

const DEBOUNCE_MS = 150;
/** Shown at most; past it the search stops and the title asks for more words. */
export const MAX_RESULTS = 100;
/** Matches arrive one by one: the list is redrawn at most this often while they stream. */
const REDRAW_MS = 50;

type Item = vscode.QuickPickItem & Partial<SearchItem>;

/** Resolves with the picked result, or undefined when the pick is dismissed. */
export function pickSearchResult(
  engine: Engine,
  log: vscode.LogOutputChannel,
): Promise<SearchItem | undefined> {
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Search Tasks';
  pick.placeholder = 'Words in a task’s title, prompt or output (all of them, any case)';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let debounce: NodeJS.Timeout | undefined;
  let running: AbortController | undefined;

  const search = async (typed: string) => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    if (!typed.trim()) {
      pick.items = [];
      pick.busy = false;
      pick.title = 'Search Tasks';
      return;
    }
    const found: Item[] = [];
    let redraw: NodeJS.Timeout | undefined;
    const draw = () => {
      redraw = undefined;
      if (running === controller) pick.items = [...found];
    };
    pick.busy = true;
    try {
      await engine.search(typed, {
        signal: controller.signal,
        onMatch(match: SearchMatch) {
          // alwaysShow: the search decides what matches, not the quick pick's own filter.
          found.push({ ...searchItem(match, typed), alwaysShow: true });
          if (found.length >= MAX_RESULTS) controller.abort();
          redraw ??= setTimeout(draw, REDRAW_MS);
        },
      });
    } catch (err) {
      if (!controller.signal.aborted) {
        log.error(`search "${typed}": ${messageOf(err)}`);
        if (!isDispatchError(err)) void vscode.window.showErrorMessage(`Agent Dispatch: ${messageOf(err)}`);
      }
    }
    if (running !== controller) return;
    clearTimeout(redraw);
    draw();
    pick.busy = false;
    pick.title =
      found.length >= MAX_RESULTS
        ? `Search Tasks: the newest ${MAX_RESULTS} matches (more words narrow it)`
        : `Search Tasks: ${found.length === 0 ? 'no task matches' : `${found.length} task${found.length === 1 ? '' : 's'}`}`;
  };

  return new Promise((resolve) => {
    const subscriptions = [
      pick.onDidChangeValue((value) => {
        clearTimeout(debounce);
        debounce = setTimeout(() => void search(value), DEBOUNCE_MS);
      }),
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0];
        if (chosen?.taskId) finish(chosen as SearchItem);
      }),
      pick.onDidHide(() => finish(undefined)),
    ];
    let settled = false;
    const finish = (value: SearchItem | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(debounce);
      running?.abort();
      for (const s of subscriptions) s.dispose();
      pick.dispose();
      resolve(value);
    };
    pick.show();
  });
}
