/**
 * New tasks made from earlier ones — retry, resume, reply — and from a list of steps — pipelines. Each
 * is validated like any delegated task (taskInput.ts) before the write, then stored with its
 * links and dependencies in one write (store/repositories/submit.ts), so a refusal stores nothing.
 */
import type { DispatchConfig } from '../../core/config';
import { DispatchError } from '../../core/errors';
import { type NewTask, retryTitle, type Task } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import type { Repositories } from '../../store';
import { type DelegateInput, validateNewTask } from './taskInput';

/** What a resume without instructions asks; the context in front says what "the task" was. */
export const DEFAULT_RESUME_PROMPT = 'Continue the earlier task from where it stopped, and finish it.';

export const PIPELINE_STEPS = { min: 2, max: 20 } as const;

export type PipelineStep = Omit<DelegateInput, 'after' | 'continueFrom' | 'retryOf'>;

export interface PipelineOptions extends Omit<PipelineStep, 'prompt' | 'title'> {
  /** Each step after the first starts with the previous step's context (continue-from). */
  continue?: boolean;
  /** Tasks the first step waits for. */
  after?: readonly string[];
}

interface Where {
  config: DispatchConfig;
  workspace: string;
}

/** Same prompt, agent, priority, folder, timeout, autonomy and model; the context links are kept too. */
export function retryOf(original: Task, { config, workspace }: Where, options: ReplyOptions = {}): NewTask {
  assertEnded(original, 'retry');
  const checked = validateNewTask(
    { ...sameRun(original), ...given(options), prompt: original.prompt, title: retryTitle(original.title) },
    config,
    workspace,
  );
  return {
    ...checked,
    timeoutMs: original.timeoutMs,
    retryOf: original.id,
    // The stored prompt is the user's own: the context it ran with comes from these links.
    resumeOf: original.resumeOf,
    continueFrom: original.continueFrom,
    replyTo: original.replyTo,
  };
}

export interface ReplyOptions {
  autonomy?: string;
  model?: string;
}

/** A retry may also ask for a worktree (a worktree task always gets a fresh one, submissions.ts). */
export interface RetryOptions extends ReplyOptions {
  worktree?: boolean;
}

/**
 * A reply to a finished task: the same agent, folder and (unless given) autonomy and model, and
 * the message as its prompt. At launch it continues the agent's own session when the task left
 * one (launch/taskStarter.ts), else it starts with the task's context.
 */
export function replyOf(
  original: Task,
  message: string,
  options: ReplyOptions,
  { config, workspace }: Where,
): NewTask {
  if (message.trim() === '')
    throw new DispatchError('invalid-input', 'the reply is empty: say what the agent should do next');
  if (!isTerminal(original.state)) {
    throw new DispatchError(
      'invalid-input',
      `task ${original.id} is still ${original.state}: reply once it has ended (dispatch wait ${original.id})`,
    );
  }
  const checked = validateNewTask(
    {
      ...sameRun(original),
      ...given(options),
      prompt: message,
    },
    config,
    workspace,
  );
  return { ...checked, timeoutMs: original.timeoutMs, replyTo: original.id, ...sharedWorktreeOf(original) };
}

/** What the user changes for a retry or reply ("Run again with full autonomy"). */
function given(options: ReplyOptions): Pick<DelegateInput, 'autonomy' | 'model'> {
  return {
    ...(options.autonomy !== undefined ? { autonomy: options.autonomy } : {}),
    ...(options.model !== undefined ? { model: options.model } : {}),
  };
}

/** What a follow-up keeps of the task it follows; a task from before autonomy levels takes today's default. */
function sameRun(original: Task): Omit<DelegateInput, 'prompt'> {
  return {
    agent: original.agent,
    priority: original.priority,
    cwd: original.cwd,
    ...(original.autonomy ? { autonomy: original.autonomy } : {}),
    ...(original.model ? { model: original.model } : {}),
  };
}

