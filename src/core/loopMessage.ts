/**
 * What the next iteration of a loop is told: the check's command, how it ended (exit code, or
 * score) and the last lines it printed. It is the reply that continues the agent's session; an
 * agent without a session gets the loop's prompt first (engine/loops/iterationLaunch.ts).
 */
import { CHECK_OUTPUT_LINES } from './checkOutput';
import { type CheckResult, checkCommandOf, type Loop } from './loop';
import { type Best, checkOutcome, scoreOf } from './loopRules';

type Told = Pick<Loop, 'untilCommand' | 'evalCommand' | 'direction' | 'target' | 'maxIterations'>;

export function checkReport(loop: Told, n: number, check: CheckResult, best: Best | null): string {
  const command = checkCommandOf(loop);
  const lines: string[] = [];
  if (loop.untilCommand !== null) {
    lines.push(
      `The check \`${command}\` failed after iteration ${n} of ${loop.maxIterations}: ${checkOutcome(check)}.`,
    );
  } else {
    const score = scoreOf(check);
    const aim = loop.direction === 'minimize' ? 'lower is better' : 'higher is better';
    const target = loop.target === null ? '' : `, target ${loop.target}`;
    const scored = score === null ? `gave no score (${checkOutcome(check)})` : `scored ${score}`;
    const kept = best ? `; the best so far is ${best.score}` : '';
    lines.push(
      `The evaluation \`${command}\` ${scored} after iteration ${n} of ${loop.maxIterations} (${aim}${target}${kept}).`,
    );
  }
  const output = check.output.replace(/\s+$/, '');
  lines.push(
    '',
    output
      ? `Its last lines of output (at most ${CHECK_OUTPUT_LINES}):\n\`\`\`\n${output}\n\`\`\``
      : 'It printed nothing.',
    '',
    loop.untilCommand !== null
      ? `Fix what it reports. When you stop, \`${command}\` runs again; exit code 0 ends the loop.`
      : `Improve the score. When you stop, \`${command}\` runs again; the last number it prints is the score.`,
  );
  return lines.join('\n');
}
