/**
 * The agents as the workspace sees them (`dispatch agents`, the status bar, the Workers view):
 * whether each can run here, whether it is paused at its usage limit and until when, how many of
 * its tasks run, wait or are paused, and its own cap — and the user's way out of a pause: Resume
 * Agent Now (the agent's pause ends, its paused tasks are queued again) and Resume Now on one
 * paused task. Each is one write, so it races the timer's resume (limitResumer.ts) safely.
 */
import { agentCaps, type DispatchConfig } from '../../core/config';
import { DispatchError } from '../../core/errors';
import type { Task } from '../../core/task';
import { type AgentPause, localClock, resumeWords } from '../../core/usageLimit';
import type { StateStore } from '../../store';
import { BUILTIN_AGENTS, checkAvailability, knownAgentNames } from '../agents';
import type { EngineLog } from '../engineLog';
import type { Resumed } from './limitResumer';

export interface AgentStatus {
  name: string;
  kind: 'built-in' | 'custom';
  /** Whether its executable is found here (agents/availability.ts). */
  available: boolean;
  /** Why not, in one line. */
  why: string | null;
  /** Paused at its usage limit until then (epoch ms); null when not paused. */
  pausedUntil: number | null;
  /** The limit, in the task's reason's words (`usage-limit: …`). */
  pauseReason: string | null;
  running: number;
  queued: number;
  /** Its tasks paused at the limit, waiting to resume. */
  paused: number;
  /** dispatch.agents.<name>.maxWorkers; null when only the global cap applies. */
  maxWorkers: number | null;
}

export interface AgentsServiceDeps {
  store: StateStore;
  config: () => DispatchConfig;
  log: EngineLog;
  now: () => number;
  /** Clears each resumed task's last-run files and pokes the dispatcher (limitResumer.ts afterResume). */
  afterResume: (resumed: Resumed) => void;
}

export class AgentsService {
  constructor(private readonly deps: AgentsServiceDeps) {}

  /** Every built-in and configured agent, and any other that has tasks, by name. */
  list(): AgentStatus[] {
    const config = this.deps.config();
    const caps = agentCaps(config);
    const now = this.deps.now();
    const { running, counts, pauses } = this.deps.store.read((r) => ({
      running: r.workers.runningByAgent(),
      counts: r.tasks.countsByAgent(['queued', 'paused']),
      pauses: new Map(r.agentPauses.active(now).map((p) => [p.agent, p])),
    }));
    const names = new Set([...knownAgentNames(config), ...running.keys(), ...counts.keys()]);
    return [...names].sort().map((name) => {
      const availability = checkAvailability(name, config);
      const pause = pauses.get(name);
      return {
        name,
        kind: BUILTIN_AGENTS[name] ? 'built-in' : 'custom',
        available: availability.available,
        why: availability.why ?? null,
        pausedUntil: pause?.resumeAt ?? null,
        pauseReason: pause?.reason ?? null,
        running: running.get(name) ?? 0,
        queued: counts.get(name)?.queued ?? 0,
        paused: counts.get(name)?.paused ?? 0,
        maxWorkers: caps[name] ?? null,
      };
    });
  }

  /**
   * Each agent whose queued tasks wait, with why: at its own cap (dispatch.agents.<name>.maxWorkers,
   * `claude at its cap (2 running)`) or paused at its usage limit (`claude paused at its usage
   * limit until 15:00`).
   */
  held(): Map<string, string> {
    const caps = Object.entries(agentCaps(this.deps.config()));
    const held = new Map<string, string>();
    const running = caps.length ? this.deps.store.read((r) => r.workers.runningByAgent()) : new Map();
    for (const [agent, cap] of caps) {
      const n = running.get(agent) ?? 0;
      if (n >= cap) held.set(agent, `${agent} at its cap (${n} running)`);
    }
    const now = this.deps.now();
    for (const pause of this.pauses()) {
      held.set(
        pause.agent,
        `${pause.agent} paused at its usage limit until ${localClock(pause.resumeAt, now)}`,
      );
    }
    return held;
  }

  /** What a paused task shows: "resumes 15:00", or "… waits for Resume Now" with autoResume off. */
  pausedWords(task: Pick<Task, 'resumeAt'>): string {
    return resumeWords(task.resumeAt, this.deps.now(), this.deps.config()['usageLimit.autoResume']);
  }

  /** The agents paused right now, soonest to resume first. */
  pauses(): AgentPause[] {
    const now = this.deps.now();
    return this.deps.store.read((r) => r.agentPauses.active(now));
  }

  /**
   * Resume Agent Now: ends `agent`'s pause and queues its paused tasks again. Refused, with what
   * to do, when the agent is neither paused nor has paused tasks.
   */
  async resumeAgent(agent: string): Promise<Resumed> {
    const name = agent.trim();
    const resumed = await this.deps.store.write((r) => {
      const lifted = r.agentPauses.lift(name);
      const tasks = r.tasks
        .list({ states: ['paused'] })
        .filter((t) => t.agent === name && r.paused.resume(t.id));
      return { lifted, tasks: tasks.map((t) => t.id) };
    });
    if (!resumed.lifted && resumed.tasks.length === 0) {
      const paused = this.pauses().map((p) => p.agent);
      throw new DispatchError(
        'invalid-input',
        `${name} is not paused at a usage limit${paused.length ? `; paused: ${paused.join(', ')}` : ' (no agent is)'}`,
      );
    }
    this.deps.log.info(`${name} resumed by the user`);
    const result = { tasks: resumed.tasks, agents: resumed.lifted ? [name] : [] };
    this.deps.afterResume(result);
    return result;
  }

  /**
   * Resume Now on a paused task: queued again at once, and its agent's pause ends with it (the
   * user says the limit is gone; the task would otherwise wait behind the pause in the queue).
   */
  async resumeTask(idOrPrefix: string): Promise<Task> {
    const { id } = this.deps.store.read((r) => r.tasks.resolve(idOrPrefix));
    const result = await this.deps.store.write((r) => {
      const task = r.tasks.get(id);
      if (!task) throw new DispatchError('not-found', `task ${id} no longer exists`);
      if (!r.paused.resume(id)) {
        throw new DispatchError(
          'invalid-input',
          `task ${id} is ${task.state}, not paused at a usage limit: only a paused task can be resumed now`,
        );
      }
      return { agent: task.agent, lifted: r.agentPauses.lift(task.agent) };
    });
    this.deps.log.info(`${id} resumed by the user`);
    this.deps.afterResume({ tasks: [id], agents: result.lifted ? [result.agent] : [] });
    return this.deps.store.read((r) => r.tasks.resolve(id));
  }
}
