/**
 * Firing due schedules, as the body of ONE write: for each schedule whose due time has come,
 * decide (core/scheduleRules.ts), compare-and-set its next_run_at, create the task when it fires,
 * and record the run. Every engine may call this at the same moment; the lock serialises them and
 * the compare-and-set lets only the first one act on a due time.
 */
import type { Schedule } from '../../core/schedule';
import { decideDue } from '../../core/scheduleRules';
import type { NewTask, Task } from '../../core/task';
import type { TaskState } from '../../core/taskState';
import type { Repositories } from '../../store';

/** A run is still active until its task ends: no second run of the schedule starts meanwhile. */
const ACTIVE_STATES: readonly TaskState[] = ['queued', 'blocked', 'running', 'paused'];

export interface FiredRun {
  schedule: Schedule;
  dueAt: number;
  kind: 'fired' | 'skipped' | 'missed';
  task: Task | undefined;
  reason: string | null;
}

export function fireDueRuns(r: Repositories, now: number): FiredRun[] {
  const done: FiredRun[] = [];
  for (const schedule of r.schedules.due(now)) {
    const previous = schedule.lastTaskId ? r.tasks.get(schedule.lastTaskId) : undefined;
    const decision = decideDue(
      schedule,
      now,
      previous !== undefined && ACTIVE_STATES.includes(previous.state),
    );
    if (!decision) continue;
    const claimed = r.schedules.claimDue(
      schedule.id,
      schedule.nextRunAt!,
      { ...decision.update, runCount: schedule.runCount + (decision.fire ? 1 : 0) },
      now,
    );
    if (!claimed) continue;
    const task = decision.fire ? r.tasks.create(taskOf(schedule), now) : undefined;
    const { dueAt, dueCount, kind, reason } = decision.run;
    r.schedules.recordRun({
      scheduleId: schedule.id,
      dueAt,
      dueCount,
      at: now,
      kind,
      taskId: task?.id ?? null,
      outcome: task?.state ?? kind,
      reason,
    });
    done.push({ schedule, dueAt, kind, task, reason });
  }
  return done;
}

function taskOf(s: Schedule): NewTask {
  return {
    prompt: s.prompt,
    agent: s.agent,
    cwd: s.cwd,
    title: s.title,
    priority: s.priority,
    timeoutMs: s.timeoutMs,
    // A schedule from before autonomy levels takes the setting when its task starts.
    autonomy: s.autonomy,
    model: s.model,
  };
}
