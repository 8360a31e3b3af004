/**
 * Loops as the editor and the CLI use them (issue 17): start, list, show, cancel. A loop and its
 * first iteration are stored in one write; every later iteration is queued by the write that
 * ended the one before (store/repositories/loopAdvance.ts), whichever engine made it, so nothing
 * here runs in the background except `sweep`, each engine's tick's look for a stalled loop.
 */
import type { DispatchConfig } from '../../core/config';
import { DispatchError } from '../../core/errors';
import { iterationTitle, type LoopEntry } from '../../core/loop';
import type { TaskIteration } from '../../core/loopText';
import { isTerminal } from '../../core/taskState';
import type { Repositories, StateStore } from '../../store';
import type { EngineLog } from '../engineLog';
import { type OutputPaths, requestCancel } from '../launch/launcher';
import type { AgentGate } from '../submit/agentGate';
import type { Submissions } from '../submit/submissions';
import { type LoopInput, validateNewLoop } from './loopInput';

export interface LoopServiceDeps {
  store: StateStore;
  config: () => DispatchConfig;
  /** Default working folder and base of relative ones. */
  workspace: string;
  log: EngineLog;
  now: () => number;
  /** The availability check the first iteration's agent goes through, as a delegated task's does. */
  gate: AgentGate;
  /** Plans the first iteration's worktree as `delegate` does (later iterations share it). */
  submissions: Pick<Submissions, 'worktreeFor'>;
  /** An iteration was queued or cancelled. */
  onSubmitted: () => void;
  /** Where a running iteration's supervisor looks for a cancel request. */
  paths: OutputPaths;
}

export class LoopService {
  constructor(private readonly deps: LoopServiceDeps) {}

  /** Stores the loop and queues its first iteration; an engine (this one or another) runs it. */
  async start(input: LoopInput): Promise<LoopEntry> {
    const { store, config, workspace, now, gate, log } = this.deps;
    const { loop, task } = validateNewLoop(input, config(), workspace);
    const worktree = await this.deps.submissions.worktreeFor(task.cwd, input.worktree);
    const at = now();
    const id = await gate.admit([task], () =>
      store.write((r) => {
        const created = r.loops.create(loop, at);
        const first = r.submit({ ...task, title: iterationTitle(created, 1), worktree }, at);
        r.loops.addIteration(created.id, 1, first.id);
        return created.id;
      }),
    );
    const started = this.get(id);
    log.info(`loop ${id} started (${loop.agent}, at most ${loop.maxIterations} iterations): ${loop.title}`);
    this.deps.onSubmitted();
    return started;
  }

  /** Newest first. */
  list(): LoopEntry[] {
    return this.deps.store.read((r) => r.loops.list().map((loop) => entryOf(r, loop.id)));
  }

  /** By full id or unambiguous prefix. */
  get(idOrPrefix: string): LoopEntry {
    return this.deps.store.read((r) => entryOf(r, r.loops.resolve(idOrPrefix).id));
  }

  /** The loop a task is an iteration of, and which iteration; undefined for any other task. */
  iterationOf(taskId: string): TaskIteration | undefined {
    return this.deps.store.read((r) => {
      const iteration = r.loops.iterationOf(taskId);
      const loop = iteration && r.loops.get(iteration.loopId);
      return loop && { loop, iteration };
    });
  }

  /**
   * Ends the loop `cancelled` and cancels its current iteration in the same write: a queued one at
   * once, a running one through its supervisor (its check too, if that is what runs). Cancelling
   * a loop that already ended changes nothing.
   */
  async cancel(idOrPrefix: string): Promise<LoopEntry> {
    const { store, now, log } = this.deps;
    const { id } = this.get(idOrPrefix).loop;
    const at = now();
    const running = await store.write((r) => {
      if (!r.loops.end(id, 'cancelled', 'cancelled by user', at)) return undefined;
      const latest = r.loops.latest(id);
      const task = latest && r.tasks.get(latest.taskId);
      if (!task || isTerminal(task.state)) return undefined;
      const wasRunning = task.state === 'running';
      r.tasks.requestCancel(task.id, at);
      const worker = wasRunning ? r.workers.get(task.id) : undefined;
      return worker && { task, worker };
    });
    if (running) requestCancel(this.deps.paths, running.task.id, running.worker);
    log.info(`loop ${id} cancelled`);
    this.deps.onSubmitted();
    return this.get(id);
  }

  /** Decides running loops whose latest iteration ended without moving them on (an older engine). */
  async sweep(): Promise<string[]> {
    const { store, now, log } = this.deps;
    // Checked without the lock first: almost every tick finds nothing, and must not write.
    if (store.read((r) => r.loops.stalled()).length === 0) return [];
    const stalled = await store.write((r) => {
      const found = r.loops.stalled();
      for (const id of found) r.settleStalledLoop(id, now());
      return found;
    });
    if (stalled.length) log.info(`recovery: decided stalled loops ${stalled.join(', ')}`);
    return stalled;
  }
}

function entryOf(r: Repositories, loopId: string): LoopEntry {
  const loop = r.loops.get(loopId);
  if (!loop) throw new DispatchError('not-found', `Loop ${loopId} no longer exists.`);
  return { loop, iterations: r.loops.entries(loopId) };
}
