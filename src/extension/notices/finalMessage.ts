/**
 * Shows how a task ended (noticeText.ts words it) and runs the action the person picks. The facts
 * it needs beyond the task are gathered here: the agent's result, whether the agent can run now
 * (a failed start is fixed by installing or configuring it, not by Retry), and whether its
 * worktree holds changes to review.
 */
import * as vscode from 'vscode';
import type { DispatchConfig } from '../../core/config';
import type { Task } from '../../core/task';
import { checkAvailability } from '../../engine/agents';
import type { Engine } from '../../engine/engine';
import { runFix } from '../agentFixes';
import { CommandIds } from '../commandIds';
import { ACTIONS, type FinalFacts, finalNotice, type NoticeAction } from './noticeText';

const COMMANDS: Partial<Record<NoticeAction, string>> = {
  [ACTIONS.showOutput]: CommandIds.showOutput,
  [ACTIONS.review]: CommandIds.reviewChanges,
  [ACTIONS.reply]: CommandIds.replyTask,
  [ACTIONS.retry]: CommandIds.retryTask,
  [ACTIONS.runFull]: CommandIds.retryFullAutonomy,
};

export async function showFinal(
  task: Task,
  engine: Engine | undefined,
  config: DispatchConfig,
): Promise<void> {
  const facts = await factsOf(task, engine, config);
  const notice = finalNotice(task, facts);
  const show =
    notice.severity === 'error'
      ? vscode.window.showErrorMessage
      : notice.severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  const choice = await show(notice.message, ...notice.actions);
  if (!choice) return;
  const command = COMMANDS[choice];
  if (command) await vscode.commands.executeCommand(command, task.id);
  else await runFix(choice, task.agent, facts.agentFix?.install);
}

async function factsOf(task: Task, engine: Engine | undefined, config: DispatchConfig): Promise<FinalFacts> {
  const facts: FinalFacts = { result: engine?.result(task.id) };
  if (task.state === 'failed') {
    const availability = checkAvailability(task.agent, config, { cwd: task.cwd });
    if (!availability.available) facts.agentFix = { install: availability.install };
  }
  facts.canReview = engine !== undefined && (await hasChangesToReview(task, engine));
  return facts;
}

async function hasChangesToReview(task: Task, engine: Engine): Promise<boolean> {
  if (!task.worktreePath || task.worktreeRemovedAt !== null) return false;
  try {
    return (await engine.worktrees.changes(task.id)).files.length > 0;
  } catch {
    return false; // the worktree is gone or unreadable: nothing to review
  }
}
