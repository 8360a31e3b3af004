/**
 * Which agent pauses this window tells of (core/usageLimit.ts: an agent paused for the whole
 * workspace until its usage limit resets). A task followed in the window that delegated it says
 * its own pause in place (notices/taskNotices.ts); this is for the rest — tasks from a terminal, a
 * schedule, another window, or a window whose `dispatch.notifications` is not "all".
 *
 * One message per agent pause, in one window, and not one per task: someone running several
 * agents needs to know that claude has stopped and until when (to wait, or to move work to another
 * agent), and every one of claude's tasks shares that one fate, so a toast per paused task — let
 * alone per task per open window — would repeat the same news. A pause that a later limit only
 * moves later is the same pause, and is not told again. The window that tells it is the one the
 * finish watch would pick for the task that hit the limit (finishWatch.ts `announcer`): where it
 * was delegated, else the lead window, so every window decides alike and exactly one speaks.
 */
import type { EngineRecord } from '../../core/task';
import type { AgentPause } from '../../core/usageLimit';
import { announcer } from './finishWatch';
import type { StoreReader } from './tasksModel';

export interface PauseWatchInput {
  store: StoreReader;
  thisEngineId: string;
  /** The agents paused now. */
  pauses: readonly AgentPause[];
  engines: readonly EngineRecord[];
}

/**
 * Whether `dispatch.notifications` wants an agent's pause told: with "failures", only when
 * autoResume is off — the paused tasks then wait for the user, as a failure does; with it on the
 * work carries on by itself.
 */
export function shouldAnnouncePause(level: 'all' | 'failures' | 'none', autoResume: boolean): boolean {
  return level === 'all' || (level === 'failures' && !autoResume);
}

export class PauseWatch {
  /** The agents paused as last seen. */
  private paused = new Set<string>();
  private primed = false;

  /** The pauses that began since the last call and that this window tells. */
  update(input: PauseWatchInput): AgentPause[] {
    const fresh = input.pauses.filter((p) => !this.paused.has(p.agent));
    const first = !this.primed;
    this.paused = new Set(input.pauses.map((p) => p.agent));
    this.primed = true;
    // The first look only learns what is paused: a pause from before the window opened is shown
    // by the status bar and the Workers view, not announced as news.
    if (first || fresh.length === 0) return [];
    return fresh.filter((pause) => {
      const createdBy = pause.taskId
        ? input.store.read((r) => r.tasks.get(pause.taskId!)?.createdBy)
        : undefined;
      return announcer(createdBy, undefined, input.engines) === input.thisEngineId;
    });
  }

  /** Forgets everything (the engine closed or changed); the next update only learns again. */
  reset(): void {
    this.paused.clear();
    this.primed = false;
  }
}
