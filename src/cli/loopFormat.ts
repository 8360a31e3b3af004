/**
 * How loops look in lists and in `--json` output (a stable contract for scripts); `loop show`'s
 * text is core/loopText.ts's, shared with the editor's language model tools.
 */
import type { LoopEntry } from '../core/loop';
import { isoTime } from '../core/loopText';

/**
 * The issue's shape — `{ id, prompt, agent, state, until | eval, iterations: [{ taskId, state,
 * checkExit, score }], best: { taskId, score } }` — plus what a script needs to tell why and when
 * (also the MCP tools' loop record).
 * An iteration whose task was deleted has the state `deleted`.
 */
export function loopJson({ loop, iterations }: LoopEntry): Record<string, unknown> {
  return {
    id: loop.id,
    title: loop.title,
    prompt: loop.prompt,
    agent: loop.agent,
    state: loop.state,
    reason: loop.reason,
    ...(loop.untilCommand !== null
      ? { until: loop.untilCommand }
      : { eval: loop.evalCommand, direction: loop.direction, target: loop.target }),
    maxIterations: loop.maxIterations,
    iterations: iterations.map((i) => ({
      number: i.number,
      taskId: i.taskId,
      state: i.state ?? 'deleted',
      checkExit: i.checkExit,
      // Why there is no exit code: "timed out after 600 s", "could not start: …".
      checkProblem: i.checkProblem,
      score: i.score,
    })),
    best: loop.bestTaskId === null ? null : { taskId: loop.bestTaskId, score: loop.bestScore },
    cwd: loop.cwd,
    createdAt: isoTime(loop.createdAt),
    endedAt: isoTime(loop.endedAt),
  };
}

/** `abcd…  RUNNING    2/5  claude    Fix the failing tests` */
export function loopLine({ loop, iterations }: LoopEntry): string {
  const progress = `${iterations.length}/${loop.maxIterations}`.padEnd(7);
  return `${loop.id}  ${loop.state.toUpperCase().padEnd(9)}  ${progress}  ${loop.agent.padEnd(8)}  ${loop.title}`;
}
