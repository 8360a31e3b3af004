/**
 * What Schedule Task says while a time is typed: the next 3 runs of a cron expression, or the one
 * time of a one-time run, or what is wrong with it — the same checks the engine applies when the
 * schedule is created. Pure (no vscode), so it is unit-tested with a fixed `now`.
 */
import { checkCron, previewRuns } from '../../core/cron';
import { messageOf } from '../../core/errors';
import { futureTime } from '../../engine/schedules/scheduleInput';
import { formatDuration } from '../../protocol/duration';
import { runTime } from '../views/scheduleFormat';

export interface Preview {
  prompt: string;
  problem?: string;
}

export interface CronPreset {
  label: string;
  cron: string;
}

export const CRON_PRESETS: readonly CronPreset[] = [
  { label: 'Every hour', cron: '0 * * * *' },
  { label: 'Every day at 09:00', cron: '0 9 * * *' },
  { label: 'Every weekday at 09:00', cron: '0 9 * * 1-5' },
  { label: 'Every Monday at 09:00', cron: '0 9 * * 1' },
  { label: 'Every night at 02:00', cron: '0 2 * * *' },
];

const CRON_HELP = 'minute hour day-of-month month day-of-week';

/** The next 3 run times of `cron` in `zone`, or why it is not a usable expression. */
export function cronPreview(cron: string, zone: string, now: number, localZone: string): Preview {
  const where = zone === localZone ? '' : ` (${zone})`;
  if (!cron.trim()) return { prompt: `Cron expression: ${CRON_HELP}${where}` };
  try {
    checkCron(cron, zone, {}, now);
  } catch (err) {
    return { prompt: `Cron expression: ${CRON_HELP}${where}`, problem: messageOf(err) };
  }
  const runs = previewRuns(cron, zone, 3, now).map((at) => runTime(at, zone));
  return { prompt: `Next runs${where}: ${runs.join(' · ')}` };
}

/** One-time run: when, and how far ahead; or why the text is not a future date-time. */
export function oncePreview(text: string, now: number): Preview {
  const help = 'Date and time, local: YYYY-MM-DD HH:MM';
  if (!text.trim()) return { prompt: help };
  try {
    const at = futureTime(text, 'the date-time', now);
    return { prompt: `Runs once: ${runTime(at)} (in ${formatDuration(at - now)})` };
  } catch (err) {
    return { prompt: help, problem: messageOf(err) };
  }
}

/** A one-time default: tomorrow at 09:00 local, as the input box shows it. */
export function tomorrowAtNine(now: number): string {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} 09:00`;
}
