/**
 * How `dispatch show` (and the MCP task record) says that a task is one iteration of a loop: the
 * loop's id and state, which iteration of how many, the check, and how this iteration's check
 * went. Read from the store at each call; a task that is no loop's iteration gets nothing. The
 * words themselves are core/loopText.ts's, shared with the editor's language model tools.
 */
import type { Loop } from '../core/loop';
import { checkOutcome, loopCheck } from '../core/loopText';
import type { Task } from '../core/task';
import type { Engine } from '../engine/engine';

/** The check, as `loop show --json` gives it: `until`, or `eval` with its aim. */
function checkJson(loop: Loop): Record<string, unknown> {
  return loop.untilCommand !== null
    ? { until: loop.untilCommand }
    : { eval: loop.evalCommand, direction: loop.direction, target: loop.target };
}

/** For `show --json`: `loop` is null for a task that is no loop's iteration. */
export function iterationJson(engine: Engine, task: Task): { loop: Record<string, unknown> | null } {
  const found = engine.loops.iterationOf(task.id);
  if (!found) return { loop: null };
  const { loop, iteration } = found;
  return {
    loop: {
      id: loop.id,
      state: loop.state,
      iteration: iteration.number,
      maxIterations: loop.maxIterations,
      ...checkJson(loop),
      checkExit: iteration.checkExit,
      checkProblem: iteration.checkProblem,
      score: iteration.score,
      // The iteration whose check passed (until) or that scored best so far (eval).
      best: loop.bestTaskId === task.id,
    },
  };
}

/** Lines for the human-readable `show`, in its `key value` layout. */
export function iterationLines(engine: Engine, task: Task): string[] {
  const found = engine.loops.iterationOf(task.id);
  if (!found) return [];
  const { loop, iteration } = found;
  const rows: [string, string | null][] = [
    [
      'loop',
      `${loop.id} (${loop.state}), iteration ${iteration.number} of ${loop.maxIterations}; ` +
        `every iteration: dispatch loop show ${loop.id}`,
    ],
    loopCheck(loop),
    ['check', checkOutcome(found)],
  ];
  return rows.filter(([, v]) => v !== null).map(([k, v]) => `${k.padEnd(11)} ${v}`);
}
