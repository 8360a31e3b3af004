/**
 * Starting a claimed task: build the agent's command line, launch its supervisor, record the
 * supervisor's PID and start time. A task whose agent cannot be launched at all (unknown agent,
 * bad template, supervisor failed to spawn) ends FAILED with the reason — never stuck RUNNING.
 */
import type { DispatchConfig } from '../../core/config';
import { messageOf } from '../../core/errors';
import type { Task } from '../../core/task';
import { readExitRecord, type StateStore } from '../../store';
import { buildLaunch, canResume } from '../agents';
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

/**
 * The agent session a reply continues: the one the replied-to task's agent reported, when this
 * agent can resume one (a `resumeArgs` template). Otherwise the reply starts with a context.
 */
function replySession(task: Task, config: DispatchConfig, outputDir: string): string | undefined {
  if (!task.replyTo || !canResume(task.agent, config)) return undefined;
  try {
    return readExitRecord(outputDir, task.replyTo)?.agentResult?.sessionId || undefined;
  } catch {
    return undefined; // a damaged record: the context still works
  }
}

function replyNotice(task: Task, session: string | undefined): string {
  return session
    ? `continuing ${task.agent} session ${session} of task ${task.replyTo}`
    : `task ${task.replyTo} left no ${task.agent} session to continue: this reply starts with its context`;
}

export function createTaskStarter(deps: TaskStarterDeps): (task: Task) => Promise<void> {
  return async (task) => {
    const { store, log, now } = deps;
    const config = deps.config();
    try {
      const outputDir = deps.paths.outputDir;
      const session = replySession(task, config, outputDir);
      // The stored prompt stays the user's; the agent also sees any earlier task's context.
      const { prompt, env } = await launchPrompt(
        task,
        { store, outputDir },
        { resumed: session !== undefined },
      );
      const built = buildLaunch(
        task.agent,
        {
          prompt,
          taskId: task.id,
          cwd: task.cwd,
          autonomy: task.autonomy ?? config.autonomy,
          ...(task.model ? { model: task.model } : {}),
          ...(session ? { sessionId: session } : {}),
        },
        config,
      );
      const launch = { ...built, env: { ...built.env, ...env } };
      if (task.replyTo) launch.notices = [...(launch.notices ?? []), replyNotice(task, session)];
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
