// Finished runs with the usage their agent reported, for the tests of what usage sums read.
import type { TaskResultColumns } from '../../src/store';
import type { EngineFixture } from './engineFixture';

/** A result that reported nothing; tests spread what their run reported over it. */
export const NO_RESULT: TaskResultColumns = {
  sessionId: null,
  inputTokens: null,
  outputTokens: null,
  cachedInputTokens: null,
  costUsd: null,
  turns: null,
  denialCount: null,
};

/** A run of `agent` that ended at `endedAt` reporting `result`, written as another process would. */
export async function recordEndedRun(
  fx: EngineFixture,
  agent: string,
  endedAt: number,
  result: Partial<TaskResultColumns>,
): Promise<void> {
  const store = await fx.openStore();
  await store.write((r) => {
    const task = r.tasks.create({ prompt: 'x', agent, cwd: fx.workspace }, endedAt - 10);
    r.tasks.markRunning(task.id, endedAt - 5);
    r.tasks.setResult(task.id, { ...NO_RESULT, ...result });
    r.tasks.finish(task.id, { state: 'completed', exitCode: 0, signal: null, reason: null, endedAt });
  });
}