/** A new task that starts with `original`'s context and the user's further instructions. */
export function resumeOf(
  original: Task,
  instructions: string | undefined,
  { config, workspace }: Where,
): NewTask {
  assertResumable(original);
  assertEnded(original, 'resume');
  const checked = validateNewTask(
    {
      ...sameRun(original),
      prompt: instructions?.trim() ? instructions : DEFAULT_RESUME_PROMPT,
      title: `Resume: ${original.title}`.slice(0, 80),
    },
    config,
    workspace,
  );
  return { ...checked, timeoutMs: original.timeoutMs, resumeOf: original.id };
}

/**
 * A shell task's prompt is a command line: there is no agent to hand its context to, and running
 * the context as commands would run whatever the earlier task printed (launchPrompt.ts).
 */
export function assertResumable(task: Task): void {
  if (task.agent !== 'shell') return;
  throw new DispatchError(
    'invalid-input',
    `a shell task has no agent to continue: use \`dispatch retry ${task.id}\` to run the command again`,
  );
}

/** Every step validated, with the options as defaults; a bad step names its number. */
export function pipelineSteps(
  steps: readonly PipelineStep[],
  options: PipelineOptions,
  { config, workspace }: Where,
): NewTask[] {
  if (steps.length < PIPELINE_STEPS.min || steps.length > PIPELINE_STEPS.max) {
    throw new DispatchError(
      'invalid-input',
      `a pipeline has ${PIPELINE_STEPS.min} to ${PIPELINE_STEPS.max} steps, got ${steps.length}`,
    );
  }
  const { continue: _, after: __, ...defaults } = options;
  return steps.map((step, i) => {
    try {
      return validateNewTask({ ...defaults, ...step }, config, workspace);
    } catch (err) {
      if (err instanceof DispatchError) throw new DispatchError(err.code, `step ${i + 1}: ${err.message}`);
      throw err;
    }
  });
}

/**
 * Stores validated steps as a chain, inside one write: each waits for the one before (and, with
 * `continue`, starts with its context), so a failed step cancels the rest (settle.ts).
 */
export function submitPipeline(
  r: Repositories,
  steps: readonly NewTask[],
  options: PipelineOptions,
  now: number,
): Task[] {
  const tasks: Task[] = [];
  for (const step of steps) {
    const previous = tasks.at(-1);
    tasks.push(
      r.submit(
        {
          ...step,
          after: previous ? [previous.id] : (options.after ?? []),
          continueFrom: previous && options.continue ? previous.id : null,
        },
        now,
      ),
    );
  }
  return tasks;
}

/**
 * A reply runs where the task it answers ran: in its worktree, not a new one (issue 14). The
 * reply's NewTask spreads this in; a discarded worktree cannot be continued.
 */
function sharedWorktreeOf(original: Task): Pick<NewTask, 'worktree'> {
  if (!original.worktreePath || !original.worktreeBranch || !original.worktreeBase) return {};
  if (original.worktreeRemovedAt !== null) {
    throw new DispatchError(
      'invalid-input',
      `the worktree of ${original.id} was discarded, so there is nothing to continue in; retry it instead`,
    );
  }
  const { worktreePath: path, worktreeBranch: branch, worktreeBase: base } = original;
  return { worktree: { share: { path, branch, base } } };
}

/** A retry keeps continuing from a task only while that task exists (retention may delete it). */
export function withExistingLinks(r: Repositories, input: NewTask): NewTask {
  const continueFrom = input.continueFrom && r.tasks.get(input.continueFrom) ? input.continueFrom : null;
  return { ...input, continueFrom };
}

function assertEnded(task: Task, action: string): void {
  if (task.state === 'paused') {
    // `resume` here makes a new task; a paused one goes on by itself (engine/limits/).
    throw new DispatchError(
      'invalid-input',
      `task ${task.id} is paused at ${task.agent}'s usage limit and runs again by itself; ` +
        `to run it now: dispatch agents resume ${task.agent}`,
    );
  }
  if (!isTerminal(task.state)) {
    throw new DispatchError(
      'invalid-input',
      `task ${task.id} is ${task.state}; only a finished task can be ${action === 'retry' ? 'retried' : 'resumed'} (cancel it first, or wait)`,
    );
  }
}
