/**
 * The engine: one per editor window, `dispatch worker` or test process, all sharing one state
 * directory. It queues tasks, claims and launches them within the global cap, finishes them from
 * their exit records, cancels them from any engine, and recovers or adopts the tasks of engines
 * that died. The extension, the CLI and the tests all drive this same object.
 */
import type { DispatchConfig } from '../core/config';
import { DispatchError } from '../core/errors';
import { newId } from '../core/ids';
import type { RetryState, TaskResult } from '../core/results';
import type { EngineKind, Task } from '../core/task';
import { isTerminal, type TaskState } from '../core/taskState';
import type { AgentUsage } from '../core/usage';
import {
  deleteTaskFiles,
  openStateStore,
  type PruneResult,
  readerOf,
  type StateReader,
  type StateStore,
} from '../store';
import { budgetHold } from './dispatch/budget';
import type { Dispatcher } from './dispatch/dispatcher';
import type { ResourceMonitor } from './dispatch/resources';
import type { EngineLog } from './engineLog';
import { silentLog } from './engineLog';
import { createExitHandler, type ExitHandler, watchExitRecords } from './finish/exitHandler';
import { readRetryState, readTaskResult } from './finish/taskResult';
import { outputPathsFor, requestCancel } from './launch/launcher';
import type { SupervisorPool } from './launch/supervisorPool';
import { type AgentsService, createUsageLimits, type LimitResumer } from './limits';
import { LoopService } from './loops/loopService';
import { type RecoveryDeps, type RecoveryReport, recover } from './recovery/recovery';
import { createRunner } from './runner';
import type { Scheduler } from './schedules/scheduler';
import { ScheduleService } from './schedules/scheduleService';
import { type SearchOptions, type SearchSummary, searchTasks } from './search';
import { AgentGate, type UnavailableAgents } from './submit/agentGate';
import type { PipelineOptions, PipelineStep, ReplyOptions, RetryOptions } from './submit/followUps';
import { relationsOf, type TaskRelations } from './submit/relations';
import { Submissions } from './submit/submissions';
import type { DelegateInput } from './submit/taskInput';
import { Upkeep } from './upkeep';
import { releaseWorktrees, type UnappliedPolicy } from './worktrees/release';
import { WorktreeService } from './worktrees/worktreeService';

export interface EngineOptions {
  stateDir: string;
  /** Default working folder of new tasks and base of relative ones. */
  workspace: string;
  /** Live settings: read at each use, so changes apply at once. */
  config: () => DispatchConfig;
  kind: EngineKind;
  label?: string;
  log?: EngineLog;
  now?: () => number;
  /**
   * A new task or schedule whose agent cannot run here: refused (the editor) or stored with a
   * warning in the log (the CLI; default). See submit/agentGate.ts.
   */
  unavailableAgents?: UnavailableAgents;
  /** Whether this engine runs tasks; one-shot CLI commands only read and write the queue. */
  runTasks?: boolean;
  /** Recovery, heartbeat and bookkeeping period. */
  tickMs?: number;
  resources?: ResourceMonitor;
  /** The supervisor script and the executable that runs it (see launcher). */
  supervisorScript?: string;
  execPath?: string;
}

export class Engine {
  readonly id = newId();
  private readonly upkeep: Upkeep;
  private readonly log: EngineLog;
  private readonly now: () => number;
  private readonly disposables: { dispose(): void }[] = [];
  private readonly dispatcher: Dispatcher | undefined;
  private readonly supervisors: SupervisorPool | undefined;
  private readonly submissions: Submissions;
  private readonly scheduler: Scheduler | undefined;
  /** Schedules: create, list, pause, resume, cancel and their run history (see schedules/). */
  readonly schedules: ScheduleService;
  /** Worktree tasks: their changes, diff, apply and discard (see worktrees/worktreeService.ts). */
  readonly worktrees: WorktreeService;
  /** Agents: can they run here, usage-limit pauses, counts; Resume Agent Now (limits/agentsService.ts). */
  readonly agents: AgentsService;
  private readonly resumer: LimitResumer | undefined;
  /** Loops: an agent run until a check passes or to improve a score (see loops/loopService.ts). */
  readonly loops: LoopService;
  private timer: NodeJS.Timeout | undefined;
  private readonly exits: ExitHandler;
  private ticking = false;
  private disposed = false;

  /** The shared state, read-only, for views and commands; changes go through the methods here. */
  readonly state: StateReader;

