/**
 * The agent_pauses table (migration 11): an agent paused for the whole workspace until its usage
 * limit resets, one row per agent. The claim query (tasks.nextRunnable) skips a paused agent's
 * queued tasks; the row goes when the pause ends (engine/limits/limitResumer.ts) or the user
 * resumes the agent, and a later limit only ever moves the pause later.
 */
import { type AgentPause, agentPauseSchema } from '../../core/usageLimit';
import { all, one, run } from '../database/sql';
import { toAgentPause } from './rows';
import { assertWritable, type Session } from './session';

export class AgentPausesRepository {
  constructor(private readonly session: Session) {}

  /** Pauses `agent` until `resumeAt`, or keeps its pause when that already lasts longer. */
  pause(pause: AgentPause): void {
    assertWritable(this.session, 'pause an agent');
    const p = agentPauseSchema.parse(pause);
    run(
      this.session.db,
      `INSERT INTO agent_pauses (agent, resume_at, paused_at, reason, task_id) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (agent) DO UPDATE SET resume_at = excluded.resume_at, paused_at = excluded.paused_at,
         reason = excluded.reason, task_id = excluded.task_id
       WHERE excluded.resume_at > agent_pauses.resume_at`,
      [p.agent, p.resumeAt, p.pausedAt, p.reason, p.taskId],
    );
  }

  get(agent: string): AgentPause | undefined {
    const row = one(this.session.db, 'SELECT * FROM agent_pauses WHERE agent = ?', [agent]);
    return row ? toAgentPause(row) : undefined;
  }

  /** The pauses still in force at `now`, soonest to end first. */
  active(now: number): AgentPause[] {
    return all(this.session.db, 'SELECT * FROM agent_pauses WHERE resume_at > ? ORDER BY resume_at, agent', [
      now,
    ]).map(toAgentPause);
  }

  /** Ends `agent`'s pause now; false when it had none. */
  lift(agent: string): boolean {
    assertWritable(this.session, 'resume an agent');
    const had = this.get(agent) !== undefined;
    run(this.session.db, 'DELETE FROM agent_pauses WHERE agent = ?', [agent]);
    return had;
  }

  /** Deletes the pauses that ended by `now`; returns their agents. */
  clearEnded(now: number): string[] {
    const ended = all(this.session.db, 'SELECT agent FROM agent_pauses WHERE resume_at <= ?', [now]).map(
      (r) => String(r.agent),
    );
    if (ended.length === 0) return [];
    assertWritable(this.session, 'end agent pauses');
    run(this.session.db, 'DELETE FROM agent_pauses WHERE resume_at <= ?', [now]);
    return ended;
  }

  /** The earliest end of any pause, or null when no agent is paused. */
  nearestResumeAt(): number | null {
    const row = one(this.session.db, 'SELECT min(resume_at) AS at FROM agent_pauses');
    return row?.at == null ? null : Number(row.at);
  }
}
