/**
 * Usage limits (core/usageLimit.ts): the agents' status and the user's Resume Now
 * (agentsService.ts), and the timer that ends pauses on time (limitResumer.ts), wired to one
 * `afterResume` so either way a resumed task's last-run records go and the dispatcher looks.
 */
import type { DispatchConfig } from '../../core/config';
import type { StateStore } from '../../store';
import type { EngineLog } from '../engineLog';
import { AgentsService } from './agentsService';
import { afterResume, LimitResumer, type Resumed } from './limitResumer';

export type { AgentStatus } from './agentsService';
export { AgentsService, LimitResumer };

export interface UsageLimitsDeps {
  store: StateStore;
  config: () => DispatchConfig;
  log: EngineLog;
  now: () => number;
  /** Asks this engine's dispatcher to look for work (absent in one that runs no tasks). */
  poke: () => void;
}

export function createUsageLimits(deps: UsageLimitsDeps): { agents: AgentsService; resumer: LimitResumer } {
  const { outputDir } = deps.store.paths;
  const resumed = (what: Resumed) => afterResume(what, { outputDir, log: deps.log, poke: deps.poke });
  return {
    agents: new AgentsService({ ...deps, afterResume: resumed }),
    resumer: new LimitResumer({ ...deps, onResumed: resumed }),
  };
}
