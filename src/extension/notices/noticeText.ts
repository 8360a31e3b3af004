/**
 * What a task's notification says: while it is followed, one line that changes in place
 * ("Queued: …", "Running: … (claude)"); when it pauses at its agent's usage limit, what comes next
 * with Resume Now (one message for the tasks one limit stopped together); and when it ends, how it ended with the agent's first line and the actions that
 * help now — Retry only where it can succeed, Install…/Configure… where the agent cannot run
 * here. Pure (no vscode), so it is unit-tested.
 */
import type { TaskResult } from '../../core/results';
import type { Task } from '../../core/task';
import { finishedMessage } from '../views/format';

export const ACTIONS = {
  showOutput: 'Show Output',
  showTasks: 'Show Tasks',
  resumeNow: 'Resume Now',
  review: 'Review Changes',
  reply: 'Reply…',
  retry: 'Retry',
  runFull: 'Run Again with Full Autonomy',
  install: 'Install…',
  configure: 'Configure…',
} as const;

export type NoticeAction = (typeof ACTIONS)[keyof typeof ACTIONS];

type ProgressTask = Pick<Task, 'state' | 'title' | 'agent' | 'cancelRequestedAt'>;

/** The line of a followed task that has not ended. */
export function progressText(task: ProgressTask, waitsFor = 0): string {
  if (task.cancelRequestedAt !== null) return `Cancelling: ${task.title}`;
  switch (task.state) {
    case 'running':
      return `Running: ${task.title} (${task.agent})`;
    case 'blocked':
      return `Waiting: ${task.title} (for ${waitsFor || 'other'} task${waitsFor === 1 ? '' : 's'})`;
    default:
      return `Queued: ${task.title}`;
  }
}

export interface FinalFacts {
  result?: TaskResult;
  /** The task's agent cannot run here now; `install` when it has an install command. */
  agentFix?: { install?: string };
  /** The task left changes in its worktree. */
  canReview?: boolean;
}

export interface FinalNotice {
  severity: 'info' | 'warning' | 'error';
  message: string;
  actions: NoticeAction[];
}

export function finalNotice(task: Task, facts: FinalFacts): FinalNotice {
  const refused = (facts.result?.denials.length ?? 0) > 0;
  const actions: NoticeAction[] = [ACTIONS.showOutput];
  if (facts.canReview) actions.push(ACTIONS.review);
  if (refused) actions.push(ACTIONS.runFull);
  if (task.state === 'completed') {
    if (task.agent !== 'shell') actions.push(ACTIONS.reply);
  } else if (facts.agentFix) {
    // Retry would fail the same way: offer what makes it work instead.
    if (facts.agentFix.install) actions.push(ACTIONS.install);
    actions.push(ACTIONS.configure);
  } else {
    actions.push(ACTIONS.retry);
  }
  const severity =
    task.state === 'failed' ? 'error' : task.state === 'cancelled' || refused ? 'warning' : 'info';
  return { severity, message: finishedMessage(task, facts.result), actions };
}

export interface PauseNotice {
  message: string;
  actions: NoticeAction[];
}

/**
 * A followed task paused at its agent's usage limit: "Paused: Fix the parser — claude hit its
 * usage limit; resumes 15:00". `next` is Engine.pausedWords (core/usageLimit.ts resumeWords), so
 * with autoResume off it says the task waits for Resume Now.
 */
export function pausedNotice(task: Pick<Task, 'title' | 'agent'>, next: string): PauseNotice {
  return {
    message: `Paused: ${task.title} — ${task.agent} hit its usage limit; ${next}`,
    actions: [ACTIONS.resumeNow, ACTIONS.showOutput],
  };
}

/**
 * Several followed tasks stopped by one agent's limit (notices/pauseGather.ts), told together:
 * "claude hit its usage limit — 3 tasks wait; resumes 15:00". Resume Now resumes the agent (all
 * its paused tasks, and its queue); Show Tasks shows them in the Tasks view's Paused group.
 */
export function pausedTasksNotice(agent: string, waiting: number, next: string): PauseNotice {
  return {
    message: `${agent} hit its usage limit — ${waiting} tasks wait; ${next}`,
    actions: [ACTIONS.resumeNow, ACTIONS.showTasks],
  };
}

/**
 * An agent paused for the whole workspace, told once in one window (model/pauseWatch.ts): "claude
 * hit its usage limit: its tasks wait, other agents keep running; resumes 15:00". Show Output
 * opens the task that hit it.
 */
export function agentPausedNotice(
  pause: { agent: string; taskId: string | null },
  next: string,
): PauseNotice {
  const actions: NoticeAction[] = [ACTIONS.resumeNow];
  if (pause.taskId) actions.push(ACTIONS.showOutput);
  return {
    message: `${pause.agent} hit its usage limit: its tasks wait, other agents keep running; ${next}`,
    actions,
  };
}
