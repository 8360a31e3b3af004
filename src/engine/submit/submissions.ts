/**
 * Everything that adds tasks to the shared queue: delegate, retry, resume, reply, pipelines, and making
 * a waiting task wait for more. Input is validated before the write (taskInput.ts, followUps.ts),
 * and each new task's agent goes through the availability check (agentGate.ts); ids, graph rules
 * and links are checked in the write that stores the tasks (store/repositories/submit.ts), so a
 * refusal throws and stores nothing.
 */
import type { DispatchConfig } from '../../core/config';
import { isDispatchError, messageOf } from '../../core/errors';
import type { NewTask, Task } from '../../core/task';
import type { WorktreeRequest } from '../../core/worktree';
import type { StateStore } from '../../store';
import type { EngineLog } from '../engineLog';
import type { WorktreeService } from '../worktrees/worktreeService';
import type { AgentGate } from './agentGate';
import {
  type PipelineOptions,
  type PipelineStep,
  pipelineSteps,
  type ReplyOptions,
  type RetryOptions,
  replyOf,
  resumeOf,
  retryOf,
  submitPipeline,
  withExistingLinks,
} from './followUps';
import { type DelegateInput, validateNewTask } from './taskInput';

export interface SubmissionsDeps {
  store: StateStore;
  config: () => DispatchConfig;
  workspace: string;
  log: EngineLog;
  now: () => number;
  gate: AgentGate;
  /** A task was stored (queued, blocked, or cancelled at once by a failed dependency). */
  onSubmitted: () => void;
  /** Plans worktrees for tasks that run in one. */
  worktrees: Pick<WorktreeService, 'request' | 'root'>;
  /** This engine: recorded on every task it stores (createdBy). */
  engineId: string;
}

export class Submissions {
  constructor(private readonly deps: SubmissionsDeps) {}

  async delegate(input: DelegateInput): Promise<Task> {
    const newTask = validateNewTask(input, this.deps.config(), this.deps.workspace);
    const worktree = await this.worktreeFor(newTask.cwd, input.worktree);
    return this.submitted(
      await this.deps.gate.admit([newTask], () =>
        this.deps.store.write((r) => r.submit(this.mine({ ...newTask, worktree }), this.deps.now())),
      ),
    );
  }

  /** A worktree task is retried in a fresh worktree from the same base; `worktree` asks for one anyway. */
  async retry(idOrPrefix: string, options: RetryOptions = {}): Promise<Task> {
    const original = this.resolve(idOrPrefix);
    const input = retryOf(original, this.where, options);
    const worktree: WorktreeRequest | null = original.worktreeBase
      ? { root: this.deps.worktrees.root(), base: original.worktreeBase }
      : await this.worktreeFor(input.cwd, options.worktree ?? false);
    return this.submitted(
      await this.deps.gate.admit([input], () =>
        this.deps.store.write((r) =>
          r.submit(this.mine(withExistingLinks(r, { ...input, worktree })), this.deps.now()),
        ),
      ),
    );
  }

  /**
   * Asked for (`--worktree`): the folder must be in a git repository, or the task is refused. By
   * `dispatch.worktree.mode` alone: a folder outside git simply runs in place.
   */
  async worktreeFor(folder: string, asked: boolean | undefined): Promise<WorktreeRequest | null> {
    if (asked === false) return null;
    if (asked === undefined && this.deps.config()['worktree.mode'] !== 'on') return null;
    try {
      return await this.deps.worktrees.request(folder);
    } catch (err) {
      if (asked || !isDispatchError(err, 'invalid-input')) throw err;
      this.deps.log.info(`no worktree for a task in ${folder}: ${messageOf(err)}`);
      return null;
    }
  }

  async resume(idOrPrefix: string, instructions?: string): Promise<Task> {
    const input = resumeOf(this.resolve(idOrPrefix), instructions, this.where);
    return this.submitted(
      await this.deps.gate.admit([input], () =>
        this.deps.store.write((r) => r.submit(this.mine(input), this.deps.now())),
      ),
    );
  }

  async reply(idOrPrefix: string, message: string, options: ReplyOptions = {}): Promise<Task> {
    const input = replyOf(this.resolve(idOrPrefix), message, options, this.where);
    return this.submitted(
      await this.deps.gate.admit([input], () =>
        this.deps.store.write((r) => r.submit(this.mine(input), this.deps.now())),
      ),
    );
  }

  async pipeline(steps: readonly PipelineStep[], options: PipelineOptions = {}): Promise<Task[]> {
    const inputs = pipelineSteps(steps, options, this.where).map((input) => this.mine(input));
    const tasks = await this.deps.gate.admit(inputs, () =>
      this.deps.store.write((r) => submitPipeline(r, inputs, options, this.deps.now())),
    );
    return tasks.map((task) => this.submitted(task));
  }

  private mine(input: NewTask): NewTask {
    return { ...input, createdBy: this.deps.engineId };
  }

  async addDependencies(idOrPrefix: string, after: readonly string[]): Promise<Task> {
    const { id } = this.resolve(idOrPrefix);
    return this.submitted(await this.deps.store.write((r) => r.addDependencies(id, after, this.deps.now())));
  }

  private resolve(idOrPrefix: string): Task {
    return this.deps.store.read((r) => r.tasks.resolve(idOrPrefix));
  }

  private get where() {
    return { config: this.deps.config(), workspace: this.deps.workspace };
  }

  private submitted(task: Task): Task {
    const why = task.reason ? ` (${task.reason})` : '';
    this.deps.log.info(`${task.state} ${task.id} (${task.agent}): ${task.title}${why}`);
    this.deps.onSubmitted();
    return task;
  }
}
