/** The status bar's tooltip: the counts line, then "Usage today" once the engine has been read. */
import * as vscode from 'vscode';
import { type TodaySnapshot, usageMarkdown } from './todayUsage';

export function withUsage(counts: string, today: TodaySnapshot | undefined): string | vscode.MarkdownString {
  if (!today) return counts;
  const md = new vscode.MarkdownString();
  md.appendText(counts);
  md.appendMarkdown(`\n\n---\n\n${usageMarkdown(today)}`);
  return md;
}
