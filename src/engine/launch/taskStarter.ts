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
import { shellCommand } from '../agents/shell';
import type { EngineLog } from '../engineLog';
import { clearLastRun, resumedLaunch } from '../limits/resumeLaunch';
import { iterationLaunch } from '../loops/iterationLaunch';
import { type PreparedWorktree, prepareWorktree } from '../worktrees/create';
import type { LaunchSupervisorOptions, OutputPaths, SupervisorHandle } from './launcher';
import { launchPrompt } from './launchPrompt';

/** Well inside recovery's LAUNCH_GRACE_MS (30 s). */
const CLAIM_RENEW_MS = 10_000;

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
      // Resumed after a usage limit: it continues its own run (limits/resumeLaunch.ts).
      if (task.limitResumes > 0) clearLastRun(outputDir, task.id);
      const again =
        task.limitResumes > 0 ? await resumedLaunch(task, { store, outputDir }, config) : undefined;
      const session = again ? again.sessionId : replySession(task, config, outputDir);
      // A loop's iteration carries the check's report (loops/iterationLaunch.ts).
      const iteration = again
        ? undefined
        : iterationLaunch(store, task, { resumed: session !== undefined, config });
      // The stored prompt stays the user's; the agent also sees any earlier task's context.
      const { prompt, env } =
        again ??
        (iteration?.prompt !== undefined
          ? { prompt: iteration.prompt, env: {} }
          : await launchPrompt(task, { store, outputDir }, { resumed: session !== undefined }));
      const where = task.worktreePath ? await inWorktree(task, deps, config) : { cwd: task.cwd };
      if (where === undefined) return;
      const built = buildLaunch(
        task.agent,
        {
          prompt,
          taskId: task.id,
          cwd: where.cwd,
          autonomy: task.autonomy ?? config.autonomy,
          ...(task.model ? { model: task.model } : {}),
          ...(session ? { sessionId: session } : {}),
        },
        config,
      );
      const launch = { ...built, env: { ...built.env, ...env } };
      if (again) launch.notices = [...(launch.notices ?? []), again.notice];
      else if (task.replyTo)
        launch.notices = [...(launch.notices ?? []), iteration?.notice ?? replyNotice(task, session)];
      const supervisor = deps.launch({
        taskId: task.id,
        paths: deps.paths,
        launch,
        cwd: where.cwd,
        setup: where.setup,
        check: iteration && { ...iteration.check, cwd: where.cwd },
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
      await failToStart(task, `could not start: ${messageOf(err)}`, deps);
    }
  };
}

async function failToStart(task: Task, reason: string, { store, log, now }: TaskStarterDeps): Promise<void> {
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

/**
 * A worktree task's folder: its worktree, made now (engine/worktrees/create.ts), plus the setup
 * command for the supervisor to run first. Making a large worktree can outlast recovery's grace
 * for a claim that never launched, so the claim is renewed meanwhile. Undefined: the task failed
 * with reason `worktree: …`.
 */
async function inWorktree(
  task: Task,
  deps: TaskStarterDeps,
  config: DispatchConfig,
): Promise<{ cwd: string; setup?: LaunchSupervisorOptions['setup'] } | undefined> {
  const renew = setInterval(
    () => void deps.store.write((r) => r.workers.renewClaim(task.id, deps.now())).catch(() => {}),
    CLAIM_RENEW_MS,
  );
  let prepared: PreparedWorktree;
  try {
    prepared = await prepareWorktree(task, {
      outputDir: deps.paths.outputDir,
      copyFiles: config['worktree.copyFiles'],
    });
  } catch (err) {
    await failToStart(task, `worktree: ${messageOf(err)}`, deps);
    return undefined;
  } finally {
    clearInterval(renew);
  }
  const line = config['worktree.setupCommand'].trim();
  // A reply reuses a worktree that was set up when it was made.
  if (!prepared.created || line === '') return { cwd: prepared.folder };
  const shell = shellCommand(line, process.env);
  return { cwd: prepared.folder, setup: { ...shell, line, cwd: prepared.root } };
}
