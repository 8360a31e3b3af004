/**
 * What `dispatch loop` and the MCP tool `loop_start` take, turned into the engine's LoopInput the
 * same way for both: the limit and the timeout are checked here, with the caller's own names for
 * them in the message (`--max-iterations`, `maxIterations`); everything else — the check, the
 * direction, the target, the agent, the folder — is checked by the engine (loops/loopInput.ts),
 * so a bad value gets the same one line from either.
 */
import type { LoopInput } from '../engine/loops/loopInput';
import { positiveInteger, positiveNumber } from './args';

export interface LoopOptions {
  prompt: string;
  until?: string;
  eval?: string;
  direction?: string;
  target?: string | number;
  maxIterations?: string | number;
  /** Seconds. */
  timeout?: string | number;
  agent?: string;
  autonomy?: string;
  model?: string;
  priority?: string;
  cwd?: string;
  title?: string;
  /** undefined: `dispatch.worktree.mode` decides. */
  worktree?: boolean;
}

export function loopInput(
  { maxIterations, timeout, ...rest }: LoopOptions,
  names: { maxIterations: string; timeout: string },
): LoopInput {
  const given = (value: string | number | undefined) => (value === undefined ? undefined : String(value));
  return {
    ...rest,
    maxIterations: positiveInteger(given(maxIterations), names.maxIterations),
    timeoutSeconds: positiveNumber(given(timeout), names.timeout),
  };
}
