/** Every command id in one place (package.json `contributes.commands` must match; a test checks). */
export const CommandIds = {
  showLogs: 'dispatch.showLogs',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const ViewIds = {
  workers: 'dispatch.workers',
  tasks: 'dispatch.tasks',
} as const;
