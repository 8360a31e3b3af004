/** Hover text for a schedule: its task template, timing and limits. */
import * as vscode from 'vscode';
import type { Schedule } from '../../core/schedule';
import { clock } from './format';
import { runTime, SCHEDULE_STATUS_LABELS, timingLabel } from './scheduleFormat';

const PROMPT_CHARS = 600;

export function scheduleTooltip(s: Schedule, now: number, localZone: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(s.title || s.id);
  md.appendMarkdown('**\n\n');
  const row = (name: string, value: string | number | null | undefined) => {
    if (value === null || value === undefined || value === '') return;
    md.appendMarkdown(`**${name}:** `);
    md.appendText(String(value));
    md.appendMarkdown('  \n');
  };
  row('Status', SCHEDULE_STATUS_LABELS[s.status] + (s.endReason ? ` (${s.endReason})` : ''));
  row('Schedule id', s.id);
  row('Runs', s.cron === null ? `once at ${runTime(s.runAt ?? 0)}` : timingLabel(s, localZone));
  row('Time zone', s.timezone);
  if (s.nextRunAt !== null) row('Next run', runTime(s.nextRunAt));
  row('Missed runs', s.missedPolicy);
  row('Tasks made', s.maxRuns === null ? s.runCount : `${s.runCount} of ${s.maxRuns}`);
  if (s.expiresAt !== null) row('Expires', runTime(s.expiresAt));
  row('Agent', s.agent);
  row('Priority', s.priority);
  row('Folder', s.cwd);
  row('Created', clock(s.createdAt, now));
  const prompt = s.prompt.length > PROMPT_CHARS ? `${s.prompt.slice(0, PROMPT_CHARS)}…` : s.prompt;
  if (prompt.trim()) md.appendCodeblock(prompt, 'text');
  return md;
}
