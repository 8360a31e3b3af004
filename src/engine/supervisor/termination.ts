/**
 * Stopping an agent on cancel or timeout: SIGTERM to its whole process group, then SIGKILL to the
 * group when `graceMs` have passed on a timer. The original system decided whether to escalate by
 * looking at `child.killed`, which is true as soon as a signal was *sent*, so SIGKILL never came
 * (weakness #3); here only the agent's actual exit cancels the escalation.
 */
import { type KillSignal, killProcessGroup } from './processTree';

export type StopReason = 'cancelled' | 'timeout';

export interface TerminatorDeps {
  pgid: number;
  graceMs: number;
  /** A line for the task's log, on the `system` stream. */
  notice: (text: string) => void;
  kill?: (pgid: number, signal: KillSignal) => boolean;
  /** What is stopped, in the log's words: "the agent" (default) or a loop's "the check". */
  what?: string;
}

export class Terminator {
  private stoppedFor: StopReason | undefined;
  private escalation: NodeJS.Timeout | undefined;
  private escalated = false;

  constructor(private readonly deps: TerminatorDeps) {}

  /** Why the run was stopped, if it was. */
  get reason(): StopReason | undefined {
    return this.stoppedFor;
  }

  /** What was done, for the exit record's message. */
  get summary(): string | undefined {
    if (!this.stoppedFor) return undefined;
    const what = this.stoppedFor === 'timeout' ? 'timed out' : 'cancelled';
    return this.escalated
      ? `${what}; killed after ${this.deps.graceMs} ms grace`
      : `${what}; stopped by SIGTERM`;
  }

  /** The first call wins; later ones (a timeout during a cancel) change nothing. */
  stop(reason: StopReason, detail: string): void {
    if (this.stoppedFor) return;
    this.stoppedFor = reason;
    const { pgid, graceMs, notice } = this.deps;
    const kill = this.deps.kill ?? killProcessGroup;
    // For the person reading the log: what happened and what is done about it, not the mechanics
    // (SIGTERM to the agent's process group, then SIGKILL; the exit record has the signal).
    const what = this.deps.what ?? 'the agent';
    notice(`${detail}: stopping ${what}`);
    kill(pgid, 'SIGTERM');
    this.escalation = setTimeout(() => {
      this.escalated = true;
      notice(`${what} did not stop within ${graceMs} ms: killed it`);
      kill(pgid, 'SIGKILL');
    }, graceMs);
  }

  /** The agent exited: no escalation any more (leftovers are the supervisor's job). */
  dispose(): void {
    if (this.escalation) clearTimeout(this.escalation);
  }
}
