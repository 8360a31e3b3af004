/**
 * How a loop and one of its iterations read as text, for every caller that tells a person or a
 * model about them: `dispatch loop show` and `dispatch show` on a terminal, the MCP tools, and the
 * editor's language model tools. Kept here, below all of them, so the facts are worded once.
 */
import type { Loop, LoopEntry, LoopIteration } from './loop';
import { iterationSummary } from './loop';

/** A task's place in its loop: the loop and the iteration the task is. */
export interface TaskIteration {
  loop: Loop;
  iteration: LoopIteration;
}

/** "maximize", "minimize, target 0.9": what an eval loop aims for. */
export function loopAim(loop: Pick<Loop, 'direction' | 'target'>): string {
  return `${loop.direction}${loop.target === null ? '' : `, target ${loop.target}`}`;
}

/** The check as a key and a value: `until npm test`, `eval ./score.sh (maximize, target 9)`. */
export function loopCheck(loop: Loop): [key: 'until' | 'eval', value: string] {
  return loop.untilCommand !== null
    ? ['until', loop.untilCommand]
    : ['eval', `${loop.evalCommand} (${loopAim(loop)})`];
}

/**
 * How one iteration's check went: "exit 1", "exit 0 · score 0.83 · best", "timed out after
 * 600 s"; null before it ran.
 */
export function checkOutcome({ loop, iteration }: TaskIteration): string | null {
  const parts: string[] = [];
  if (iteration.checkProblem) parts.push(iteration.checkProblem);
  else if (iteration.checkExit !== null) parts.push(`exit ${iteration.checkExit}`);
  else return null;
  if (iteration.score !== null) parts.push(`score ${iteration.score}`);
  // The iteration whose check passed (until) or that scored best so far (eval).
  if (loop.bestTaskId === iteration.taskId) parts.push(loop.untilCommand !== null ? 'passed' : 'best');
  return parts.join(' · ');
}

/** `dispatch loop show`: the loop in `key value` lines, its prompt, then each iteration. */
export function loopDetails({ loop, iterations }: LoopEntry): string {
  const rows: [string, string | number | null][] = [
    ['id', loop.id],
    ['title', loop.title],
    ['state', loop.reason ? `${loop.state} (${loop.reason})` : loop.state],
    loopCheck(loop),
    ['agent', loop.agent],
    ['limit', `${loop.maxIterations} iterations`],
    ['best', best(loop)],
    ['folder', loop.cwd],
    ['created', isoTime(loop.createdAt)],
    ['ended', isoTime(loop.endedAt)],
  ];
  const lines = rows.filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k.padEnd(8)} ${v}`);
  lines.push('', 'prompt:', loop.prompt, '', 'iterations:');
  for (const i of iterations)
    lines.push(`  ${String(i.number).padStart(3)}  ${i.taskId}  ${iterationSummary(i, loop)}`);
  return lines.join('\n');
}

function best(loop: Loop): string | null {
  if (loop.bestTaskId === null) return null;
  return loop.bestScore === null ? loop.bestTaskId : `${loop.bestTaskId} (score ${loop.bestScore})`;
}

export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
