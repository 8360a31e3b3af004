/**
 * Dispatch: Pause Schedule, Resume Schedule and Cancel Schedule. Pause and Cancel are allowed in
 * an untrusted workspace (stopping starts nothing); Cancel asks first, since it cannot be undone.
 * A task a schedule already made is left alone: cancel it on its own.
 */
import * as vscode from 'vscode';
import type { Schedule } from '../../core/schedule';
import { runTime } from '../views/scheduleFormat';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';
import { scheduleFrom } from './scheduleArguments';

export function pauseSchedule(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Schedule | undefined> => {
    const engine = await deps.host.require();
    const schedule = await scheduleFrom(engine, arg, {
      statuses: ['active'],
      placeHolder: 'Pause which schedule?',
      none: 'No schedule is active.',
    });
    if (!schedule) return undefined;
    if (schedule.status === 'paused') return schedule;
    return engine.schedules.pause(schedule.id);
  };
}

export function resumeSchedule(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Schedule | undefined> => {
    if (!canStart()) return undefined;
    const engine = await deps.host.require();
    const schedule = await scheduleFrom(engine, arg, {
      statuses: ['paused'],
      placeHolder: 'Resume which schedule?',
      none: 'No schedule is paused.',
    });
    if (!schedule) return undefined;
    const resumed = await engine.schedules.resume(schedule.id);
    const next =
      resumed.nextRunAt === null ? (resumed.endReason ?? 'no run left') : runTime(resumed.nextRunAt);
    void vscode.window.showInformationMessage(
      `Resumed: ${resumed.title} — ${resumed.status === 'active' ? `next run ${next}` : `finished (${next})`}`,
    );
    return resumed;
  };
}

export function cancelSchedule(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Schedule | undefined> => {
    const engine = await deps.host.require();
    const schedule = await scheduleFrom(engine, arg, {
      statuses: ['active', 'paused'],
      placeHolder: 'Cancel which schedule?',
      none: 'No schedule is active or paused.',
    });
    if (!schedule) return undefined;
    const answer = await vscode.window.showWarningMessage(
      `Cancel the schedule "${schedule.title}"? It makes no more tasks; this cannot be undone (Pause can).`,
      { modal: true },
      'Cancel Schedule',
    );
    if (answer !== 'Cancel Schedule') return undefined;
    return engine.schedules.cancel(schedule.id);
  };
}
