/**
 * Ends usage-limit pauses on time, from every engine that runs tasks (core/usageLimit.ts). At a
 * paused task's resume time it is queued again — unless `dispatch.usageLimit.autoResume` is off,
 * when it waits for the user's Resume Now — and at an agent's resume time its pause row goes, so
 * its queued tasks are claimed again. Exactly one engine resumes a task: the write re-reads it
 * under the lock and queues it only while it is still paused and due (paused.resume), so a
 * second engine's write, a minute or a millisecond later, changes nothing. As the scheduler does,
 * it aims a timer at the nearest resume time and re-aims it on every change to the shared state,
 * so a resume is not up to a tick late; the engine's tick catches what a timer missed.
 */
import type { DispatchConfig } from '../../core/config';
import type { Disposable, Repositories, StateStore } from '../../store';
import type { EngineLog } from '../engineLog';
import { clearLastRun } from './resumeLaunch';

export interface LimitResumerDeps {
  store: StateStore;
  config: () => DispatchConfig;
  log: EngineLog;
  now: () => number;
  /** After a write that resumed tasks or ended pauses (see afterResume). */
  onResumed: (resumed: Resumed) => void;
}

// The tick resumes anything a timer missed (e.g. across a laptop's sleep); a long timer adds nothing.
const MAX_TIMER_MS = 60_000;

export interface Resumed {
  /** Tasks queued again. */
  tasks: string[];
  /** Agents whose pause ended. */
  agents: string[];
}

export class LimitResumer {
  private timer: NodeJS.Timeout | undefined;
  private aimedAt: number | null = null;
  private running = false;
  private disposed = false;

  constructor(private readonly deps: LimitResumerDeps) {}

  /** Aims the timer now and after every change to the shared state; dispose to stop. */
  start(): Disposable {
    const listener = this.deps.store.onDidChange(() => this.aim());
    this.aim();
    return {
      dispose: () => {
        this.disposed = true;
        listener.dispose();
        if (this.timer) clearTimeout(this.timer);
      },
    };
  }

  /** Resumes every paused task that is due and ends every agent pause that is over. */
  async runDue(): Promise<Resumed> {
    const none: Resumed = { tasks: [], agents: [] };
    if (this.disposed || this.running) return none;
    this.running = true;
    try {
      const { store, now } = this.deps;
      const auto = this.deps.config()['usageLimit.autoResume'];
      // Most calls find nothing due: check without the lock before paying for a write.
      const due = store.read((r) => dueWork(r, now(), auto));
      if (!due) return none;
      const resumed = await store.write((r) => resumeDue(r, now(), auto));
      if (resumed.tasks.length || resumed.agents.length) this.deps.onResumed(resumed);
      return resumed;
    } catch (err) {
      this.deps.log.error(`usage limits: ${(err as Error).message}`);
      return none;
    } finally {
      this.running = false;
      this.aim();
    }
  }

  private aim(): void {
    if (this.disposed) return;
    let next: number | null;
    try {
      const auto = this.deps.config()['usageLimit.autoResume'];
      next = this.deps.store.read((r) => nearest(r, auto));
    } catch (err) {
      this.deps.log.error(`usage limits: ${(err as Error).message}`);
      return;
    }
    if (next === this.aimedAt && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.aimedAt = next;
    if (next === null) return;
    const delay = Math.min(Math.max(next - this.deps.now(), 0), MAX_TIMER_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runDue();
    }, delay);
    this.timer.unref?.();
  }
}

function dueWork(r: Repositories, now: number, auto: boolean): boolean {
  if (auto && r.paused.due(now).length > 0) return true;
  const agentAt = r.agentPauses.nearestResumeAt();
  return agentAt !== null && agentAt <= now;
}

/** Inside one write: each due task queued again (only if still paused and due), ended pauses cleared. */
export function resumeDue(r: Repositories, now: number, auto: boolean): Resumed {
  const tasks = auto ? r.paused.due(now).filter((t) => r.paused.resume(t.id, now)) : [];
  return { tasks: tasks.map((t) => t.id), agents: r.agentPauses.clearEnded(now) };
}

function nearest(r: Repositories, auto: boolean): number | null {
  const times = [auto ? r.paused.nearestResumeAt() : null, r.agentPauses.nearestResumeAt()].filter(
    (t): t is number => t !== null,
  );
  return times.length ? Math.min(...times) : null;
}

/**
 * What follows a write that resumed tasks or ended pauses, in whichever engine made it: each
 * resumed task's last-run records go (resumeLaunch.ts), it is logged, and the dispatcher looks for
 * work (`poke`; absent in an engine that runs no tasks, whose change wakes the others).
 */
export function afterResume(
  resumed: Resumed,
  deps: { outputDir: string; log: EngineLog; poke?: () => void },
): void {
  for (const id of resumed.tasks) {
    clearLastRun(deps.outputDir, id);
    deps.log.info(`resumed ${id} after its agent's usage limit`);
  }
  for (const agent of resumed.agents) deps.log.info(`${agent}'s usage-limit pause ended`);
  if (resumed.tasks.length || resumed.agents.length) deps.poke?.();
}
