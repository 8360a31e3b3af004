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
      autonomy: 'edit',
      model: null,
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

  it('takes the autonomy from the task, else dispatch.autonomy', () => {
    const task = (input: object, settings = {}) =>
      validateNewTask({ prompt: 'x', agent: 'claude', ...input }, config(settings), workspace);
    assert.equal(task({}).autonomy, 'edit');
    assert.equal(task({}, { autonomy: 'read-only' }).autonomy, 'read-only');
    assert.equal(task({ autonomy: 'full' }, { autonomy: 'read-only' }).autonomy, 'full');
    assert.throws(
      () => task({ autonomy: 'yolo' }),
      invalid(/^bad autonomy "yolo": use read-only, edit or full$/),
    );
  });

  it("takes the model from the task, else the agent's setting, and refuses one it cannot pass", () => {
    const agents = { claude: { model: 'opus' }, mine: { command: 'echo' } };
    const task = (input: object) =>
      validateNewTask({ prompt: 'x', agent: 'claude', ...input }, config({ agents }), workspace);
    assert.equal(task({}).model, 'opus');
    assert.equal(task({ model: ' sonnet ' }).model, 'sonnet');
    assert.equal(task({ agent: 'codex' }).model, null, "no setting: the agent's own default");
    assert.throws(() => task({ model: '--help' }), invalid(/bad model "--help": .*"-"/));
    assert.throws(() => task({ model: 'a b' }), invalid(/no spaces/));
    assert.throws(
      () => task({ agent: 'mine', model: 'big' }),
      invalid(/agent mine takes no model: give it "modelArgs" in dispatch\.agents\.mine/),
    );
    assert.throws(() => task({ agent: 'shell', model: 'big' }), invalid(/agent shell takes no model/));
  });

  it('refuses a custom agent without a command, naming the setting', () => {
    assert.throws(
      () =>
        validateNewTask(
          { prompt: 'x', agent: 'mine' },
          config({ agents: { mine: { model: 'm' } } }),
          workspace,
        ),
      invalid(/dispatch\.agents\.mine has no "command"/),
    );
  });
});
