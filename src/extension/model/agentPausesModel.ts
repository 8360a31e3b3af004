/**
 * The agents paused at their usage limit (core/usageLimit.ts), for the status bar, the Workers
 * view and the Tasks view's Paused rows: re-read with the other models after every change to the
 * shared state. A pause ends by a write (the resumer's, or Resume Agent Now), which is itself a
 * change, so nothing polls. It also carries `dispatch.usageLimit.autoResume`, which decides what
 * a pause says comes next ("resumes 15:00" or "… waits for Resume Now"): a change of the setting
 * fires like a change of the pauses, so every place that words a pause redraws. Pure.
 */
import type { AgentPause } from '../../core/usageLimit';
import { Listeners } from './listeners';
import type { StoreReader } from './tasksModel';

const signature = (pauses: readonly AgentPause[]) =>
  pauses.map((p) => `${p.agent}:${p.resumeAt}:${p.reason}`).join(',');

export class AgentPausesModel {
  private current: readonly AgentPause[] = [];
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

  /** Re-reads the pauses; true if anything shown changed. */
  refresh(store: StoreReader | undefined, autoResume = true): boolean {
    const now = this.now();
    this.current = store?.read((r) => r.agentPauses.active(now)) ?? [];
    this.auto = autoResume;
    const sig = `${autoResume}|${signature(this.current)}`;
    if (sig === this.last) return false;
    this.last = sig;
    this.listeners.fire();
    return true;
  }
}