  private constructor(
    private readonly store: StateStore,
    private readonly options: EngineOptions,
  ) {
    this.state = readerOf(store);
    this.log = options.log ?? silentLog;
    this.now = options.now ?? Date.now;
    const gate = new AgentGate({
      config: options.config,
      log: this.log,
      mode: options.unavailableAgents ?? 'warn',
    });
    this.schedules = new ScheduleService({ ...options, store, log: this.log, now: this.now, gate });
    this.worktrees = new WorktreeService({ ...options, store, log: this.log, now: this.now });
    const limits = createUsageLimits({
      ...options,
      store,
      log: this.log,
      now: this.now,
      poke: () => this.poke(),
    });
    this.agents = limits.agents;
    const onSubmitted = () => this.dispatcher?.poke();
    this.submissions = new Submissions({
      ...options,
      store,
      log: this.log,
      now: this.now,
      onSubmitted,
      gate,
      worktrees: this.worktrees,
      engineId: this.id,
    });
    const { submissions, paths } = this;
    const loopDeps = { store, log: this.log, now: this.now, gate, onSubmitted, submissions, paths };
    this.loops = new LoopService({ ...options, ...loopDeps });
    if (options.runTasks !== false) {
      const runner = createRunner({
        ...options,
        store,
        engineId: this.id,
        paths: this.paths,
        log: this.log,
        now: this.now,
      });
      ({ scheduler: this.scheduler, supervisors: this.supervisors, dispatcher: this.dispatcher } = runner);
      this.resumer = limits.resumer;
    }
    this.upkeep = new Upkeep({
      store,
      engineId: this.id,
      kind: options.kind,
      label: options.label,
      paths: this.paths,
      config: options.config,
      log: this.log,
      now: this.now,
      worktrees: this.worktrees,
    });
    this.exits = createExitHandler({
      store,
      engineId: this.id,
      paths: this.paths,
      log: this.log,
      now: this.now,
      dispatcher: this.dispatcher,
      maxResumes: () => options.config()['usageLimit.maxResumes'],
    });
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const store = await openStateStore({ dir: options.stateDir, now: options.now });
    const engine = new Engine(store, options);
    for (const warning of store.warnings) engine.log.warn(warning);
    if (options.runTasks !== false) await engine.start();
    return engine;
  }

  get paths() {
    return outputPathsFor(this.store.dir);
  }

  /** Fires after every commit to the shared state, by any engine. */
  onDidChange(listener: () => void): { dispose(): void } {
    return this.store.onDidChange(listener);
  }

