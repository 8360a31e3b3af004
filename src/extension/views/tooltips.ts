/** Hover text for tasks and workers: everything a person may need to find or judge a task. */
import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import { formatDuration } from '../../protocol/duration';
import type { WorkerEntry } from '../model/workersModel';
import { clock, outcome, STATE_LABELS } from './format';

// Long prompts make a hover taller than the screen; the output panel has the rest.
const PROMPT_CHARS = 600;

/** "**Name:** value" on a line of its own; nothing for an empty value. */
export function row(
  md: vscode.MarkdownString,
  name: string,
  value: string | number | null | undefined,
): void {
  if (value === null || value === undefined || value === '') return;
  md.appendMarkdown(`**${name}:** `);
  md.appendText(String(value));
  md.appendMarkdown('  \n');
}

/** A hover that starts with `title` in bold. */
export function header(title: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(title);
  md.appendMarkdown('**\n\n');
  return md;
}

/** The prompt as a code block, cut at PROMPT_CHARS. */
export function promptExcerpt(md: vscode.MarkdownString, text: string): void {
  const prompt = text.length > PROMPT_CHARS ? `${text.slice(0, PROMPT_CHARS)}…` : text;
  if (prompt.trim()) md.appendCodeblock(prompt, 'text');
}

/** The ids of a task's relations, as the hover lists them (see engine/submit/relations.ts). */
export interface RelatedIds {
  dependsOn: readonly string[];
  dependents: readonly string[];
  retriedAs: readonly string[];
  resumedAs: readonly string[];
}

const ids = (list: readonly string[] | undefined) => (list?.length ? list.join(', ') : undefined);

export function taskTooltip(
  task: Task,
  now: number,
  waitsFor?: readonly string[],
  related?: RelatedIds,
): vscode.MarkdownString {
  const md = header(task.title || task.id);
  row(md, 'State', STATE_LABELS[task.state] + (task.cancelRequestedAt ? ' (cancel requested)' : ''));
  row(md, 'Outcome', outcome(task));
  row(md, 'Task id', task.id);
  row(md, 'Agent', task.agent);
  row(md, 'Priority', task.priority);
  row(md, 'Folder', task.cwd);
  row(md, 'Created', clock(task.createdAt, now));
  if (task.startedAt) row(md, 'Started', clock(task.startedAt, now));
  if (task.endedAt) row(md, 'Ended', clock(task.endedAt, now));
  if (task.startedAt && task.endedAt) row(md, 'Ran for', formatDuration(task.endedAt - task.startedAt));
  row(md, 'Waits for', waitsFor?.join(', '));
  if (!waitsFor?.length) row(md, 'Ran after', ids(related?.dependsOn));
  row(md, 'Continues from', task.continueFrom);
  row(md, 'Needed by', ids(related?.dependents));
  row(md, 'Retry of', task.retryOf);
  row(md, 'Retried as', ids(related?.retriedAs));
  row(md, 'Resumes', task.resumeOf);
  row(md, 'Resumed as', ids(related?.resumedAs));
  promptExcerpt(md, task.prompt);
  return md;
}

export function workerTooltip({ task, worker, owner }: WorkerEntry, now: number): vscode.MarkdownString {
  const md = header(task.title || task.id);
  row(md, 'Task id', task.id);
  row(md, 'Agent', task.agent);
  row(md, 'Runs in', owner.engine ? `${owner.label} — ${owner.engine.label}` : owner.label);
  row(md, 'Host', worker.host);
  row(md, 'Supervisor PID', worker.supervisorPid ?? 'starting…');
  row(md, 'Agent PID', worker.agentPid ?? 'starting…');
  row(md, 'Folder', task.cwd);
  row(md, 'Started', clock(worker.startedAt ?? worker.claimedAt, now));
  if (task.cancelRequestedAt) row(md, 'Cancel requested', clock(task.cancelRequestedAt, now));
  promptExcerpt(md, task.prompt);
  return md;
}
