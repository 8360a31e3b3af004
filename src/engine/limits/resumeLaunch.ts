/**
 * How a task resumed after a usage limit starts again. It runs under its own id, so its log goes
 * on where the earlier run's stopped and the earlier run's exit and pid records must go first
 * (they would otherwise finish or fail the new run). Then, when its agent can continue a session
 * (a resume template) and the earlier run reported one, the session is continued with a short
 * "continue" message, as a reply would; otherwise it runs its own prompt again with the context
 * of what the earlier run did (core/context.ts), as a resumed task would.
 */
import { unlinkSync } from 'node:fs';
import type { DispatchConfig } from '../../core/config';
import { contextBlock, promptWithContext } from '../../core/context';
import type { Task } from '../../core/task';
import { outputFiles } from '../../store';
import { canResume } from '../agents';
import { earlierTask, type LaunchPromptDeps, type LaunchText, launchPrompt } from '../launch/launchPrompt';

export const CONTINUE_MESSAGE =
  'Your usage limit has reset. Continue the task from where you stopped, and finish it.';

export interface ResumedLaunch extends LaunchText {
  /** The agent session to continue, when there is one. */
  sessionId?: string;
  /** Written to the log before the agent starts. */
  notice: string;
}

/** Removes what the earlier run left that only describes a run in progress or just ended. */
export function clearLastRun(outputDir: string, taskId: string): void {
  const files = outputFiles(outputDir, taskId);
  for (const file of [files.exit, files.pid, files.retry]) {
    try {
      unlinkSync(file);
    } catch {
      // not there: nothing to clear
    }
  }
}

export async function resumedLaunch(
  task: Task,
  deps: LaunchPromptDeps,
  config: DispatchConfig,
): Promise<ResumedLaunch> {
  const which = `resume ${task.limitResumes} of at most ${config['usageLimit.maxResumes']}`;
  if (task.sessionId && canResume(task.agent, config)) {
    return {
      prompt: CONTINUE_MESSAGE,
      env: {},
      sessionId: task.sessionId,
      notice: `resuming after the usage limit (${which}): continuing ${task.agent} session ${task.sessionId}`,
    };
  }
  const first = await launchPrompt(task, deps);
  // A shell task's prompt is a command line: it simply runs again (launchPrompt.ts says why).
  if (task.agent === 'shell') return { ...first, notice: `running again after the usage limit (${which})` };
  const self = await earlierTask(deps, task.id);
  const block = self
    ? contextBlock({ ...self, state: 'paused', reason: 'its agent hit its usage limit' })
    : undefined;
  return {
    prompt: block ? promptWithContext(first.prompt, [block]) : first.prompt,
    env: first.env,
    notice: `running again after the usage limit (${which}), with what the earlier run did as context`,
  };
}
