/**
 * The prompt an agent is launched with. For most tasks that is the stored prompt; a task that
 * continues from, resumes or replies to an earlier one (a reply without its agent session) gets
 * that task's context (core/context.ts), gathered here from the store, its output log (as a
 * transcript for a structured agent) and its git facts. The context is built when the task
 * starts, not when it is queued: a continuation is queued before the task it continues from has
 * even run.
 *
 * A `shell` task's prompt is a command line, so context never goes into it: any command the
 * earlier task printed would run. It gets the context as a file instead, named by
 * DISPATCH_CONTEXT_FILE, written next to its output (retention removes it with them).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTEXT_LIMITS, contextBlock, type EarlierTask, promptWithContext } from '../../core/context';
import type { Task } from '../../core/task';
import { readFrom, readTail, type StateStore } from '../../store';
import { outputFormatOf } from '../agents';
import { createDigester } from '../agents/transcript';
import { readGitFacts } from '../finish/gitFacts';

export interface LaunchPromptDeps {
  store: StateStore;
  outputDir: string;
}

export interface LaunchText {
  prompt: string;
  /** Variables to add to the agent's environment (DISPATCH_CONTEXT_FILE for a shell task). */
  env: Record<string, string>;
}

export const CONTEXT_FILE_VARIABLE = 'DISPATCH_CONTEXT_FILE';

export const contextFile = (outputDir: string, taskId: string) =>
  path.join(outputDir, `${taskId}.context.txt`);

/** `resumed`: the task continues the agent session of the task it replies to, which holds that context. */
export async function launchPrompt(
  task: Task,
  deps: LaunchPromptDeps,
  { resumed = false }: { resumed?: boolean } = {},
): Promise<LaunchText> {
  const replyTo = resumed ? null : task.replyTo;
  const sources = [...new Set([task.continueFrom, task.resumeOf, replyTo])].filter((id): id is string =>
    Boolean(id),
  );
  if (sources.length === 0) return { prompt: task.prompt, env: {} };
  const blocks: string[] = [];
  for (const id of sources) blocks.push(contextBlock((await earlierTask(deps, id)) ?? { missing: id }));
  if (task.agent !== 'shell') return { prompt: promptWithContext(task.prompt, blocks), env: {} };
  const file = contextFile(deps.outputDir, task.id);
  writeFileSync(file, `${blocks.join('\n\n')}\n`);
  return { prompt: task.prompt, env: { [CONTEXT_FILE_VARIABLE]: file } };
}

export async function earlierTask(deps: LaunchPromptDeps, id: string): Promise<EarlierTask | undefined> {
  const task = deps.store.read((r) => r.tasks.get(id));
  if (!task) return undefined;
  const facts = {
    id: task.id,
    title: task.title,
    prompt: task.prompt,
    state: task.state,
    exitCode: task.exitCode,
    signal: task.signal,
    reason: task.reason,
    git: readGitFacts(deps.outputDir, id),
  };
  const format = outputFormatOf(task.agent);
  if (format === 'text') {
    // Bounded by bytes, not lines: one huge line must not blow the context up.
    const tail = await readTail(deps.outputDir, id, {
      lines: Number.MAX_SAFE_INTEGER,
      maxBytes: CONTEXT_LIMITS.outputChars,
    });
    return {
      ...facts,
      outputTail: Buffer.concat(tail.chunks.map((c) => c.data)).toString('utf8'),
      outputCut: tail.start > 0,
    };
  }
  // A transcript needs the log from its start (the session, which tool call a result answers).
  const digester = createDigester(format);
  let position = 0;
  let cut = false;
  for (;;) {
    const slice = await readFrom(deps.outputDir, id, position);
    cut ||= slice.skippedBytes > 0;
    digester.chunks(slice.chunks);
    if (slice.end === position) break;
    position = slice.end;
  }
  const digest = digester.end();
  return {
    ...facts,
    outputTail: digest.tail.join('\n'),
    outputCut: cut || digest.tailCut,
    run: {
      summary: digest.summary,
      commands: digest.commands,
      commandsLeftOut: digest.commandsLeftOut,
      denials: digest.denials,
    },
  };
}
