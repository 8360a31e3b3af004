import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../../../src/core/config';
import { isDispatchError } from '../../../../src/core/errors';
import { validateNewTask } from '../../../../src/engine/submit/taskInput';

describe('engine/submit/taskInput', () => {
  let workspace: string;
  beforeEach(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'dispatch-input-'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  const config = (raw: Record<string, unknown> = {}) => parseConfig(raw).config;
  const invalid = (pattern: RegExp) => (err: unknown) =>
    isDispatchError(err, 'invalid-input') && pattern.test(err.message);

  it('fills in the default agent, priority, folder and title', () => {
    const task = validateNewTask(
      { prompt: 'Write docs\nfor the API' },
      config({ defaultAgent: 'shell' }),
      workspace,
    );
    assert.deepEqual(task, {
      prompt: 'Write docs\nfor the API',
      agent: 'shell',
      priority: 'P1',
      cwd: workspace,
      title: 'Write docs',
      timeoutMs: null,
    });
  });

  it('resolves a relative working folder against the workspace', () => {
    const task = validateNewTask({ prompt: 'x', agent: 'shell', cwd: '.' }, config(), workspace);
    assert.equal(task.cwd, workspace);
  });

  it('takes the timeout from the task, else from dispatch.taskTimeoutMinutes', () => {
    assert.equal(
      validateNewTask({ prompt: 'x', agent: 'shell', timeoutSeconds: 1.5 }, config(), workspace).timeoutMs,
      1500,
    );
    assert.equal(
      validateNewTask({ prompt: 'x', agent: 'shell' }, config({ taskTimeoutMinutes: 2 }), workspace)
        .timeoutMs,
      120_000,
    );
  });

  it('refuses what would fail later, each with what to do', () => {
    assert.throws(() => validateNewTask({ prompt: '' }, config(), workspace), invalid(/prompt is empty/));
    assert.throws(
      () => validateNewTask({ prompt: 'x', agent: 'gpt' }, config(), workspace),
      invalid(/unknown agent "gpt".*dispatch\.agents/),
    );
    assert.throws(
      () => validateNewTask({ prompt: 'x', agent: 'shell', priority: 'high' }, config(), workspace),
      invalid(/P0 \(highest\), P1 or P2/),
    );
    const file = path.join(workspace, 'a-file');
    writeFileSync(file, '');
    assert.throws(
      () => validateNewTask({ prompt: 'x', agent: 'shell', cwd: file }, config(), workspace),
      invalid(/is not a folder/),
    );
  });

  it('knows custom agents from the settings', () => {
    const task = validateNewTask(
      { prompt: 'x', agent: 'mine' },
      config({ agents: { mine: { command: 'echo' } } }),
      workspace,
    );
    assert.equal(task.agent, 'mine');
  });
});
