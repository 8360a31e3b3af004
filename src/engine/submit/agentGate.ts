/**
 * The one availability check between "delegate" and the store, for every way to add work: delegate,
 * retry, resume, pipelines, schedules (and whatever comes next through Submissions). An agent that
 * cannot run here (see agents/availability.ts) is either refused — the editor, whose own engine
 * runs what it queues — or stored with one warning — the CLI, since a window or `dispatch worker`
 * with another PATH may run it. An unknown agent is refused earlier, by the input checks.
 */
import type { DispatchConfig } from '../../core/config';
import { DispatchError } from '../../core/errors';
import { checkAvailability } from '../agents';
import type { EngineLog } from '../engineLog';

/** What an engine does with a new task whose agent cannot run here. */
export type UnavailableAgents = 'refuse' | 'warn';

/** The agent a new task or schedule would run, in the folder it would run in. */
export interface AgentUse {
  agent: string;
  cwd: string;
}

/** A refusal that also carries what fixes it, so the editor can offer it as an action. */
export class AgentUnavailableError extends DispatchError {
  constructor(
    readonly agent: string,
    message: string,
    /** The install command of a missing built-in agent. */
    readonly install?: string,
  ) {
    super('agent-unavailable', message);
  }
}

export interface AgentGateDeps {
  config: () => DispatchConfig;
  log: EngineLog;
  mode: UnavailableAgents;
}

export class AgentGate {
  constructor(private readonly deps: AgentGateDeps) {}

  /**
   * Runs `write` (the store write) unless an agent in `uses` cannot run and this engine refuses;
   * warns once per such agent after the write, so a write refused for another reason warns of
   * nothing.
   */
  async admit<T>(uses: readonly AgentUse[], write: () => Promise<T>): Promise<T> {
    const problems = this.problems(uses);
    const first = problems[0];
    if (first && this.deps.mode === 'refuse') {
      throw new AgentUnavailableError(first.agent, `${first.why}, or pick another agent`, first.install);
    }
    const result = await write();
    for (const p of problems) {
      this.deps.log.warn(`${p.why}; queued anyway, for a window or worker whose PATH has it`);
    }
    return result;
  }

  private problems(uses: readonly AgentUse[]): { agent: string; why: string; install?: string }[] {
    const config = this.deps.config();
    const seen = new Set<string>();
    const problems: { agent: string; why: string; install?: string }[] = [];
    for (const { agent, cwd } of uses) {
      if (seen.has(agent)) continue;
      seen.add(agent);
      const availability = checkAvailability(agent, config, { cwd });
      if (!availability.available) {
        problems.push({
          agent,
          why: availability.why ?? `${agent} cannot run here`,
          install: availability.install,
        });
      }
    }
    return problems;
  }
}