  private async start(): Promise<void> {
    await this.upkeep.heartbeat();
    this.disposables.push(this.store.onDidChange(() => this.dispatcher?.poke()));
    this.disposables.push(watchExitRecords(this.paths.outputDir, (taskId) => void this.exits.onExit(taskId)));
    if (this.scheduler) this.disposables.push(this.scheduler.start());
    if (this.resumer) this.disposables.push(this.resumer.start());
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 2000);
    this.timer.unref?.();
  }

  /**
   * Queues a task. Returns at once; an engine (this one or another) runs it. With `after` or
   * `continueFrom` it is BLOCKED until those complete; one that already failed or was cancelled
   * cancels it at once, with the reason. Unknown ids, limits and cycles throw; nothing is stored.
   */
  delegate(input: DelegateInput): Promise<Task> {
    return this.submissions.delegate(input);
  }

  /**
   * Runs a finished task again: same prompt, agent, priority, folder, timeout, and autonomy and
   * model unless given; linked by `retryOf`. A worktree task gets a fresh worktree from the same
   * base; `worktree: true` gives one to any task.
   */
  retry(idOrPrefix: string, options?: RetryOptions): Promise<Task> {
    return this.submissions.retry(idOrPrefix, options);
  }

  /** A new task starting with a finished task's context plus `instructions`; linked by `resumeOf`. */
  resume(idOrPrefix: string, instructions?: string): Promise<Task> {
    return this.submissions.resume(idOrPrefix, instructions);
  }

  /** A task that continues a finished one's agent session with `message`; linked by `replyTo`. */
  reply(idOrPrefix: string, message: string, options?: ReplyOptions): Promise<Task> {
    return this.submissions.reply(idOrPrefix, message, options);
  }

  /** 2–20 steps chained in one write (all stored or none); a failed step cancels the rest. */
  pipeline(steps: readonly PipelineStep[], options?: PipelineOptions): Promise<Task[]> {
    return this.submissions.pipeline(steps, options);
  }

  /** Makes a queued or blocked task also wait for `after`; a cycle is refused with its path. */
  addDependencies(idOrPrefix: string, after: readonly string[]): Promise<Task> {
    return this.submissions.addDependencies(idOrPrefix, after);
  }

  /** What a task waits for, what waits for it, and its retries and resumes. */
  relationsOf(idOrPrefix: string): TaskRelations {
    return this.store.read((r) => relationsOf(r, r.tasks.resolve(idOrPrefix).id));
  }

  /** For every blocked task, the ids it still waits for (one query for a whole list). */
  waitingFor(): Map<string, string[]> {
    return this.store.read((r) => r.dependencies.waiting());
  }

  /** The agent's summary, session, usage, cost and refusals, once the task has ended. */
  result(taskId: string): TaskResult | undefined {
    return readTaskResult(this.paths.outputDir, taskId);
  }

  /** The retry a running task's agent reported last ("retrying (3/10): 401 …"). */
  retrying(taskId: string): RetryState | undefined {
    return readRetryState(this.paths.outputDir, taskId);
  }

  /** Why each held agent's queued tasks wait: at its cap or paused (limits/agentsService.ts). */
  agentsAtCap(): Map<string, string> {
    return this.agents.held();
  }

  /** Tokens and cost per agent (most costly first) and in total, of runs ended since `sinceMs`. */
  usage({ sinceMs }: { sinceMs: number }): { agents: AgentUsage[]; total: AgentUsage } {
    return this.store.read((r) => ({ agents: r.usage.byAgent(sinceMs), total: r.usage.total(sinceMs) }));
  }

  /** While today's reported cost has reached dispatch.budget.dailyUsd, why queued tasks wait. */
  budgetHold(): string | undefined {
    return budgetHold(this.state, this.options.config(), this.now());
  }

  /** Full-text search, matches streamed newest first; throws the signal's reason when aborted. */
  search(words: string | readonly string[], options: SearchOptions = {}): Promise<SearchSummary> {
    return searchTasks(this.state, words, options);
  }

  resolve(idOrPrefix: string): Task {
    return this.store.read((r) => r.tasks.resolve(idOrPrefix));
  }

  list(filter: { states?: TaskState[]; limit?: number } = {}): Task[] {
    return this.store.read((r) => r.tasks.list(filter));
  }

  /** Cancels a task from any engine: queued or paused ones at once, running ones through their supervisor. */
  async cancel(idOrPrefix: string): Promise<Task> {
    const { id } = this.resolve(idOrPrefix);
    const at = this.now();
    const worker = await this.store.write((r) => {
      const task = r.tasks.get(id);
      if (!task) throw new DispatchError('not-found', `task ${id} no longer exists`);
      if (task.state === 'queued' || task.state === 'blocked' || task.state === 'paused') {
        r.tasks.setState(id, 'cancelled', { reason: 'cancelled by user', endedAt: at });
        return undefined;
      }
      if (task.state !== 'running') return undefined;
      r.tasks.requestCancel(id, at);
      return r.workers.get(id);
    });
    if (worker) requestCancel(this.paths, id, worker);
    this.log.info(`cancel requested for ${id}`);
    return this.resolve(id);
  }

  async recoverNow(): Promise<RecoveryReport & { worktrees: string[] }> {
    const report = await recover(this.recoveryDeps());
    const worktrees = await this.worktrees.sweep();
    this.dispatcher?.poke();
    return { ...report, worktrees };
  }

  /**
   * Deletes finished tasks with their output files: the given ones (unfinished ones are skipped),
   * or every finished task. Their worktrees go first; one with changes that were never applied
   * makes this throw UnappliedChangesError (naming the tasks) unless `unapplied` says to `keep`
   * those tasks or `delete` them anyway. Rows go next, files after the commit, as retention does.
   */
  async clearFinished(
    ids?: readonly string[],
    options: { unapplied?: UnappliedPolicy } = {},
  ): Promise<PruneResult> {
    const finished = this.store.read((r) =>
      ids ? ids.filter((id) => isTerminal(r.tasks.get(id)?.state ?? 'queued')) : r.history.finished(),
    );
    const doomed = await releaseWorktrees(
      this.worktrees,
      this.store,
      finished,
      options.unapplied ?? 'refuse',
    );
    const deleted = await this.store.write((r) => {
      const still = doomed.filter((id) => {
        const task = r.tasks.get(id);
        return task !== undefined && isTerminal(task.state);
      });
      r.history.delete(still);
      return still;
    });
    const files = deleteTaskFiles(this.paths.outputDir, deleted);
    if (deleted.length) this.log.info(`deleted ${deleted.length} finished tasks and ${files} files`);
    return { tasks: deleted.length, files };
  }

  /** Re-reads settings now (e.g. a raised maxWorkers starts queued tasks at once). */
  poke(): void {
    this.dispatcher?.poke();
  }

  /** Recovery finishes through the exit handler, so it never finishes a task twice at once. */
  private recoveryDeps(): RecoveryDeps {
    return {
      store: this.store,
      engineId: this.id,
      paths: this.paths,
      now: this.now,
      finish: this.exits.finish,
    };
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.disposed) return;
    this.ticking = true;
    try {
      await this.upkeep.tick();
      await this.scheduler?.runDue();
      await this.resumer?.runDue();
      const report = await recover(this.recoveryDeps());
      await this.loops.sweep();
      for (const [what, ids] of Object.entries(report)) {
        if (ids.length) this.log.info(`recovery: ${what} ${ids.join(', ')}`);
      }
      this.dispatcher?.poke();
    } catch (err) {
      this.log.error(`tick: ${(err as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  /** Stops this engine. Running tasks keep running in their supervisors; other engines adopt them. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.dispatcher?.dispose();
    this.supervisors?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    if (this.options.runTasks !== false) {
      try {
        await this.store.write((r) => r.engines.remove(this.id));
      } catch (err) {
        this.log.warn(`could not unregister engine ${this.id}: ${(err as Error).message}`);
      }
    }
    this.store.dispose();
  }
}
