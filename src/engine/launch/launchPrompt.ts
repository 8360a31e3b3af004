/**
 * The prompt an agent is launched with. For most tasks that is the stored prompt; a task that
 * continues from, resumes or replies to an earlier one (without its agent session) gets that
 * task's context in front (core/context.ts),
 * gathered here from the store, the end of its output log and its git facts. The context is
 * built when the task starts, not when it is queued: a continuation is queued before the task it
 * continues from has even run.
 */
import { CONTEXT_LIMITS, contextBlock, type EarlierTask, promptWithContext } from '../../core/context';
import type { Task } from '../../core/task';
import { readTail } from '../../store/output/outputReader';
import type { StateStore } from '../../store/stateStore';
import { readGitFacts } from '../finish/gitFacts';

export interface LaunchPromptDeps {
  store: StateStore;
  outputDir: string;
}

/** `resumed`: the task continues the agent session of the task it replies to, which holds that context. */
export async function launchPrompt(
  task: Task,
  deps: LaunchPromptDeps,
  { resumed = false }: { resumed?: boolean } = {},
): Promise<string> {
  const replyTo = resumed ? null : task.replyTo;
  const sources = [...new Set([task.continueFrom, task.resumeOf, replyTo])].filter((id): id is string =>
    Boolean(id),
  );
  if (sources.length === 0) return task.prompt;
  const blocks: string[] = [];
  for (const id of sources) blocks.push(contextBlock((await earlierTask(deps, id)) ?? { missing: id }));
  return promptWithContext(task.prompt, blocks);
}

export async function earlierTask(deps: LaunchPromptDeps, id: string): Promise<EarlierTask | undefined> {
  const task = deps.store.read((r) => r.tasks.get(id));
  if (!task) return undefined;
  // Bounded by bytes, not lines: one huge line must not blow the context up.
  const tail = await readTail(deps.outputDir, id, {
    lines: Number.MAX_SAFE_INTEGER,
    maxBytes: CONTEXT_LIMITS.outputChars,
  });
  return {
    id: task.id,
    title: task.title,
    prompt: task.prompt,
    state: task.state,
    exitCode: task.exitCode,
    signal: task.signal,
    reason: task.reason,
    outputTail: Buffer.concat(tail.chunks.map((c) => c.data)).toString('utf8'),
    outputCut: tail.start > 0,
    git: readGitFacts(deps.outputDir, id),
  };
}
