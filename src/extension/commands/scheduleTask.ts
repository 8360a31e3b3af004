import * as vscode from 'vscode';
import type { Schedule } from '../../core/schedule';
import type { ScheduleInput } from '../../engine/schedules/scheduleInput';
import { ViewIds } from '../commandIds';
import { runScheduleWizard } from '../delegate/scheduleWizard';
import { runTime } from '../views/scheduleFormat';
import { canStart } from './canStart';
import type { CommandDeps } from './deps';

const isInput = (arg: unknown): arg is ScheduleInput =>
  typeof arg === 'object' && arg !== null && typeof (arg as ScheduleInput).prompt === 'string';

/**
 * Dispatch: Schedule Task — the multi-step input (see scheduleWizard.ts), or, given a
 * `{ prompt, cron | at, timezone?, missed?, maxRuns?, expiresAt?, agent?, priority?, cwd? }`
 * argument (a keybinding's args, another extension, the tests), straight to the engine, which
 * checks it as `dispatch schedule create` does.
 */
export function scheduleTask(deps: CommandDeps) {
  return async (arg?: unknown): Promise<Schedule | undefined> => {
    if (!canStart()) return undefined;
    const input = isInput(arg)
      ? arg
      : await runScheduleWizard({
          config: deps.settings.current,
          folders: vscode.workspace.workspaceFolders ?? [],
        });
    if (!input) return undefined;
    const schedule = await (await deps.host.require()).schedules.create(input);
    announceScheduled(schedule);
    return schedule;
  };
}

/** "Scheduled: <title> — next run Thu, Nov 26, 09:00", offering the Schedules view. */
function announceScheduled(schedule: Schedule): void {
  const next = schedule.nextRunAt === null ? 'no run ahead' : `next run ${runTime(schedule.nextRunAt)}`;
  void vscode.window
    .showInformationMessage(`Scheduled: ${schedule.title} — ${next}`, 'Show Schedules')
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand(`${ViewIds.schedules}.focus`);
    });
}
