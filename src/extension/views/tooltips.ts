/** Hover text for tasks and workers: everything a person may need to find or judge a task. */
import * as vscode from 'vscode';
import { AUTONOMY_DESCRIPTIONS, isAutonomy } from '../../core/autonomy';
import {
  denialsText,
  type RetryState,
  retryText,
  summaryHead,
  type TaskResult,
  usageText,
} from '../../core/results';
import type { Task } from '../../core/task';
import { resumeWords } from '../../core/usageLimit';
import { formatDuration } from '../../protocol/duration';
import { outcomeWords } from '../../protocol/outcomeWords';
import { CommandIds } from '../commandIds';
import type { WorkerEntry } from '../model/workersModel';
import { clock, STATE_LABELS } from './format';

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
  repliedAs?: readonly string[];
}

/** What a hover shows besides the task's row: read when it is hovered (TasksProvider). */
export interface TaskDetails {
  related?: RelatedIds;
  /** The agent's result, once the task has ended. */
  result?: TaskResult;
  /** The retry the running agent reported last. */
  retrying?: RetryState;
  /** A paused task's next step, as Engine.pausedWords says it with the user's autoResume. */
  paused?: string;
}

const ids = (list: readonly string[] | undefined) => (list?.length ? list.join(', ') : undefined);

export function taskTooltip(
  task: Task,
  now: number,
  waitsFor?: readonly string[],
  details: TaskDetails = {},
): vscode.MarkdownString {
  const { related, result, retrying, paused } = details;
  const md = header(task.title || task.id);
  row(md, 'State', STATE_LABELS[task.state] + (task.cancelRequestedAt ? ' (cancel requested)' : ''));
  row(
    md,
    task.state === 'paused' ? 'Paused' : 'Outcome',
    task.state === 'paused' ? (task.reason ?? '') : outcomeWords(task),
  );
  // "Next", not "Resumes": with autoResume off it does not resume by itself.
  if (task.state === 'paused') row(md, 'Next', paused ?? resumeWords(task.resumeAt, now));
  if (task.limitResumes) row(md, 'Resumed', `${task.limitResumes}× after a usage limit`);
  if (task.state === 'running' && retrying) row(md, 'Agent says', retryText(retrying));
  if (result) resultRows(md, task, result);
  row(md, 'Task id', task.id);
  row(md, 'Agent', task.agent);
  if (task.autonomy) {
    const what = isAutonomy(task.autonomy) ? ` — ${AUTONOMY_DESCRIPTIONS[task.autonomy]}` : '';
    row(md, 'Autonomy', `${task.autonomy}${what}`);
  }
  row(md, 'Model', task.model ?? result?.model);
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
  row(md, 'Replies to', task.replyTo);
  row(md, 'Replied as', ids(related?.repliedAs));
  promptExcerpt(md, task.prompt);
  return md;
}

/**
 * The agent's summary (first lines), tokens and cost, and what it was refused with a link that
 * runs the task again at full autonomy. The link is the hover's only command: the hover is
 * trusted for that one command and nothing else.
 */
function resultRows(md: vscode.MarkdownString, task: Task, result: TaskResult): void {
  if (result.denials.length) {
    md.appendMarkdown('$(warning) ');
    md.appendText(denialsText(result.denials));
    const args = encodeURIComponent(JSON.stringify([task.id]));
    md.appendMarkdown(
      ` — [Run again with full autonomy](command:${CommandIds.retryFullAutonomy}?${args})  \n`,
    );
    md.supportThemeIcons = true;
    md.isTrusted = { enabledCommands: [CommandIds.retryFullAutonomy] };
  }
  if (result.summary) {
    md.appendMarkdown('**Result:**\n\n');
    for (const line of summaryHead(result.summary)) {
      md.appendMarkdown('> ');
      md.appendText(line);
      md.appendMarkdown('  \n');
    }
    md.appendMarkdown('\n');
  }
  row(md, 'Usage', usageText(result.usage, result.costUsd));
  if (result.turns !== null) row(md, 'Turns', result.turns);
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
