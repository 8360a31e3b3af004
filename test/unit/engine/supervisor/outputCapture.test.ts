import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../../../src/core/config';
import { retryText } from '../../../../src/core/results';
import { buildLaunch } from '../../../../src/engine/agents';
import { readRetryRecord } from '../../../../src/store/output/taskRecords';
import { captureLines } from '../../../support/captured';
import { fakeAgentScript, TestTasks, until } from '../../../support/supervision';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** An agent that speaks a built-in's format: fake-agent.js printing those lines, then waiting. */
function speaking(agent: 'claude' | 'gemini', taskId: string, steps: string) {
  const { config } = parseConfig({
    agents: { [agent]: { command: process.execPath, args: [fakeAgentScript, '${prompt}'] } },
  });
  return buildLaunch(agent, { prompt: steps, taskId, cwd: tmpdir() }, config);
}

describe('engine/supervisor/outputCapture', () => {
  let tasks: TestTasks;
  beforeEach(() => {
    tasks = new TestTasks();
  });
  afterEach(() => tasks.dispose());

  it('keeps the latest retry while the agent runs, and drops it when it ends', async () => {
    const gate = path.join(tasks.outputDir, 'go');
    const retry = (attempt: number) =>
      `${JSON.stringify({
        type: 'system',
        subtype: 'api_retry',
        attempt,
        max_retries: 10,
        retry_delay_ms: 500,
        error_status: 401,
        error: 'authentication_failed',
      })}\n`;
    const result = `${JSON.stringify({ type: 'result', is_error: false, result: 'ok', session_id: 's' })}\n`;
    const { taskId } = tasks.start(
      speaking('claude', 'retry0000001', `text:${b64(retry(2) + retry(3))} gate:${gate} text:${b64(result)}`),
    );
    await until('the retry record', () => readRetryRecord(tasks.outputDir, taskId)?.attempt === 3);
    assert.equal(
      retryText(readRetryRecord(tasks.outputDir, taskId)!),
      'retrying (3/10): 401 authentication_failed',
    );
    writeFileSync(gate, '');
    const exit = await tasks.waitForExit(taskId);
    assert.equal(exit.agentResult?.summary, 'ok');
    assert.equal(readRetryRecord(tasks.outputDir, taskId), undefined);
    assert.equal(existsSync(path.join(tasks.outputDir, `${taskId}.retry.json`)), false);
  });

  it('decodes stderr too: Gemini reports its retries there', async () => {
    const gate = path.join(tasks.outputDir, 'go');
    const { stderr } = captureLines('gemini-retry-503');
    const { taskId } = tasks.start(
      speaking('gemini', 'retry0000002', `errtext:${b64(`${stderr.slice(0, 6).join('\n')}\n`)} gate:${gate}`),
    );
    await until('the retry record', () => readRetryRecord(tasks.outputDir, taskId) !== undefined);
    assert.equal(
      retryText(readRetryRecord(tasks.outputDir, taskId)!),
      'retrying (1): 503 The model is overloaded. Please try again later.',
    );
    writeFileSync(gate, '');
    await tasks.waitForExit(taskId);
    assert.equal(readRetryRecord(tasks.outputDir, taskId), undefined);
  });
});
