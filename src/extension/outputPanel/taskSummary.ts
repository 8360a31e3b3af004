/**
 * What the panel's header shows about a task (protocol TaskSummary), read from the shared state.
 * "Where it runs" compares the worker's owner with this window's engine and, for another owner,
 * looks at the kind of engine it is. No vscode: unit-tested on its own.
 */
import {
  denialsText,
  type RetryState,
  retryText,
  summaryHead,
  type TaskResult,
  usageText,
} from '../../core/results';
import type { EngineRecord, Task, WorkerRecord } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import { outputFormatOf } from '../../engine/agents';
import type { Engine } from '../../engine/engine';
import type { ResultSummary, TaskSummary, WorktreeSummary } from '../../protocol/outputPanel';
import {
  hasUnapplied,
  type Review,
  reviewText,
  type WorktreeReviews,
  worktreePresent,
} from '../model/worktreeReviews';

export function runningIn(
  worker: WorkerRecord | undefined,
  owner: EngineRecord | undefined,
  thisEngineId: string | undefined,
): string | null {
  if (!worker) return null;
  if (worker.ownerId === thisEngineId) return 'this window';
  if (owner?.kind === 'cli') return 'dispatch worker';
  if (owner?.kind === 'test') return 'another process';
  // A window, or an owner that just died and is not adopted yet: either way, not this one.
  return 'another window';
}

/** What the agent reported, in the words the header shows; null when it reported nothing. */
export function resultSummary(result: TaskResult | undefined): ResultSummary | null {
  if (!result) return null;
  const summary = result.summary ? summaryHead(result.summary) : [];
  const usage = usageText(result.usage, result.costUsd);
  const denials = result.denials.length ? denialsText(result.denials) : null;
  if (summary.length === 0 && !usage && !denials) return null;
  return { summary, usage, denials };
}

/** What the panel shows besides the task row: the agent's result and retry, and whether replies go. */
export interface SummaryExtras {
  result?: TaskResult;
  retrying?: RetryState;
  /** The workspace is trusted (untrusted ones start nothing, replies included). */
  trusted: boolean;
  /** A finished worktree task's changes (model/worktreeReviews.ts). */
  review?: Review;
  /** A paused task's next step (Engine.pausedWords). */
  pausedWords?: string;
}

export function worktreeSummary(review: Review | undefined): WorktreeSummary {
  return {
    changes: reviewText(review) ?? null,
    canApply: hasUnapplied(review),
    canReview: review?.kind === 'changes',
    canDiscard: worktreePresent(review) && review?.kind !== 'reading',
  };
}

export function toSummary(
  task: Task,
  where: string | null,
  extras: SummaryExtras = { trusted: false },
): TaskSummary {
  const finished = isTerminal(task.state);
  return {
    id: task.id,
    title: task.title,
    agent: task.agent,
    state: task.state,
    pausedWords: task.state === 'paused' ? (extras.pausedWords ?? null) : null,
    priority: task.priority,
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    endedAt: task.endedAt,
    exitCode: task.exitCode,
    signal: task.signal,
    reason: task.reason,
    runningIn: where,
    autonomy: task.autonomy,
    model: task.model,
    structured: outputFormatOf(task.agent) !== 'text',
    result: finished ? resultSummary(extras.result) : null,
    retrying: task.state === 'running' && extras.retrying ? retryText(extras.retrying) : null,
    replyTo: task.replyTo,
    canReply: finished && extras.trusted && task.agent !== 'shell',
    worktree: task.worktreePath ? worktreeSummary(extras.review) : null,
  };
}

/** The task's summary now, or undefined if it no longer exists (deleted, pruned). */
export function readSummary(
  engine: Engine,
  taskId: string,
  trusted: boolean,
  reviews?: Pick<WorktreeReviews, 'get'>,
): TaskSummary | undefined {
  const read = engine.state.read((r) => {
    const task = r.tasks.get(taskId);
    if (!task) return undefined;
    const worker = r.workers.get(taskId);
    const owner = worker && r.engines.get(worker.ownerId);
    return { task, where: runningIn(worker, owner, engine.id) };
  });
  if (!read) return undefined;
  const { task, where } = read;
  return toSummary(task, where, {
    trusted,
    result: isTerminal(task.state) ? engine.result(taskId) : undefined,
    retrying: task.state === 'running' ? engine.retrying(taskId) : undefined,
    review: reviews?.get(task),
    pausedWords: task.state === 'paused' ? engine.agents.pausedWords(task) : undefined,
  });
}

/** A header for a task not read yet (a panel restored before the engine opened). */
export function placeholderSummary(taskId: string): TaskSummary {
  return {
    id: taskId,
    title: taskId,
    agent: '',
    state: 'queued',
    priority: '',
    createdAt: Date.now(),
    startedAt: null,
    endedAt: null,
    exitCode: null,
    signal: null,
    reason: null,
    runningIn: null,
    autonomy: null,
    model: null,
    structured: false,
    result: null,
    retrying: null,
    replyTo: null,
    canReply: false,
    worktree: null,
  };
}
