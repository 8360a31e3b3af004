/**
 * The dispatcher claims runnable tasks for this engine while the global worker cap and resource
 * admission allow. A claim is one locked transaction (count workers across all engines, pick the
 * next runnable task, mark it running, insert the worker row), so exactly one engine wins a task.
 * An agent at its own cap (dispatch.agents.<name>.maxWorkers), or paused at its usage limit, is
 * skipped in the pick, so its tasks wait without holding up other agents'. Once today's reported
 * cost reaches the daily budget (dispatch.budget.dailyUsd) nothing is claimed, by any engine, until
 * midnight or a raised budget. It runs when poked — on store changes, worker exits, settings
 * changes and the engine's tick — and never loops on its own: a refused admission simply waits for
 * the next poke. A finish claims
 * the next task in its own write (`commitThenClaim`), so a freed slot refills at once.
 */
import { agentCaps, type DispatchConfig } from '../../core/config';
import { messageOf } from '../../core/errors';
import type { Task } from '../../core/task';
import { budgetHoldText } from '../../core/usage';
import { overBudget, type Repositories, type StateStore } from '../../store';
import type { EngineLog } from '../engineLog';
import { thisHost } from '../recovery/liveness';
import { budgetOf } from './budget';
import { type ResourceMonitor, SETTLING_WINDOW_MS } from './resources';

export interface DispatcherDeps {
  store: StateStore;
  engineId: string;
  config: () => DispatchConfig;
  resources: ResourceMonitor;
  start: (task: Task) => Promise<void>;
  log: EngineLog;
  now: () => number;
}

export class Dispatcher {
  private pumping = false;
  private again = false;
  private disposed = false;
  private lastRefusal: string | undefined;
  /** The budget hold last logged, so a held queue is logged once, not on every poke. */
  private lastHold: string | undefined;

  constructor(private readonly deps: DispatcherDeps) {}

  /** Why the last claim was refused by resource admission, if it was. */
  get refusal(): string | undefined {
    return this.lastRefusal;
  }

  poke(): void {
    if (this.disposed) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    void this.pump();
  }

  dispose(): void {
    this.disposed = true;
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      do {
        this.again = false;
        while (!this.disposed && (await this.claimOne())) {
          // keep claiming while there is room
        }
      } while (this.again && !this.disposed);
    } catch (err) {
      this.deps.log.error(`dispatcher: ${(err as Error).message}`);
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Commits `change` and, in the same write, claims the next runnable task if there is room then.
   * For a finish this saves the claim's own commit (lock, export, fsync: ~10-20 ms of this
   * thread) and the wait for a poke before the freed slot is used. Claiming re-checks the global
   * count under the lock exactly as `claimOne` does. If claiming throws, the write rolls back
   * whole and `change` is committed alone: the claim must never cost the change.
   */
  async commitThenClaim<T>(change: (r: Repositories) => T): Promise<T> {
    let claimFailed: unknown;
    let outcome: { result: T; claimed: Task | undefined };
    try {
      outcome = await this.deps.store.write((r) => {
        claimFailed = undefined;
        const result = change(r);
        try {
          return { result, claimed: this.disposed ? undefined : this.claimIn(r) };
        } catch (err) {
          claimFailed = err;
          throw err;
        }
      });
    } catch (err) {
      if (claimFailed === undefined) throw err;
      this.deps.log.error(`dispatcher: ${messageOf(claimFailed)}`);
      return this.deps.store.write(change);
    }
    if (outcome.claimed) await this.deps.start(outcome.claimed);
    return outcome.result;
  }

  private async claimOne(): Promise<boolean> {
    const { store, config } = this.deps;
    const max = config().maxWorkers;
    // Most pokes find nothing to do: check without the lock before paying for a write.
    const caps = agentCaps(config());
    const budget = budgetOf(config(), this.deps.now());
    const pre = store.read((r) => {
      const next = r.tasks.nextRunnable(caps, this.deps.now());
      return { running: r.workers.countRunning(), next, over: next && overBudget(r.usage, budget) };
    });
    if (!pre.next || pre.running >= max || this.held(pre.over)) return false;

    const claimed = await store.write((r) => this.claimIn(r));
    if (!claimed) return false;
    await this.deps.start(claimed);
    return true;
  }

  /** True while the daily budget holds every task; says so in the log when that starts or changes. */
  private held(over: { dailyUsd: number; spentUsd: number } | undefined): boolean {
    const hold = over && budgetHoldText(over.dailyUsd, over.spentUsd);
    if (hold && hold !== this.lastHold) this.deps.log.info(`not starting tasks: ${hold}`);
    this.lastHold = hold;
    return hold !== undefined;
  }

  /** Inside a write: claims the next runnable task for this engine if the cap and admission allow. */
  private claimIn(r: Repositories): Task | undefined {
    const { config, resources, engineId, now } = this.deps;
    const max = config().maxWorkers;
    if (r.workers.countRunning() >= max) return undefined;
    const at = now();
    if (this.held(overBudget(r.usage, budgetOf(config(), at)))) return undefined;
    const next = r.tasks.nextRunnable(agentCaps(config()), at);
    if (!next) return undefined;
    const admission = resources.admit({
      settling: r.workers.settlingCount(at - SETTLING_WINDOW_MS),
      memoryReserveMB: config().memoryReserveMB,
    });
    if (!admission.admitted) {
      if (admission.why !== this.lastRefusal) this.deps.log.info(`not starting a task yet: ${admission.why}`);
      this.lastRefusal = admission.why;
      return undefined;
    }
    this.lastRefusal = undefined;
    if (admission.note) this.deps.log.info(`starting task ${next.id}: ${admission.note}`);
    r.tasks.markRunning(next.id, at);
    r.workers.claim({
      taskId: next.id,
      ownerId: engineId,
      host: thisHost,
      claimedAt: at,
      startedAt: null,
      supervisorPid: null,
      supervisorStart: null,
      agentPid: null,
      agentStart: null,
    });
    return r.tasks.get(next.id);
  }
}
