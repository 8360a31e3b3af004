/** How tasks look on a terminal and in `--json` output (a stable contract for scripts). */
import type { RetryState, TaskResult } from '../core/results';
import type { Task } from '../core/task';
import type { TaskRelations } from '../engine/submit/relations';
import { resultRows, summaryBlock } from './resultFormat';

export function taskJson(task: Task): Record<string, unknown> {
  return {
    id: task.id,
    title: task.title,
    prompt: task.prompt,
    agent: task.agent,
    priority: task.priority,
    state: task.state,
    cwd: task.cwd,
    timeoutMs: task.timeoutMs,
    createdAt: iso(task.createdAt),
    startedAt: iso(task.startedAt),
    endedAt: iso(task.endedAt),
    exitCode: task.exitCode,
    signal: task.signal,
    reason: task.reason,
    resumeAt: iso(task.resumeAt),
    limitResumes: task.limitResumes,
    retryOf: task.retryOf,
    resumeOf: task.resumeOf,
    continueFrom: task.continueFrom,
    replyTo: task.replyTo,
    autonomy: task.autonomy,
    model: task.model,
    sessionId: task.sessionId,
    inputTokens: task.inputTokens,
    outputTokens: task.outputTokens,
    cachedInputTokens: task.cachedInputTokens,
    costUsd: task.costUsd,
    turns: task.turns,
    denialCount: task.denialCount,
    cancelRequestedAt: iso(task.cancelRequestedAt),
    outputBytes: task.outputBytes,
    outputLines: task.outputLines,
  };
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** How a task relates to others, as ids, for `show --json`. */
export function relationsJson(relations: TaskRelations): Record<string, string[]> {
  const ids = (tasks: readonly Task[]) => tasks.map((t) => t.id);
  return {
    dependsOn: ids(relations.dependsOn),
    waitingFor: ids(relations.waitingFor),
    dependents: ids(relations.dependents),
    retriedAs: ids(relations.retriedAs),
    resumedAs: ids(relations.resumedAs),
    repliedAs: ids(relations.repliedAs),
  };
}

/**
 * One line per task; a blocked task also says what it still waits for, a queued one why it waits
 * (`held`: the daily budget, or its agent at its own cap or paused — holds.ts), a paused one when
 * it resumes (`paused`: Engine.pausedWords), and `marks` what the agent reported (resultFormat.ts
 * listMarks).
 */
export function taskLine(
  task: Task,
  waitingFor: readonly string[] = [],
  marks = '',
  held?: string,
  paused?: string,
): string {
  const state = task.state.toUpperCase().padEnd(9);
  const waits = waitingFor.length
    ? `  (waits for ${waitingFor.join(', ')})`
    : held && task.state === 'queued'
      ? `  (waiting: ${held})`
      : paused && task.state === 'paused'
        ? `  (usage limit: ${paused})`
        : '';
  const autonomy = (task.autonomy ?? '-').padEnd(9);
  return `${task.id}  ${state}  ${task.priority}  ${task.agent.padEnd(8)}  ${autonomy}  ${task.title}${waits}${marks}`;
}

export function taskDetails(
  task: Task,
  relations?: TaskRelations,
  reported: {
    result?: TaskResult;
    retry?: RetryState;
    worktree?: readonly string[];
    /** A loop iteration's lines (iterationFormat.ts), shown right under its state. */
    loop?: readonly string[];
    held?: string;
    /** A paused task's "resumes 15:00" (Engine.pausedWords). */
    paused?: string;
  } = {},
): string {
  const list = (tasks: readonly Task[] | undefined) =>
    tasks?.length ? tasks.map((t) => `${t.id} (${t.state})`).join(', ') : null;
  const rows: [string, string | number | null][] = [
    ['id', task.id],
    ['title', task.title],
    ['state', task.state],
    ['agent', task.agent],
    ['autonomy', task.autonomy],
    ['model', task.model],
    ['priority', task.priority],
    ['folder', task.cwd],
    ['created', iso(task.createdAt)],
    ['started', iso(task.startedAt)],
    ['ended', iso(task.endedAt)],
    ['exit code', task.exitCode],
    ['signal', task.signal],
    ['reason', task.reason],
    ['resumes', task.state === 'paused' ? (reported.paused ?? iso(task.resumeAt)) : null],
    ['resumed', task.limitResumes ? `${task.limitResumes}× after a usage limit` : null],
    ['timeout', task.timeoutMs === null ? null : `${task.timeoutMs / 1000} s`],
    ['retry of', task.retryOf],
    ['retried as', list(relations?.retriedAs)],
    ['resume of', task.resumeOf],
    ['resumed as', list(relations?.resumedAs)],
    ['continues', task.continueFrom],
    ['reply to', task.replyTo],
    ['replies', list(relations?.repliedAs)],
    ['waits for', task.state === 'blocked' ? list(relations?.waitingFor) : null],
    ['waiting', task.state === 'queued' ? (reported.held ?? null) : null],
    ['after', list(relations?.dependsOn)],
    ['needed by', list(relations?.dependents)],
    ...resultRows(task, reported.result, reported.retry),
    ['output', `${task.outputBytes} bytes, ${task.outputLines} lines`],
  ];
  const lines = rows.filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k.padEnd(11)} ${v}`);
  // A loop iteration's lines come right under its state, where a reader looks first.
  lines.splice(lines.indexOf(`${'state'.padEnd(11)} ${task.state}`) + 1, 0, ...(reported.loop ?? []));
  // A worktree task's lines (worktreeFormat.ts) go with the other fields, before the prompt.
  lines.push(...(reported.worktree ?? []));
  return `${lines.join('\n')}${summaryBlock(reported.result)}\n\nprompt:\n${task.prompt}`;
}
