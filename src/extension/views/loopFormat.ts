/** How a loop reads in the Tasks view. Pure, so it is unit-tested. */
import type { LoopEntry } from '../../core/loop';

/**
 * "claude · iteration 2/5", "claude · iteration 3/5 · best 0.91", "succeeded · 3 iterations",
 * "failed · 5 iterations · best 0.4", "cancelled · 2 iterations".
 */
export function loopDescription({ loop, iterations }: LoopEntry): string {
  const n = iterations.length;
  const parts =
    loop.state === 'running'
      ? [loop.agent, `iteration ${n}/${loop.maxIterations}`]
      : [loop.state, `${n} iteration${n === 1 ? '' : 's'}`];
  if (loop.evalCommand !== null && loop.bestScore !== null) parts.push(`best ${loop.bestScore}`);
  return parts.join(' · ');
}

/** "until `npm test` exits 0", "maximize the last number of `./eval.sh`, target 0.9". */
export function loopCheckText(loop: LoopEntry['loop']): string {
  if (loop.untilCommand !== null) return `until \`${loop.untilCommand}\` exits 0`;
  const target = loop.target === null ? '' : `, target ${loop.target}`;
  return `${loop.direction} the last number of \`${loop.evalCommand}\`${target}`;
}
