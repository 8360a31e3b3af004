/** Hover text for a schedule: its task template, timing and limits. */
import type * as vscode from 'vscode';
import type { Schedule } from '../../core/schedule';
import { clock } from './format';
import { runTime, SCHEDULE_STATUS_LABELS, timingLabel } from './scheduleFormat';
import { header, promptExcerpt, row } from './tooltips';

export function scheduleTooltip(s: Schedule, now: number, localZone: string): vscode.MarkdownString {
  const md = header(s.title || s.id);
  row(md, 'Status', SCHEDULE_STATUS_LABELS[s.status] + (s.endReason ? ` (${s.endReason})` : ''));
  row(md, 'Schedule id', s.id);
  row(md, 'Runs', s.cron === null ? `once at ${runTime(s.runAt ?? 0)}` : timingLabel(s, localZone));
  row(md, 'Time zone', s.timezone);
  if (s.nextRunAt !== null) row(md, 'Next run', runTime(s.nextRunAt));
  row(md, 'Missed runs', s.missedPolicy);
  row(md, 'Tasks made', s.maxRuns === null ? s.runCount : `${s.runCount} of ${s.maxRuns}`);
  if (s.expiresAt !== null) row(md, 'Expires', runTime(s.expiresAt));
  row(md, 'Agent', s.agent);
  row(md, 'Priority', s.priority);
  row(md, 'Folder', s.cwd);
  row(md, 'Created', clock(s.createdAt, now));
  promptExcerpt(md, s.prompt);
  return md;
}
