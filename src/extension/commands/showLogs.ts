import type { CommandDeps } from './deps';

/** Dispatch: Show Logs — the "Agent Dispatch" log channel. */
export function showLogs(deps: CommandDeps) {
  return () => deps.log.show(true);
}
