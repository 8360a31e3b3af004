/**
 * Dispatch: Schedule Task as a multi-step quick input: prompt → agent → priority → working folder
 * (only in a multi-root workspace) → when (a preset, a cron expression or one time) → the
 * expression or date-time, with a live preview of the next 3 runs and the engine's own checks →
 * what to do with missed runs (cron only). The cron step has a "Time Zone…" button; the default
 * is this machine's zone.
 */
import * as vscode from 'vscode';
import type { DispatchConfig } from '../../core/config';
import { localTimeZone, previewRuns } from '../../core/cron';
import { DEFAULT_MISSED_POLICY, type MissedPolicy } from '../../core/schedule';
import { DEFAULT_PRIORITY, type Priority } from '../../core/task';
import type { ScheduleInput } from '../../engine/schedules/scheduleInput';
import { runTime } from '../views/scheduleFormat';
import { agentItems } from './agentItems';
import { folderStep } from './folderStep';
import { askText, BACK, type StepPosition } from './quickInput';
import { CRON_PRESETS, cronPreview, oncePreview, tomorrowAtNine } from './schedulePreview';
import { agentStep, pickStep, priorityStep, runSteps, type StepOutcome, textStep } from './wizardSteps';

type WhenItem = vscode.QuickPickItem & { cron?: string; once?: boolean };

const MISSED_ITEMS: (vscode.QuickPickItem & { policy: MissedPolicy })[] = [
  {
    label: 'Skip',
    description: 'default',
    detail: 'Runs missed while no window or dispatch worker was open are not made up',
    policy: 'skip',
  },
  {
    label: 'Catch up once',
    detail: 'One run as soon as an engine opens, for all it missed',
    policy: 'catchup',
  },
  { label: 'Record as failed', detail: 'Missed runs are listed as failed in the history', policy: 'fail' },
];

const TIME_ZONE = {
  key: 'zone' as const,
  button: { iconPath: new vscode.ThemeIcon('globe'), tooltip: 'Time Zone…' },
};

export async function runScheduleWizard(options: {
  config: DispatchConfig;
  /** With more than one, a working-folder step follows the agent (Enter: the first). */
  folders: readonly vscode.WorkspaceFolder[];
  now?: () => number;
}): Promise<ScheduleInput | undefined> {
  const now = options.now ?? Date.now;
  const local = localTimeZone();
  const agents = agentItems(options.config);
  const answers = {
    prompt: '',
    agent: options.config.defaultAgent,
    priority: DEFAULT_PRIORITY as Priority,
    cwd: options.folders[0]?.uri.fsPath,
    when: undefined as WhenItem | undefined,
    cron: '',
    at: tomorrowAtNine(now()),
    zone: local,
    missed: DEFAULT_MISSED_POLICY as MissedPolicy,
  };

  const askPrompt = (at: StepPosition) =>
    textStep(
      at,
      {
        value: answers.prompt,
        prompt: 'What should the agent do at each run?',
        placeholder: 'e.g. Update the dependencies and open a summary of what changed',
        validate: (value) => (value.trim() ? undefined : 'Say what the agent should do.'),
      },
      (value) => {
        answers.prompt = value;
      },
    );

  const askAgent = agentStep(agents, answers);

  const askPriority = priorityStep(answers);

  const askCwd = folderStep(options.folders, answers);

  const askWhen = (at: StepPosition) => {
    const items = whenItems(answers.zone, now());
    return pickStep(
      at,
      {
        items,
        active: items.find((i) => i.label === answers.when?.label) ?? items[0],
        placeholder: 'When? A repeating schedule, or one time',
      },
      (item) => {
        // A preset fills the expression in; "Custom…" keeps what is there, to edit.
        if (item.cron) answers.cron = item.cron;
        answers.when = item;
        return true;
      },
    );
  };

  const askCron = async (at: StepPosition): Promise<StepOutcome> => {
    const result = await askText(at, {
      value: answers.cron,
      prompt: 'Cron expression',
      placeholder: 'e.g. 30 8 * * 1-5 (08:30 on weekdays)',
      live: (value) => cronPreview(value, answers.zone, now(), local),
      validate: (value) =>
        cronPreview(value, answers.zone, now(), local).problem ??
        (value.trim() ? undefined : 'Give a cron expression.'),
      buttons: [TIME_ZONE],
    });
    if (result === undefined) return 'cancel';
    if (result === BACK) return 'back';
    if (typeof result === 'object') {
      answers.cron = result.value ?? answers.cron;
      answers.zone = (await pickTimeZone(answers.zone, local)) ?? answers.zone;
      return 'again';
    }
    answers.cron = result.trim();
    return 'next';
  };

  const askOnce = (at: StepPosition) =>
    textStep(
      at,
      {
        value: answers.at,
        prompt: 'Date and time',
        placeholder: 'YYYY-MM-DD HH:MM, local time',
        live: (value) => oncePreview(value, now()),
        validate: (value) =>
          oncePreview(value, now()).problem ?? (value.trim() ? undefined : 'Give a date and time.'),
      },
      (value) => {
        answers.at = value.trim();
      },
    );

  const askMissed = (at: StepPosition) =>
    pickStep(
      at,
      {
        items: MISSED_ITEMS,
        active: MISSED_ITEMS.find((m) => m.policy === answers.missed),
        placeholder: 'Runs missed while no window was open? (Enter: skip them)',
      },
      (item) => {
        answers.missed = item.policy;
        return true;
      },
    );

  const steps = () => {
    const once = answers.when?.once === true;
    return [
      askPrompt,
      askAgent,
      askPriority,
      ...(options.folders.length > 1 ? [askCwd] : []),
      askWhen,
      once ? askOnce : askCron,
      ...(once ? [] : [askMissed]),
    ];
  };
  if ((await runSteps('Schedule Task', steps)) === 'cancel') return undefined;
  const { prompt, agent, priority, cwd } = answers;
  const task = { prompt, agent, priority, cwd };
  return answers.when?.once
    ? { ...task, at: answers.at }
    : { ...task, cron: answers.cron, timezone: answers.zone, missed: answers.missed };
}

function whenItems(zone: string, now: number): WhenItem[] {
  const next = (cron: string) => `next ${runTime(previewRuns(cron, zone, 1, now)[0]!, zone)}`;
  return [
    ...CRON_PRESETS.map((p) => ({ label: p.label, description: p.cron, detail: next(p.cron), cron: p.cron })),
    { label: 'Custom cron expression…', description: 'minute hour day month weekday', cron: '' },
    { label: 'Once, at a date and time…', description: 'a one-time run', once: true },
  ];
}

async function pickTimeZone(current: string, local: string): Promise<string | undefined> {
  const zones = [...new Set([local, 'UTC', ...Intl.supportedValuesOf('timeZone')])];
  const chosen = await vscode.window.showQuickPick(
    zones.map((zone) => ({
      label: zone,
      description: [zone === local ? 'this machine' : '', zone === current ? 'current' : '']
        .filter(Boolean)
        .join(' · '),
    })),
    { title: 'Time zone of the cron expression', placeHolder: current, ignoreFocusOut: true },
  );
  return chosen?.label;
}
