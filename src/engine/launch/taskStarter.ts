/**
 * Starting a claimed task: build the agent's command line, launch its supervisor, record the
 * supervisor's PID and start time. A task whose agent cannot be launched at all (unknown agent,
 * bad template, supervisor failed to spawn) ends FAILED with the reason — never stuck RUNNING.
 */
import type { DispatchConfig } from '../../core/config';
import { messageOf } from '../../core/errors';
import type { Task } from '../../core/task';
import type { StateStore } from '../../store';
import { buildLaunch } from '../agents';
import type { EngineLog } from '../engineLog';
import type { LaunchSupervisorOptions, OutputPaths, SupervisorHandle } from './launcher';
import { launchPrompt } from './launchPrompt';

export interface TaskStarterDeps {
  store: StateStore;
  paths: OutputPaths;
  config: () => DispatchConfig;
  log: EngineLog;
  now: () => number;
  /** Starts the supervisor (see supervisorPool.ts). */
  launch: (options: LaunchSupervisorOptions) => SupervisorHandle;
}

export function createTaskStarter(deps: TaskStarterDeps): (task: Task) => Promise<void> {
  return async (task) => {
    const { store, log, now } = deps;
    const config = deps.config();
    try {
      // The stored prompt stays the user's; the agent also sees any earlier task's context.
      const { prompt, env } = await launchPrompt(task, { store, outputDir: deps.paths.outputDir });
      const built = buildLaunch(task.agent, { prompt, taskId: task.id, cwd: task.cwd }, config);
      const launch = { ...built, env: { ...built.env, ...env } };
      const supervisor = deps.launch({
        taskId: task.id,
        paths: deps.paths,
        launch,
        cwd: task.cwd,
        flushIntervalMs: config.outputFlushIntervalMs,
        maxOutputBytes: Math.round(config.maxOutputMB * 1024 * 1024),
        killGraceMs: config.killGraceMs,
        timeoutMs: task.timeoutMs,
      });
      await store.write((r) =>
        r.workers.setLaunched(task.id, {
          supervisorPid: supervisor.pid,
          supervisorStart: supervisor.start,
          startedAt: now(),
        }),
      );
      log.info(`started ${task.id} (${task.agent}) in supervisor ${supervisor.pid}`);
    } catch (err) {
      const reason = `could not start: ${messageOf(err)}`;
      log.error(`${task.id}: ${reason}`);
      await store.write((r) => {
        r.workers.remove(task.id);
        return r.tasks.finish(task.id, {
          state: 'failed',
          exitCode: null,
          signal: null,
          reason,
          endedAt: now(),
        });
      });
    }
  };
}
