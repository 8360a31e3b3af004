/** How loops look on a terminal and in `--json` output (a stable contract for scripts). */
import { iterationSummary, type Loop, type LoopEntry } from '../core/loop';

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
    createdAt: iso(loop.createdAt),
    endedAt: iso(loop.endedAt),
  };
}

/** `abcd…  RUNNING    2/5  claude    Fix the failing tests` */
export function loopLine({ loop, iterations }: LoopEntry): string {
  const progress = `${iterations.length}/${loop.maxIterations}`.padEnd(7);
  return `${loop.id}  ${loop.state.toUpperCase().padEnd(9)}  ${progress}  ${loop.agent.padEnd(8)}  ${loop.title}`;
}

export function loopDetails({ loop, iterations }: LoopEntry): string {
  const rows: [string, string | number | null][] = [
    ['id', loop.id],
    ['title', loop.title],
    ['state', loop.reason ? `${loop.state} (${loop.reason})` : loop.state],
    loop.untilCommand !== null
      ? ['until', loop.untilCommand]
      : ['eval', `${loop.evalCommand} (${aim(loop)})`],
    ['agent', loop.agent],
    ['limit', `${loop.maxIterations} iterations`],
    ['best', best(loop)],
    ['folder', loop.cwd],
    ['created', iso(loop.createdAt)],
    ['ended', iso(loop.endedAt)],
  ];
  const lines = rows.filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k.padEnd(8)} ${v}`);
  lines.push('', 'prompt:', loop.prompt, '', 'iterations:');
  for (const i of iterations)
    lines.push(`  ${String(i.number).padStart(3)}  ${i.taskId}  ${iterationSummary(i, loop)}`);
  return lines.join('\n');
}

function aim(loop: Loop): string {
  return `${loop.direction}${loop.target === null ? '' : `, target ${loop.target}`}`;
}

function best(loop: Loop): string | null {
  if (loop.bestTaskId === null) return null;
  return loop.bestScore === null ? loop.bestTaskId : `${loop.bestTaskId} (score ${loop.bestScore})`;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
