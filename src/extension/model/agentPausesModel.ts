/**
 * The agents paused at their usage limit (core/usageLimit.ts), for the status bar, the Workers
 * view and the Tasks view's Paused rows: re-read with the other models after every change to the
 * shared state. A pause ends by a write (the resumer's, or Resume Agent Now), which is itself a
 * change, so nothing polls. It also carries `dispatch.usageLimit.autoResume` and how many paused
 * tasks each paused agent has, which decide what a pause says comes next ("resumes 15:00",
 * "… waits for Resume Now", or with no paused task left "resets 15:00"): a change of either fires
 * like a change of the pauses, so every place that words a pause redraws. Pure.
 */
import type { AgentPause } from '../../core/usageLimit';
import { Listeners } from './listeners';
import type { StoreReader } from './tasksModel';

export class AgentPausesModel {
  private current: readonly AgentPause[] = [];
  private paused = new Map<string, number>();
  private auto = true;
  private last = '';
  private readonly listeners = new Listeners<void>();

  constructor(private readonly now: () => number = Date.now) {}

  readonly onDidChange = this.listeners.event;

  /** Paused agents, soonest to resume first. */
  get pauses(): readonly AgentPause[] {
    return this.current;
  }

  /** dispatch.usageLimit.autoResume as of the last refresh. */
  get autoResume(): boolean {
    return this.auto;
  }

  /** How many of a paused agent's tasks are paused at the limit (0 for an agent not paused). */
  pausedTasks(agent: string): number {
    return this.paused.get(agent) ?? 0;
  }

  /** Re-reads the pauses; true if anything shown changed. */
  refresh(store: StoreReader | undefined, autoResume = true): boolean {
    const now = this.now();
    const read = store?.read((r) => {
      const pauses = r.agentPauses.active(now);
      // Only with a pause in force: the count is read for nothing else.
      const counts = pauses.length ? r.tasks.countsByAgent(['paused']) : new Map();
      return { pauses, counts };
    });
    this.current = read?.pauses ?? [];
    this.paused = new Map(this.current.map((p) => [p.agent, read?.counts.get(p.agent)?.paused ?? 0]));
    this.auto = autoResume;
    const sig = `${autoResume}|${this.current
      .map((p) => `${p.agent}:${p.resumeAt}:${p.reason}:${this.pausedTasks(p.agent)}`)
      .join(',')}`;
    if (sig === this.last) return false;
    this.last = sig;
    this.listeners.fire();
    return true;
  }
}
