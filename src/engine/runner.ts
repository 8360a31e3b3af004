/**
 * What an engine that runs tasks has and a read-only one (`runTasks: false`) lacks: the schedule
 * timer, the supervisor pool and the dispatcher that claims queued tasks and starts them
 * (docs/architecture.md §3).
 */
import type { DispatchConfig } from '../core/config';
import type { StateStore } from '../store';
import { Dispatcher } from './dispatch/dispatcher';
import { createResourceMonitor, type ResourceMonitor } from './dispatch/resources';
import type { EngineLog } from './engineLog';
import type { outputPathsFor } from './launch/launcher';
import { createSupervisorPool, type SupervisorPool } from './launch/supervisorPool';
import { createTaskStarter } from './launch/taskStarter';
import { Scheduler } from './schedules/scheduler';

export interface RunnerDeps {
  store: StateStore;
  engineId: string;
  paths: ReturnType<typeof outputPathsFor>;
  config: () => DispatchConfig;
  log: EngineLog;
  now: () => number;
  resources?: ResourceMonitor;
  supervisorScript?: string;
  execPath?: string;
}

export interface Runner {
  scheduler: Scheduler;
  supervisors: SupervisorPool;
  dispatcher: Dispatcher;
}

export function createRunner(deps: RunnerDeps): Runner {
  const { store, paths, config, log, now } = deps;
  const supervisors = createSupervisorPool({
    outputDir: paths.outputDir,
    execPath: deps.execPath,
    supervisorScript: deps.supervisorScript,
  });
  const starter = createTaskStarter({
    store,
    paths,
    config,
    log,
    now,
    launch: (launchOptions) => supervisors.launch(launchOptions),
  });
  const dispatcher = new Dispatcher({
    store,
    engineId: deps.engineId,
    config,
    resources: deps.resources ?? createResourceMonitor(),
    start: starter,
    log,
    now,
  });
  return { scheduler: new Scheduler({ store, log, now }), supervisors, dispatcher };
}
