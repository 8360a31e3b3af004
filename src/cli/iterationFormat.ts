/**
 * How `dispatch show` (and the MCP task record) says that a task is one iteration of a loop: the
 * loop's id and state, which iteration of how many, the check, and how this iteration's check
 * went. Read from the store at each call; a task that is no loop's iteration gets nothing.
 */
import type { Loop, LoopIteration } from '../core/loop';
import type { Task } from '../core/task';
import type { Engine } from '../engine/engine';

interface IterationOf {
  loop: Loop;
  iteration: LoopIteration;
}

function iterationOf(engine: Engine, task: Task): IterationOf | undefined {
  return engine.state.read((r) => {
    const iteration = r.loops.iterationOf(task.id);
    const loop = iteration && r.loops.get(iteration.loopId);
    return loop && { loop, iteration };
  });
}

/** The check, as `loop show --json` gives it: `until`, or `eval` with its aim. */
function checkJson(loop: Loop): Record<string, unknown> {
  return loop.untilCommand !== null
    ? { until: loop.untilCommand }
    : { eval: loop.evalCommand, direction: loop.direction, target: loop.target };
}

/** For `show --json`: `loop` is null for a task that is no loop's iteration. */
export function iterationJson(engine: Engine, task: Task): { loop: Record<string, unknown> | null } {
  const found = iterationOf(engine, task);
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
  const found = iterationOf(engine, task);
  if (!found) return [];
  const { loop, iteration } = found;
  const aim = `${loop.direction}${loop.target === null ? '' : `, target ${loop.target}`}`;
  const rows: [string, string | null][] = [
    [
      'loop',
      `${loop.id} (${loop.state}), iteration ${iteration.number} of ${loop.maxIterations}; ` +
        `every iteration: dispatch loop show ${loop.id}`,
    ],
    loop.untilCommand !== null ? ['until', loop.untilCommand] : ['eval', `${loop.evalCommand} (${aim})`],
    ['check', checkOutcome(loop, iteration, task)],
  ];
  return rows.filter(([, v]) => v !== null).map(([k, v]) => `${k.padEnd(11)} ${v}`);
}

/** "exit 1", "exit 0 · score 0.83 · best", "timed out after 600 s"; null before it ran. */
function checkOutcome(loop: Loop, iteration: LoopIteration, task: Task): string | null {
  const parts: string[] = [];
  if (iteration.checkProblem) parts.push(iteration.checkProblem);
  else if (iteration.checkExit !== null) parts.push(`exit ${iteration.checkExit}`);
  else return null;
  if (iteration.score !== null) parts.push(`score ${iteration.score}`);
  if (loop.bestTaskId === task.id) parts.push(loop.untilCommand !== null ? 'passed' : 'best');
  return parts.join(' · ');
}
