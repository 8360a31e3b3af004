/**
 * A task as the MCP tools return it: the same text `dispatch show` prints, and the same record
 * `dispatch show --json` prints (the task, its relations, the agent's result once it ended —
 * summary, tokens, cost, refusals — a retry in progress, its worktree and the loop it is an
 * iteration of), so scripts and assistants read one shape. The output schema names the fields a model relies on and lets the rest through.
 */
import * as z from 'zod';
import type { Task } from '../../core/task';
import { TASK_STATES } from '../../core/taskState';
import type { Engine } from '../../engine/engine';
import { relationsJson, taskDetails, taskJson, taskLine } from '../format';
import { type WaitReason, waitReasons } from '../holds';
import { iterationJson, iterationLines } from '../iterationFormat';
import { listMarks, resultJson } from '../resultFormat';
import { worktreeJson, worktreeLines } from '../worktreeFormat';

export const taskRecordSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  agent: z.string(),
  state: z.enum(TASK_STATES),
  reason: z.string().nullable(),
  result: z
    .looseObject({ summary: z.string().nullable(), costUsd: z.number().nullable() })
    .nullable()
    .optional(),
});

function retryOf(engine: Engine, task: Task) {
  return task.state === 'running' ? engine.retrying(task.id) : undefined;
}

/** `dispatch show --json`. */
export async function taskRecord(engine: Engine, task: Task): Promise<Record<string, unknown>> {
  const retry = retryOf(engine, task);
  return {
    ...taskJson(task),
    ...relationsJson(engine.relationsOf(task.id)),
    result: resultJson(engine.result(task.id)),
    ...(retry ? { retrying: retry } : {}),
    ...(await worktreeJson(engine, task)),
    ...iterationJson(engine, task),
  };
}

/** `dispatch show`. */
export async function taskText(engine: Engine, task: Task): Promise<string> {
  const reported = {
    result: engine.result(task.id),
    retry: retryOf(engine, task),
    worktree: await worktreeLines(engine, task),
    loop: iterationLines(engine, task),
    held: waitReasons(engine)(task.agent),
    paused: task.state === 'paused' ? engine.agents.pausedWords(task) : undefined,
  };
  return taskDetails(task, engine.relationsOf(task.id), reported);
}

/**
 * `dispatch list --json`'s entries and lines. `held`: why a queued task waits (holds.ts), read
 * once for the list.
 */
export function listEntry(engine: Engine, task: Task, waitingFor: readonly string[], held: WaitReason) {
  const retry = retryOf(engine, task);
  return {
    record: { ...taskJson(task), waitingFor, ...(retry ? { retrying: retry } : {}) },
    line: taskLine(
      task,
      waitingFor,
      listMarks(task, retry),
      held(task.agent),
      task.state === 'paused' ? engine.agents.pausedWords(task) : undefined,
    ),
  };
}
