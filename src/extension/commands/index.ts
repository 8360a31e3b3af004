/** Registers every command: one handler per file, each run inside the wrapper of registerCommand.ts. */
import type * as vscode from 'vscode';
import { type CommandId, CommandIds } from '../commandIds';
import { applyChanges } from './applyChanges';
import { cancelLoop } from './cancelLoop';
import { cancelTask } from './cancelTask';
import { clearFinished } from './clearFinished';
import { copyTaskId } from './copyTaskId';
import { delegatePrompt } from './delegatePrompt';
import { delegateSelection } from './delegateSelection';
import { delegateTask } from './delegateTask';
import { deleteTask } from './deleteTask';
import type { CommandDeps } from './deps';
import { discardWorktree } from './discardWorktree';
import { openStateFolder } from './openStateFolder';
import { openWorktree } from './openWorktree';
import { recoverNow } from './recoverNow';
import { type CommandHandler, registerCommand } from './registerCommand';
import { replyTask } from './replyTask';
import { resumeAgentNow } from './resumeAgentNow';
import { resumePausedTask } from './resumePausedTask';
import { resumeTask } from './resumeTask';
import { retryFullAutonomy } from './retryFullAutonomy';
import { retryTask } from './retryTask';
import { reviewChanges } from './reviewChanges';
import { runAfter } from './runAfter';
import { runScheduleNow } from './runScheduleNow';
import { cancelSchedule, pauseSchedule, resumeSchedule } from './scheduleStatus';
import { scheduleTask } from './scheduleTask';
import { searchTasks } from './searchTasks';
import { showLogs } from './showLogs';
import { showMoreTasks } from './showMoreTasks';
import { showOutput } from './showOutput';
import { showUsage } from './showUsage';
import { startLoop } from './startLoop';

// A Record over every id: a command declared in CommandIds without a handler does not compile.
const HANDLERS: Record<CommandId, (deps: CommandDeps) => CommandHandler> = {
  [CommandIds.delegateTask]: delegateTask,
  [CommandIds.delegateSelection]: delegateSelection,
  [CommandIds.delegatePrompt]: delegatePrompt,
  [CommandIds.showOutput]: showOutput,
  [CommandIds.cancelTask]: cancelTask,
  [CommandIds.retryTask]: retryTask,
  [CommandIds.resumeTask]: resumeTask,
  [CommandIds.replyTask]: replyTask,
  [CommandIds.retryFullAutonomy]: retryFullAutonomy,
  [CommandIds.runAfter]: runAfter,
  [CommandIds.copyTaskId]: copyTaskId,
  [CommandIds.deleteTask]: deleteTask,
  [CommandIds.recoverNow]: recoverNow,
  [CommandIds.clearFinished]: clearFinished,
  [CommandIds.showLogs]: showLogs,
  [CommandIds.openStateFolder]: openStateFolder,
  [CommandIds.scheduleTask]: scheduleTask,
  [CommandIds.pauseSchedule]: pauseSchedule,
  [CommandIds.resumeSchedule]: resumeSchedule,
  [CommandIds.cancelSchedule]: cancelSchedule,
  [CommandIds.runScheduleNow]: runScheduleNow,
  [CommandIds.startLoop]: startLoop,
  [CommandIds.cancelLoop]: cancelLoop,
  [CommandIds.reviewChanges]: reviewChanges,
  [CommandIds.applyChanges]: applyChanges,
  [CommandIds.discardWorktree]: discardWorktree,
  [CommandIds.openWorktree]: openWorktree,
  [CommandIds.showMoreTasks]: showMoreTasks,
  [CommandIds.resumePausedTask]: resumePausedTask,
  [CommandIds.resumeAgentNow]: resumeAgentNow,
  [CommandIds.searchTasks]: searchTasks,
  [CommandIds.showUsage]: showUsage,
};

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  for (const [id, handler] of Object.entries(HANDLERS) as [
    CommandId,
    (deps: CommandDeps) => CommandHandler,
  ][]) {
    registerCommand(context, deps.log, id, handler(deps));
  }
}
