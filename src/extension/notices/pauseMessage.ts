/**
 * Tells that a task, or an agent, paused at its usage limit (noticeText.ts words it) and runs the
 * action the person picks. The message stays in the notification center after the pause may have
 * ended (the timer resumed it, another window's Resume Now): Resume Now then does nothing rather
 * than report an error about a task that is no longer paused.
 */
import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import type { AgentPause } from '../../core/usageLimit';
import type { Engine } from '../../engine/engine';
import { CommandIds } from '../commandIds';
import { ACTIONS, agentPausedNotice, type PauseNotice, pausedNotice } from './noticeText';

/** A followed task paused: Resume Now queues it again at once. */
export async function showPaused(task: Task, engine: Engine): Promise<void> {
  const choice = await show(pausedNotice(task, engine.agents.pausedWords(task)));
  if (choice === ACTIONS.showOutput) await vscode.commands.executeCommand(CommandIds.showOutput, task.id);
  if (choice !== ACTIONS.resumeNow) return;
  if (engine.state.read((r) => r.tasks.get(task.id))?.state !== 'paused') return;
  await vscode.commands.executeCommand(CommandIds.resumePausedTask, task.id);
}

/** An agent paused: Resume Now ends its pause and queues its paused tasks again. */
export async function showAgentPaused(pause: AgentPause, engine: Engine): Promise<void> {
  const next = engine.agents.pausedWords({ resumeAt: pause.resumeAt });
  const choice = await show(agentPausedNotice(pause, next));
  if (choice === ACTIONS.showOutput && pause.taskId) {
    await vscode.commands.executeCommand(CommandIds.showOutput, pause.taskId);
  }
  if (choice !== ACTIONS.resumeNow) return;
  const paused =
    engine.agents.pauses().some((p) => p.agent === pause.agent) ||
    engine.list({ states: ['paused'] }).some((t) => t.agent === pause.agent);
  if (!paused) return;
  await vscode.commands.executeCommand(CommandIds.resumeAgentNow, pause.agent);
}

function show(notice: PauseNotice): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(notice.message, ...notice.actions);
}
