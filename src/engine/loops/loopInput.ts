/**
 * Validation of a new loop before anything is stored: its first iteration is checked as
 * `delegate` checks a task (prompt, agent, folder, autonomy, model), then the loop itself —
 * exactly one check command (`until` or `eval`), a direction for an eval, a number for a target,
 * an iteration limit from 1 to MAX_ITERATIONS — each refused with one line that says what to do.
 */
import type { DispatchConfig } from '../../core/config';
import { DispatchError } from '../../core/errors';
import {
  DEFAULT_MAX_ITERATIONS,
  type Direction,
  isDirection,
  MAX_ITERATIONS,
  type NewLoop,
} from '../../core/loop';
import type { NewTask } from '../../core/task';
import { type DelegateInput, validateNewTask } from '../submit/taskInput';

export interface LoopInput extends Omit<DelegateInput, 'after' | 'continueFrom'> {
  /** Loop until this command line exits 0 in the task's folder. Give this or `eval`. */
  until?: string;
  /** Improve the last number this command line prints. Needs `direction`. */
  eval?: string;
  /** maximize or minimize (eval only). */
  direction?: string;
  /** Stop once a score reaches this (eval only). */
  target?: number | string;
  /** Default DEFAULT_MAX_ITERATIONS (5). */
  maxIterations?: number;
}

const given = (value: string | undefined) => value !== undefined && value.trim() !== '';

export function validateNewLoop(
  input: LoopInput,
  config: DispatchConfig,
  workspace: string,
): { loop: NewLoop; task: NewTask } {
  const until = given(input.until);
  const evaluate = given(input.eval);
  if (!until && !evaluate) {
    throw new DispatchError(
      'invalid-input',
      'give the check: --until CMD (loop until it exits 0) or --eval CMD --direction maximize|minimize (improve the last number it prints)',
    );
  }
  if (until && evaluate) throw new DispatchError('invalid-input', 'give --until or --eval, not both');
  const direction = directionOf(input.direction);
  const target = targetOf(input.target);
  if (until && (direction !== undefined || target !== null)) {
    throw new DispatchError('invalid-input', '--direction and --target go with --eval, not with --until');
  }
  if (evaluate && direction === undefined) {
    throw new DispatchError('invalid-input', '--eval needs --direction maximize or --direction minimize');
  }
  const maxIterations = input.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  if (!Number.isInteger(maxIterations) || maxIterations < 1 || maxIterations > MAX_ITERATIONS) {
    throw new DispatchError(
      'invalid-input',
      `the iteration limit must be a whole number from 1 to ${MAX_ITERATIONS}, got ${maxIterations}`,
    );
  }
  const task = validateNewTask(input, config, workspace);
  return {
    task,
    loop: {
      title: task.title ?? '',
      prompt: task.prompt,
      agent: task.agent,
      cwd: task.cwd,
      untilCommand: until ? input.until!.trim() : null,
      evalCommand: evaluate ? input.eval!.trim() : null,
      direction: direction ?? null,
      target,
      maxIterations,
    },
  };
}

function directionOf(value: string | undefined): Direction | undefined {
  const direction = value?.trim();
  if (!direction) return undefined;
  if (!isDirection(direction))
    throw new DispatchError('invalid-input', `bad direction "${direction}": use maximize or minimize`);
  return direction;
}

function targetOf(value: number | string | undefined): number | null {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(n))
    throw new DispatchError('invalid-input', `the target must be a number, got "${value}"`);
  return n;
}
