/**
 * Tells that a task, the tasks one limit stopped together, or an agent paused at its usage limit
 * (noticeText.ts words it) and runs the action the person picks. The message stays in the
 * notification center after the pause may have ended (the timer resumed it, another window's
 * Resume Now): Resume Now then does nothing rather than report an error about a task that is no
 * longer paused.
 */
import * as vscode from 'vscode';
import type { Task } from '../../core/task';
import type { AgentPause } from '../../core/usageLimit';
import type { Engine } from '../../engine/engine';
import { CommandIds, ViewIds } from '../commandIds';
import { ACTIONS, agentPausedNotice, type PauseNotice, pausedNotice, pausedTasksNotice } from './noticeText';
import type { PausedGroup } from './pauseGather';

/** A followed task paused: Resume Now queues it again at once. */
async function showPaused(task: Task, engine: Engine): Promise<void> {
  const choice = await show(pausedNotice(task, engine.agents.pausedWords(task)));
  if (choice === ACTIONS.showOutput) await vscode.commands.executeCommand(CommandIds.showOutput, task.id);
  if (choice !== ACTIONS.resumeNow) return;
  if (engine.state.read((r) => r.tasks.get(task.id))?.state !== 'paused') return;
  await vscode.commands.executeCommand(CommandIds.resumePausedTask, task.id);
}

/**
 * Followed tasks one limit stopped together (pauseGather.ts): one alone is told as itself; more
 * as one message whose Resume Now resumes their agent — every paused task of it, and its queue.
 */
export async function showPausedGroup(group: PausedGroup, engine: Engine): Promise<void> {
  const waiting = group.paused.length + group.queued.length;
  if (waiting === 1) return showPaused(group.paused[0]!, engine);
  const pause = engine.agents.pauses().find((p) => p.agent === group.agent);
  const next = engine.agents.pausedWords({ resumeAt: pause?.resumeAt ?? group.paused[0]!.resumeAt });
  const choice = await show(pausedTasksNotice(group.agent, waiting, next));
  if (choice === ACTIONS.showTasks) await vscode.commands.executeCommand(`${ViewIds.tasks}.focus`);
  if (choice === ACTIONS.resumeNow) await resumeAgent(group.agent, engine);
}

/** An agent paused: Resume Now ends its pause and queues its paused tasks again. */
export async function showAgentPaused(pause: AgentPause, engine: Engine): Promise<void> {
  const next = engine.agents.pausedWords({ resumeAt: pause.resumeAt });
  const choice = await show(agentPausedNotice(pause, next));
  if (choice === ACTIONS.showOutput && pause.taskId) {
    await vscode.commands.executeCommand(CommandIds.showOutput, pause.taskId);
  }
  if (choice === ACTIONS.resumeNow) await resumeAgent(pause.agent, engine);
}

async function resumeAgent(agent: string, engine: Engine): Promise<void> {
  const paused =
    engine.agents.pauses().some((p) => p.agent === agent) ||
    engine.list({ states: ['paused'] }).some((t) => t.agent === agent);
  if (!paused) return;
  await vscode.commands.executeCommand(CommandIds.resumeAgentNow, agent);
}

function show(notice: PauseNotice): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(notice.message, ...notice.actions);
}
