/**
 * Which schedule a command acts on: the Schedules view item it was invoked on, a schedule id
 * (keybindings, other extensions, the tests), or — from the palette — a quick pick of the
 * schedules it applies to.
 */
import * as vscode from 'vscode';
import { localTimeZone } from '../../core/cron';
import type { Schedule, ScheduleStatus } from '../../core/schedule';
import type { Engine } from '../../engine/engine';
import { scheduleDescription } from '../views/scheduleFormat';

const idOf = (arg: unknown): string | undefined => {
  if (typeof arg === 'string') return arg;
  const id = (arg as { scheduleId?: unknown } | undefined)?.scheduleId;
  return typeof id === 'string' ? id : undefined;
};

/** The schedule from the argument, or the one picked; undefined if none applies or the user gave up. */
export async function scheduleFrom(
  engine: Engine,
  arg: unknown,
  pick: { statuses: ScheduleStatus[]; placeHolder: string; none: string },
): Promise<Schedule | undefined> {
  const id = idOf(arg);
  if (id) return engine.schedules.get(id);
  const schedules = engine.schedules.list().filter((s) => pick.statuses.includes(s.status));
  if (schedules.length === 0) {
    void vscode.window.showInformationMessage(pick.none);
    return undefined;
  }
  const now = Date.now();
  const zone = localTimeZone();
  const chosen = await vscode.window.showQuickPick(
    schedules.map((schedule) => ({
      label: schedule.title || schedule.id,
      description: `${scheduleDescription(schedule, now, zone)} · ${schedule.id}`,
      schedule,
    })),
    { placeHolder: pick.placeHolder, matchOnDescription: true },
  );
  return chosen?.schedule;
}
