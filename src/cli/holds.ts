/**
 * Why a queued task waits, as `list` and `show` (and the MCP tools) say it: the daily budget
 * first, since it holds every agent's tasks, then the task's agent at its own cap. Read once per
 * listing, not once per task.
 */
import type { Engine } from '../engine/engine';

export type WaitReason = (agent: string) => string | undefined;

export function waitReasons(engine: Engine): WaitReason {
  const budget = engine.budgetHold();
  const capped = engine.agentsAtCap();
  return (agent) => budget ?? capped.get(agent);
}
