/**
 * One notification per task, in the window that acted on it. Delegating (or retrying) a task, or
 * cancelling one, *follows* it: a progress notification whose line changes in place — "Queued: …",
 * "Running: … (claude)", "Cancelling: …" — and whose Cancel button cancels the task. When the task
 * ends the progress closes and one message says how it ended, with its actions (finalMessage.ts).
 * A task that pauses at its agent's usage limit is still followed: the progress closes and one
 * message says what comes next, with Resume Now (pauseMessage.ts) — one for all the followed tasks
 * the same limit stopped together (pauseGather.ts); when it runs again a progress opens again,
 * and its end is told as usual.
 * A cancel asked for in another window or a terminal closes it quietly: that notice belongs where
 * Cancel was pressed. Only with `dispatch.notifications` "all": otherwise the end is announced by
 * the finish watch per the setting (../notifications.ts), and delegating says so in the status bar.
 */
import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import { CommandIds } from '../commandIds';
import type { EngineHost } from '../engineHost';
import { CANCELLED_BY_USER } from '../model/finishWatch';
import type { Settings } from '../settings';
import { showFinal } from './finalMessage';
import { progressText } from './noticeText';
import { type GatherView, PauseGather } from './pauseGather';
import { showPausedGroup } from './pauseMessage';

export interface TaskNotices extends vscode.Disposable {
  /** Follows the task from now until it ends. `cancelling`: Cancel was pressed in this window. */
  follow(task: Task, why: 'delegated' | 'cancelling'): void;
  /** Whether this window follows (or has just announced) the task: the finish watch leaves it be. */
  handles(taskId: string): boolean;
}

interface Followed {
  line: string;
  cancelledHere: boolean;
  /** Whether its progress notification is showing (not while the task is paused). */
  open: boolean;
  /** The end of the run whose pause was told, so each pause is told once. */
  toldPause: number | null;
  report(line: string): void;
  close(): void;
}

/** How many announced ids are kept so the finish watch, told of the same end, does not repeat it. */
const RECENT = 200;

export function createTaskNotices(deps: { host: EngineHost; settings: Settings }): TaskNotices {
  const followed = new Map<string, Followed>();
  const announced = new Set<string>();
  const gather = new PauseGather();
  let gatherTimer: NodeJS.Timeout | undefined;
  let disposed = false;

  const read = (taskId: string) => deps.host.engine?.state.read((r) => r.tasks.get(taskId));
  const waitsFor = (taskId: string) =>
    deps.host.engine?.state.read((r) => r.dependencies.waiting().get(taskId)?.length) ?? 0;

  const end = (task: Task, entry: Followed | undefined) => {
    followed.delete(task.id);
    entry?.close();
    announced.add(task.id);
    if (announced.size > RECENT) announced.delete(announced.values().next().value!);
    const byOthers = task.state === 'cancelled' && task.reason === CANCELLED_BY_USER && !entry?.cancelledHere;
    if (byOthers) return;
    void showFinal(task, deps.host.engine, deps.settings.current);
  };

  const pause = (task: Task, entry: Followed) => {
    if (entry.open) entry.close();
    Object.assign(entry, { open: false, line: '', report() {}, close() {} });
    if (entry.toldPause === task.endedAt) return;
    entry.toldPause = task.endedAt;
    gather.add(task, Date.now());
    // After the change is handled: the tasks it paused with this one join its batch first.
    queueMicrotask(tellPaused);
  };

  /** Tells the paused tasks gathered that are due, and wakes up for the next batch's deadline. */
  const tellPaused = () => {
    clearTimeout(gatherTimer);
    const engine = deps.host.engine;
    if (!engine || disposed) return gather.clear();
    const view: GatherView = {
      task: (taskId) => read(taskId),
      running: (agent) => engine.state.read((r) => r.workers.runningByAgent().get(agent) ?? 0),
      followed: () => followed.keys(),
    };
    for (const group of gather.due(view, Date.now())) void showPausedGroup(group, engine);
    const deadline = gather.deadline();
    if (deadline !== undefined) gatherTimer = setTimeout(tellPaused, Math.max(0, deadline - Date.now()));
  };

  const update = (taskId: string) => {
    const entry = followed.get(taskId);
    if (!entry) return;
    const task = read(taskId);
    if (!task) {
      followed.delete(taskId); // deleted meanwhile: nothing left to say
      entry.close();
      return;
    }
    if (isTerminal(task.state)) return end(task, entry);
    if (task.state === 'paused') return pause(task, entry);
    if (!entry.open) return showProgress(task, entry); // resumed after its pause
    const line = progressText(task, task.state === 'blocked' ? waitsFor(taskId) : 0);
    if (line !== entry.line) entry.report(line);
    entry.line = line;
  };

  /** Opens the task's progress notification; its Cancel button cancels the task. */
  const showProgress = (task: Task, entry: Followed) => {
    entry.open = true;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, cancellable: true },
      (progress, token) =>
        new Promise<void>((resolve) => {
          entry.report = (message) => progress.report({ message });
          entry.close = resolve;
          token.onCancellationRequested(() => {
            entry.cancelledHere = true;
            void vscode.commands.executeCommand(CommandIds.cancelTask, task.id);
          });
          update(task.id);
        }),
    );
  };

  const subscription = deps.host.onDidChange(() => {
    for (const taskId of [...followed.keys()]) update(taskId);
    tellPaused(); // a batch waiting for its agent's running tasks may be due now
  });

  return {
    follow(task, why) {
      const existing = followed.get(task.id);
      if (existing) {
        existing.cancelledHere ||= why === 'cancelling';
        return update(task.id);
      }
      if (deps.settings.current.notifications !== 'all') {
        if (why === 'delegated') vscode.window.setStatusBarMessage(`Dispatch: queued "${task.title}"`, 5000);
        return;
      }
      if (isTerminal(task.state)) return end(task, undefined);
      const entry: Followed = {
        line: '',
        cancelledHere: why === 'cancelling',
        open: false,
        toldPause: null,
        report() {},
        close() {},
      };
      followed.set(task.id, entry);
      update(task.id);
    },
    handles: (taskId) => followed.has(taskId) || announced.has(taskId),
    dispose() {
      disposed = true;
      subscription.dispose();
      clearTimeout(gatherTimer);
      for (const entry of followed.values()) entry.close();
      followed.clear();
    },
  };
}
