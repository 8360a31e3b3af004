/**
 * The status bar's tooltip: the counts line, then "Usage today" once the engine has been read,
 * and a link to Dispatch: Show Usage for the last 7 and 30 days.
 */
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { type TodaySnapshot, usageMarkdown } from './todayUsage';

export function withUsage(counts: string, today: TodaySnapshot | undefined): string | vscode.MarkdownString {
  if (!today) return counts;
  const md = new vscode.MarkdownString();
  md.appendText(counts);
  md.appendMarkdown(`\n\n---\n\n${usageMarkdown(today)}`);
  md.appendMarkdown(`\n\n[$(graph) Usage by agent over 7 and 30 days](command:${CommandIds.showUsage})`);
  md.supportThemeIcons = true;
  // Only this command's link runs: agent names in the text above are escaped, but trust stays narrow.
  md.isTrusted = { enabledCommands: [CommandIds.showUsage] };
  return md;
}
