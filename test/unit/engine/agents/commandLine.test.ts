import assert from 'node:assert/strict';
import { AUTONOMY_LEVELS, type Autonomy } from '../../../../src/core/autonomy';
import { parseConfig } from '../../../../src/core/config';
import { isDispatchError } from '../../../../src/core/errors';
import { buildLaunch } from '../../../../src/engine/agents';
import type { LaunchInput } from '../../../../src/engine/agents/types';

const base: LaunchInput = { prompt: 'make a change', taskId: 't0000000000a', cwd: '/work/project' };
const config = (agents: Record<string, unknown> = {}) => parseConfig({ agents }).config;
const line = (agent: string, input: Partial<LaunchInput>, agents = {}, isRoot = false) => {
  const launch = buildLaunch(agent, { ...base, ...input }, config(agents), { baseEnv: {}, isRoot });
  return { argv: [launch.command, ...launch.args], env: launch.env, notices: launch.notices ?? [] };
};

/** docs/agents.md, "Autonomy, compared". */
const EXPECTED: Record<string, Record<Autonomy, string[]>> = {
  claude: {
    'read-only': [
      'claude',
      '-p',
      'make a change',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'plan',
      '--settings',
      '{"useAutoModeDuringPlan":false}',
    ],
    edit: [
      'claude',
      '-p',
      'make a change',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'acceptEdits',
    ],
    full: [
      'claude',
      '-p',
      'make a change',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'bypassPermissions',
    ],
  },
  codex: {
    'read-only': [
      'codex',
      'exec',
      '--json',
      '--skip-git-repo-check',
      '--sandbox',
      'read-only',
      'make a change',
    ],
    edit: [
      'codex',
      'exec',
      '--json',
      '--skip-git-repo-check',
      '--sandbox',
      'workspace-write',
      'make a change',
    ],
    full: [
      'codex',
      'exec',
      '--json',
      '--skip-git-repo-check',
      '--dangerously-bypass-approvals-and-sandbox',
      'make a change',
    ],
  },
  gemini: {
    'read-only': ['gemini', '-p', 'make a change', '-o', 'stream-json', '--approval-mode', 'plan'],
    edit: ['gemini', '-p', 'make a change', '-o', 'stream-json', '--approval-mode', 'auto_edit'],
    full: ['gemini', '-p', 'make a change', '-o', 'stream-json', '--approval-mode', 'yolo'],
  },
};

describe('engine/agents/commandLine', () => {
  for (const agent of Object.keys(EXPECTED)) {
    for (const level of AUTONOMY_LEVELS) {
      it(`runs ${agent} at ${level} with its own flags`, () => {
        const run = line(agent, { autonomy: level });
        assert.deepEqual(run.argv, EXPECTED[agent]![level]);
        assert.deepEqual(run.notices, []);
      });
    }
  }

  it('gives Claude IS_SANDBOX=1 for full autonomy only when running as root', () => {
    assert.equal(line('claude', { autonomy: 'full' }, {}, true).env.IS_SANDBOX, '1');
    assert.equal(line('claude', { autonomy: 'full' }, {}, false).env.IS_SANDBOX, undefined);
    assert.equal(line('claude', { autonomy: 'edit' }, {}, true).env.IS_SANDBOX, undefined);
    assert.equal(line('codex', { autonomy: 'full' }, {}, true).env.IS_SANDBOX, undefined);
  });

  it("passes a model with each CLI's own flag", () => {
    assert.deepEqual(line('claude', { model: 'opus' }).argv.slice(-2), ['--model', 'opus']);
    assert.deepEqual(line('gemini', { model: 'gemini-2.5-pro' }).argv.slice(-2), ['-m', 'gemini-2.5-pro']);
    assert.deepEqual(line('codex', { autonomy: 'edit', model: 'gpt-5.5' }).argv, [
      'codex',
      'exec',
      '--json',
      '--skip-git-repo-check',
      '--sandbox',
      'workspace-write',
      '-m',
      'gpt-5.5',
      'make a change',
    ]);
  });

  it('continues a session as each CLI does (Codex options before `resume`)', () => {
    const input = { autonomy: 'edit' as const, model: 'm1', sessionId: 'sid-1' };
    assert.deepEqual(line('claude', input).argv, [
      'claude',
      '-p',
      'make a change',
      '--resume',
      'sid-1',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'acceptEdits',
      '--model',
      'm1',
    ]);
    assert.deepEqual(line('codex', input).argv, [
      'codex',
      'exec',
      '--json',
      '--skip-git-repo-check',
      '--sandbox',
      'workspace-write',
      '-m',
      'm1',
      'resume',
      'sid-1',
      'make a change',
    ]);
    assert.deepEqual(line('gemini', input).argv, [
      'gemini',
      '-p',
      'make a change',
      '-o',
      'stream-json',
      '--resume',
      'sid-1',
      '--approval-mode',
      'auto_edit',
      '-m',
      'm1',
    ]);
  });

  it('configures a built-in without replacing its command line', () => {
    const agents = { claude: { command: '/opt/bin/claude', model: 'opus', env: { X: '1' } } };
    const run = line('claude', { autonomy: 'edit' }, agents);
    assert.deepEqual(run.argv, [
      '/opt/bin/claude',
      '-p',
      'make a change',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'acceptEdits',
    ]);
    assert.equal(run.env.X, '1');
  });

  it("appends a custom agent's autonomyArgs and modelArgs, and uses its resumeArgs", () => {
    const agents = {
      mine: {
        command: 'mytool',
        args: ['run', '${prompt}'],
        autonomyArgs: { 'read-only': ['--dry-run'], full: ['--yes', '--in=${cwd}'] },
        modelArgs: ['--model=${model}'],
        resumeArgs: ['continue', '${sessionId}', '${prompt}'],
      },
    };
    assert.deepEqual(line('mine', { autonomy: 'full', model: 'big' }, agents).argv, [
      'mytool',
      'run',
      'make a change',
      '--yes',
      '--in=/work/project',
      '--model=big',
    ]);
    assert.deepEqual(line('mine', { autonomy: 'read-only', sessionId: 's9' }, agents).argv, [
      'mytool',
      'continue',
      's9',
      'make a change',
      '--dry-run',
    ]);
    const edit = line('mine', { autonomy: 'edit' }, agents);
    assert.deepEqual(edit.argv, ['mytool', 'run', 'make a change']);
    assert.deepEqual(edit.notices, [
      'agent mine has no autonomyArgs for "edit": it runs as configured, whatever the autonomy',
    ]);
  });

  it('runs an agent without autonomyArgs unchanged at every level, and says so', () => {
    for (const level of AUTONOMY_LEVELS) {
      const run = line('mytool', { autonomy: level }, { mytool: { command: 'mytool' } });
      assert.deepEqual(run.argv, ['mytool', 'make a change']);
      assert.deepEqual(run.notices, [
        'agent mytool has no autonomyArgs: it runs as configured, whatever the autonomy',
      ]);
    }
    // The shell agent's command line has no permission mode to set, and its output stays the user's.
    const shell = line('shell', { autonomy: 'full' });
    assert.deepEqual(shell.notices, []);
  });

  it('keeps ${model} and ${sessionId} to the lists where they have a value', () => {
    assert.throws(
      () =>
        line(
          'mine',
          { model: 'x' },
          { mine: { command: 'x', args: ['${prompt}', '${model}'], modelArgs: [] } },
        ),
      (err) =>
        isDispatchError(err, 'invalid-input') &&
        /\$\{model\} has a value only in modelArgs/.test(err.message),
    );
  });
});
