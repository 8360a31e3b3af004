/** The schedule subcommands that read or change an existing schedule. */
import type { Schedule } from '../../../core/schedule';
import type { Engine } from '../../../engine/engine';
import { runJson, scheduleDetails, scheduleJson, scheduleLine } from '../../scheduleFormat';
import { type CliCommand, print, printJson, withEngine } from '../command';

const json = { json: { type: 'boolean' } } as const;

export const list: CliCommand = {
  usage: 'dispatch schedule list [--json]',
  summary: 'list schedules, newest first',
  positionals: [],
  options: json,
  run: (ctx, { values }) =>
    withEngine(ctx, (engine) => {
      const schedules = engine.schedules.list();
      if (values.json) printJson(schedules.map(scheduleJson));
      else if (schedules.length === 0) print('no schedules');
      else for (const s of schedules) print(scheduleLine(s));
    }),
};

export const show: CliCommand = {
  usage: 'dispatch schedule show <id> [--json]',
  summary: 'show a schedule and its run history (time, task id, outcome); any unique id prefix works',
  positionals: ['id'],
  options: json,
  run: (ctx, { values, positionals }) =>
    withEngine(ctx, (engine) => {
      const schedule = engine.schedules.get(positionals[0]!);
      const runs = engine.schedules.runs(schedule.id);
      if (values.json) printJson({ ...scheduleJson(schedule), runs: runs.map(runJson) });
      else print(scheduleDetails(schedule, runs));
    }),
};

/** pause, resume and cancel: one change, then the schedule as it now is. */
function statusCommand(
  name: string,
  summary: string,
  change: (engine: Engine, id: string) => Promise<Schedule>,
): CliCommand {
  return {
    usage: `dispatch schedule ${name} <id> [--json]`,
    summary,
    positionals: ['id'],
    options: json,
    run: (ctx, { values, positionals }) =>
      withEngine(ctx, async (engine) => {
        const schedule = await change(engine, positionals[0]!);
        if (values.json) printJson(scheduleJson(schedule));
        else
          print(`${schedule.id} ${schedule.status}${schedule.endReason ? ` (${schedule.endReason})` : ''}`);
      }),
  };
}

export const pause = statusCommand('pause', 'stop a schedule from running until it is resumed', (e, id) =>
  e.schedules.pause(id),
);
export const resume = statusCommand(
  'resume',
  'run a paused schedule again from its next due time (times passed while paused are not run)',
  (e, id) => e.schedules.resume(id),
);
export const cancel = statusCommand(
  'cancel',
  'end a schedule for good (tasks it already queued are left alone)',
  (e, id) => e.schedules.cancel(id),
);
