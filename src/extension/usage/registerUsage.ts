/**
 * Keeps this window's "Usage today" current and says once when the daily budget holds the queue.
 * Reads are debounced after store changes (a burst of commits costs one read of two SQL sums),
 * redone when the budget setting changes, and at local midnight, when today starts over and a
 * budget that was reached lifts.
 */
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors';
import { startOfLocalDay } from '../../core/usage';
import type { EngineHost } from '../engineHost';
import type { LiveState } from '../model/liveState';
import type { Settings } from '../settings';
import { TodayUsage } from './todayUsage';

// The tooltip is read when hovered, not watched: a second late costs nothing, a read per commit would.
const DEBOUNCE_MS = 1000;
const BUDGET_SETTING = 'dispatch.budget.dailyUsd';

export function registerUsage(
  context: vscode.ExtensionContext,
  deps: { host: EngineHost; settings: Settings; live: LiveState; log: vscode.LogOutputChannel },
): TodayUsage {
  const today = new TodayUsage();
  let debounce: NodeJS.Timeout | undefined;
  let midnight: NodeJS.Timeout | undefined;
  let lastError: string | undefined;
  /** The day and budget this window last gave notice for: one notice each, not one per change. */
  let noticed: string | undefined;

  const refresh = () => {
    debounce = undefined;
    try {
      today.refresh(deps.host.engine, deps.settings.current['budget.dailyUsd'], Date.now());
      lastError = undefined;
    } catch (err) {
      // A damaged row fails every read alike: log it once.
      if (messageOf(err) !== lastError) deps.log.error(`reading today's usage: ${messageOf(err)}`);
      lastError = messageOf(err);
    }
    noticeBudget();
  };
  const soon = () => {
    debounce ??= setTimeout(refresh, DEBOUNCE_MS);
  };
  const atMidnight = () => {
    const next = new Date();
    next.setHours(24, 0, 1, 0); // just after the next local midnight, whatever the day's length
    midnight = setTimeout(() => {
      refresh();
      atMidnight();
    }, next.getTime() - Date.now());
  };

  const noticeBudget = () => {
    const shown = today.current;
    if (!shown?.hold || deps.live.tasks.count('queued') === 0) return;
    const key = `${startOfLocalDay(Date.now())}:${shown.dailyUsd}`;
    if (key === noticed) return;
    noticed = key;
    deps.log.info(`${shown.hold}: queued tasks wait`);
    void vscode.window
      .showWarningMessage(
        `Agent Dispatch: ${shown.hold}. Queued tasks wait until midnight or a higher budget.`,
        'Open Setting',
      )
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', BUDGET_SETTING);
      });
  };

  atMidnight();
  context.subscriptions.push(
    deps.host.onDidChange(soon),
    deps.settings.onDidChange((keys) => {
      if (keys.includes('budget.dailyUsd')) soon();
    }),
    {
      dispose() {
        clearTimeout(debounce);
        clearTimeout(midnight);
      },
    },
  );
  soon();
  return today;
}
