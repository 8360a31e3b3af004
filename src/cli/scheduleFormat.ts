/** How schedules look on a terminal and in `--json` output (a stable contract for scripts). */
import { previewRuns } from '../core/cron';
import type { Schedule, ScheduleRun } from '../core/schedule';

export function scheduleJson(s: Schedule): Record<string, unknown> {
  return {
    id: s.id,
    title: s.title,
    prompt: s.prompt,
    agent: s.agent,
    priority: s.priority,
    cwd: s.cwd,
    timeoutMs: s.timeoutMs,
    autonomy: s.autonomy,
    model: s.model,
    cron: s.cron,
    timezone: s.timezone,
    at: iso(s.runAt),
    missed: s.missedPolicy,
    maxRuns: s.maxRuns,
    expiresAt: iso(s.expiresAt),
    status: s.status,
    nextRunAt: iso(s.nextRunAt),
    runCount: s.runCount,
    lastTaskId: s.lastTaskId,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    endReason: s.endReason,
  };
}

export function runJson(run: ScheduleRun): Record<string, unknown> {
  return {
    dueAt: iso(run.dueAt),
    dueCount: run.dueCount,
    at: iso(run.at),
    kind: run.kind,
    taskId: run.taskId,
    outcome: run.outcome,
    reason: run.reason,
  };
}

export function scheduleLine(s: Schedule): string {
  const next = s.nextRunAt === null ? '-' : iso(s.nextRunAt);
  return `${s.id}  ${s.status.toUpperCase().padEnd(9)}  next ${next!.padEnd(24)}  ${timing(s)}  ${s.title}`;
}

/** Details, the next three due times of an active cron schedule, then the run history. */
export function scheduleDetails(s: Schedule, runs: readonly ScheduleRun[]): string {
  const rows: [string, string | number | null][] = [
    ['id', s.id],
    ['title', s.title],
    ['status', s.endReason ? `${s.status} (${s.endReason})` : s.status],
    ['timing', timing(s)],
    ['missed', s.missedPolicy],
    ['max runs', s.maxRuns],
    ['expires', iso(s.expiresAt)],
    ['next run', iso(s.nextRunAt)],
    ['runs', s.runCount],
    ['agent', s.agent],
    ['priority', s.priority],
    ['folder', s.cwd],
    ['created', iso(s.createdAt)],
  ];
  const lines = rows.filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k.padEnd(10)} ${v}`);
  if (s.status === 'active' && s.cron !== null && s.nextRunAt !== null) {
    const upcoming = previewRuns(s.cron, s.timezone ?? 'UTC', 3, s.nextRunAt - 1).filter(
      (t) => s.expiresAt === null || t < s.expiresAt,
    );
    lines.push(`${'upcoming'.padEnd(10)} ${upcoming.map((t) => iso(t)).join(', ')}`);
  }
  lines.push('', 'prompt:', s.prompt, '', runs.length ? 'runs (newest first):' : 'no runs yet');
  for (const run of runs) {
    const count = run.dueCount > 1 ? ` (x${run.dueCount})` : '';
    const task = run.taskId ?? '-'.padEnd(12);
    lines.push(`  ${iso(run.dueAt)}${count}  ${task}  ${run.outcome}${run.reason ? `  ${run.reason}` : ''}`);
  }
  return lines.join('\n');
}

function timing(s: Schedule): string {
  return s.cron !== null ? `cron "${s.cron}" ${s.timezone}` : `once at ${iso(s.runAt)}`;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
