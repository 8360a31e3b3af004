/** How tasks look on a terminal and in `--json` output (a stable contract for scripts). */
import type { Task } from '../core/task';

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
    retryOf: task.retryOf,
    resumeOf: task.resumeOf,
    continueFrom: task.continueFrom,
    cancelRequestedAt: iso(task.cancelRequestedAt),
    outputBytes: task.outputBytes,
    outputLines: task.outputLines,
  };
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function taskLine(task: Task): string {
  const state = task.state.toUpperCase().padEnd(9);
  return `${task.id}  ${state}  ${task.priority}  ${task.agent.padEnd(8)}  ${task.title}`;
}

export function taskDetails(task: Task): string {
  const rows: [string, string | number | null][] = [
    ['id', task.id],
    ['title', task.title],
    ['state', task.state],
    ['agent', task.agent],
    ['priority', task.priority],
    ['folder', task.cwd],
    ['created', iso(task.createdAt)],
    ['started', iso(task.startedAt)],
    ['ended', iso(task.endedAt)],
    ['exit code', task.exitCode],
    ['signal', task.signal],
    ['reason', task.reason],
    ['timeout', task.timeoutMs === null ? null : `${task.timeoutMs / 1000} s`],
    ['retry of', task.retryOf],
    ['output', `${task.outputBytes} bytes, ${task.outputLines} lines`],
  ];
  const lines = rows.filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k.padEnd(10)} ${v}`);
  return `${lines.join('\n')}\n\nprompt:\n${task.prompt}`;
}
