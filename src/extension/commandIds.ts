/** Every command id in one place (package.json `contributes.commands` must match; a test checks). */
export const CommandIds = {
  delegateTask: 'dispatch.delegateTask',
  delegateSelection: 'dispatch.delegateSelection',
  /** The editor title action of a prompt opened with "Write in Editor…". */
  delegatePrompt: 'dispatch.delegatePrompt',
  showOutput: 'dispatch.showOutput',
  cancelTask: 'dispatch.cancelTask',
  retryTask: 'dispatch.retryTask',
  resumeTask: 'dispatch.resumeTask',
  replyTask: 'dispatch.replyTask',
  retryFullAutonomy: 'dispatch.retryFullAutonomy',
  runAfter: 'dispatch.runAfter',
  copyTaskId: 'dispatch.copyTaskId',
  deleteTask: 'dispatch.deleteTask',
  recoverNow: 'dispatch.recoverNow',
  clearFinished: 'dispatch.clearFinished',
  showLogs: 'dispatch.showLogs',
  openStateFolder: 'dispatch.openStateFolder',
  scheduleTask: 'dispatch.scheduleTask',
  pauseSchedule: 'dispatch.pauseSchedule',
  resumeSchedule: 'dispatch.resumeSchedule',
  cancelSchedule: 'dispatch.cancelSchedule',
  runScheduleNow: 'dispatch.runScheduleNow',
  startLoop: 'dispatch.startLoop',
  cancelLoop: 'dispatch.cancelLoop',
  /** Worktree tasks: the diff of a file (or a pick of them), Apply, Discard, and a window on the worktree. */
  reviewChanges: 'dispatch.reviewChanges',
  applyChanges: 'dispatch.applyChanges',
  discardWorktree: 'dispatch.discardWorktree',
  openWorktree: 'dispatch.openWorktree',
  /** A task paused at its agent's usage limit, queued again now ("Resume Now"). */
  resumePausedTask: 'dispatch.resumePausedTask',
  /** An agent paused at its usage limit, resumed now (its paused tasks too). */
  resumeAgentNow: 'dispatch.resumeAgentNow',
  /** Live full-text search over every task (also in the Tasks view's title bar). */
  searchTasks: 'dispatch.searchTasks',
  /** Tasks, tokens and cost per agent today, over 7 and 30 days, and the daily budget. */
  showUsage: 'dispatch.showUsage',
  /** The Tasks view's "Show more…" row. */
  showMoreTasks: 'dispatch.showMoreTasks',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const ViewIds = {
  workers: 'dispatch.workers',
  tasks: 'dispatch.tasks',
  schedules: 'dispatch.schedules',
} as const;

/** Context keys for `when` clauses in package.json (viewsWelcome, menus). */
export const ContextKeys = {
  /** This window's engine is open. */
  ready: 'dispatch.ready',
  /** No folder is open (or it is not on disk): nothing can be delegated. */
  noFolder: 'dispatch.noFolder',
  /** The workspace is not trusted: tasks are shown, none can start. */
  untrusted: 'dispatch.untrusted',
  /** The engine could not open its state (the log says why). */
  failed: 'dispatch.failed',
  /** The active editor holds a prompt opened with "Write in Editor…". */
  promptEditor: 'dispatch.promptEditor',
} as const;
