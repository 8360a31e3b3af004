/**
 * What a loop iteration adds to its task's launch (launch/taskStarter.ts): the check its
 * supervisor runs after the agent, and — for an iteration after the first whose agent has no
 * session to continue — the prompt it starts with: the loop's prompt followed by the check's
 * report (the iteration's own prompt), instead of a reply's usual context.
 */
import type { DispatchConfig } from '../../core/config';
import { checkCommandOf } from '../../core/loop';
import type { Task } from '../../core/task';
import type { StateStore } from '../../store';
import { shellCommand } from '../agents/shell';
import type { SupervisorSpecInput } from '../supervisor/spec';

export interface IterationLaunch {
  /** Everything but the folder, which is known once the worktree is ready. */
  check: Omit<NonNullable<SupervisorSpecInput['check']>, 'cwd'>;
  /** Replaces the launch prompt. */
  prompt?: string;
  /** Replaces the reply's notice in the log. */
  notice?: string;
}

/** Undefined for a task that is no loop's iteration. `resumed`: it continues the agent's session. */
export function iterationLaunch(
  store: StateStore,
  task: Task,
  { resumed, config }: { resumed: boolean; config: DispatchConfig },
): IterationLaunch | undefined {
  const found = store.read((r) => {
    const iteration = r.loops.iterationOf(task.id);
    const loop = iteration && r.loops.get(iteration.loopId);
    return loop && { iteration, loop };
  });
  if (!found) return undefined;
  const { loop, iteration } = found;
  const line = checkCommandOf(loop);
  const check = {
    ...shellCommand(line, process.env),
    line,
    timeoutMs: Math.round(config['loop.checkTimeoutSeconds'] * 1000),
    score: loop.evalCommand !== null,
  };
  // A shell iteration's prompt is the loop's command line: the report goes to its context file.
  if (iteration.number === 1 || resumed || task.agent === 'shell') return { check };
  return {
    check,
    prompt: `${loop.prompt}\n\n${task.prompt}`,
    notice: `task ${task.replyTo} left no ${task.agent} session to continue: iteration ${iteration.number} of loop ${loop.id} starts with the loop's prompt and the check's result`,
  };
}
