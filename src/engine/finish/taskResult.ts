/**
 * What the agent reported, as views show it: the result of a finished task, read from its
 * `.exit` record (the database keeps only the numbers lists need), and the retry a running task's
 * agent reported last (`.retry.json`, kept by its supervisor while it runs).
 */
import type { RetryState, TaskResult } from '../../core/results';
import { readExitRecord, readRetryRecord } from '../../store';

/** Undefined while the task runs, for a plain-text agent, or when its record is gone or damaged. */
export function readTaskResult(outputDir: string, taskId: string): TaskResult | undefined {
  let result: ReturnType<typeof readExitRecord>;
  try {
    result = readExitRecord(outputDir, taskId);
  } catch {
    return undefined; // a damaged record is recovery's business; a view just shows less
  }
  const agent = result?.agentResult;
  if (!agent) return undefined;
  return {
    summary: agent.summary ?? (agent.isError ? (agent.message ?? null) : null),
    sessionId: agent.sessionId ?? null,
    model: agent.model ?? null,
    usage: agent.usage ?? null,
    costUsd: agent.costUsd ?? null,
    turns: agent.turns ?? null,
    durationMs: agent.durationMs ?? null,
    denials: agent.denials ?? [],
  };
}

/** The retry a running task's agent is in, for "retrying (3/10): 401 …"; undefined otherwise. */
export function readRetryState(outputDir: string, taskId: string): RetryState | undefined {
  return readRetryRecord(outputDir, taskId);
}
