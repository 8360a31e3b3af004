import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { agentCaps, defaultConfig, parseConfig } from '../../../../src/core/config';
import { isDispatchError } from '../../../../src/core/errors';
import { BUILTIN_AGENTS, buildLaunch, knownAgentNames } from '../../../../src/engine/agents';

const input = { prompt: 'fix "the" bug; rm -rf $HOME', taskId: 't0000000000a', cwd: '/work/project' };
const config = (agents = {}) => ({ ...defaultConfig(), agents });

describe('engine/agents/launch', () => {
  it('builds claude headless with the prompt as one argument and nested-session variables dropped', () => {
    const launch = buildLaunch('claude', input, config(), {
      baseEnv: {
        PATH: '/bin',
        CLAUDECODE: '1',
        CLAUDE_CODE_ENTRYPOINT: 'cli',
        CLAUDE_CODE_SESSION_ID: 'parent',
        CLAUDE_CODE_SSE_PORT: '1234',
        AI_AGENT: 'claude-code',
        ELECTRON_RUN_AS_NODE: '1',
        KEEP: 'y',
        CLAUDE_CODE_MAX_RETRIES: '3',
        CLAUDE_CODE_OAUTH_TOKEN: 'tok',
        CLAUDE_CODE_USE_BEDROCK: '1',
      },
    });
    assert.equal(launch.command, 'claude');
    assert.deepEqual(launch.args, ['-p', input.prompt, '--output-format', 'stream-json', '--verbose']);
    // The user's own CLAUDE_CODE_* settings pass; only what marks a nested session is dropped.
    assert.deepEqual(launch.env, {
      PATH: '/bin',
      KEEP: 'y',
      CLAUDE_CODE_MAX_RETRIES: '3',
      CLAUDE_CODE_OAUTH_TOKEN: 'tok',
      CLAUDE_CODE_USE_BEDROCK: '1',
      DISPATCH_TASK_ID: 't0000000000a',
    });
    assert.equal(launch.outputFormat, 'claude-stream-json');
    assert.equal(launch.shell, false);
  });

  it('builds codex exec and gemini prompt mode as docs/agents.md describes them', () => {
    const codex = buildLaunch('codex', input, config(), { baseEnv: {} });
    assert.deepEqual(
      [codex.command, ...codex.args],
      ['codex', 'exec', '--json', '--skip-git-repo-check', input.prompt],
    );
    assert.equal(codex.outputFormat, 'codex-json');
    const gemini = buildLaunch('gemini', input, config(), { baseEnv: {} });
    assert.deepEqual([gemini.command, ...gemini.args], ['gemini', '-p', input.prompt, '-o', 'stream-json']);
    assert.equal(gemini.env.GEMINI_CLI_NO_RELAUNCH, 'true');
    assert.equal(gemini.env.DISPATCH_TASK_ID, input.taskId);
  });

  it('runs the shell agent through $SHELL -c (or /bin/sh), and only it', () => {
    const zsh = buildLaunch('shell', input, config(), {
      baseEnv: { SHELL: '/usr/bin/zsh' },
      platform: 'linux',
    });
    assert.deepEqual([zsh.command, ...zsh.args], ['/usr/bin/zsh', '-c', input.prompt]);
    assert.equal(zsh.shell, true);
    const sh = buildLaunch('shell', input, config(), { baseEnv: { SHELL: 'zsh' }, platform: 'linux' });
    assert.equal(sh.command, '/bin/sh');
    const win = buildLaunch('shell', input, config(), {
      baseEnv: { ComSpec: 'C:\\cmd.exe' },
      platform: 'win32',
    });
    assert.deepEqual([win.command, ...win.args], ['C:\\cmd.exe', '/d', '/s', '/c', `"${input.prompt}"`]);
    assert.equal(win.windowsVerbatimArguments, true);
  });

  it('runs a real pipeline with the shell agent', () => {
    const launch = buildLaunch(
      'shell',
      { ...input, prompt: 'printf "b\\na\\n" | sort | tr a-z A-Z' },
      config(),
      {
        baseEnv: { PATH: process.env.PATH },
      },
    );
    const run = spawnSync(launch.command, launch.args, { env: launch.env, encoding: 'utf8' });
    assert.equal(run.stdout, 'A\nB\n');
  });

  it('substitutes placeholders per argument in custom agents, command and env included', () => {
    const launch = buildLaunch(
      'mine',
      { ...input, workspaceFolder: '/ws' },
      config({
        mine: {
          command: '${workspaceFolder}/bin/agent',
          args: ['--task=${taskId}', '--in', '${cwd}', '${prompt}'],
          env: { PROMPT_COPY: '${prompt}' },
        },
      }),
      { baseEnv: {} },
    );
    assert.equal(launch.command, '/ws/bin/agent');
    assert.deepEqual(launch.args, ['--task=t0000000000a', '--in', '/work/project', input.prompt]);
    assert.equal(launch.env.PROMPT_COPY, input.prompt);
    assert.equal(launch.outputFormat, 'text');
  });

  it('lets a dispatch.agents entry override a built-in but keeps its parsing and env clean-up', () => {
    const launch = buildLaunch(
      'claude',
      input,
      config({ claude: { command: '/opt/claude', args: ['-p', '${prompt}'], env: {} } }),
      {
        baseEnv: { CLAUDECODE: '1' },
      },
    );
    assert.equal(launch.command, '/opt/claude');
    assert.equal(launch.outputFormat, 'claude-stream-json');
    assert.equal(launch.env.CLAUDECODE, undefined);
  });

  it('keeps a built-in whole when its entry only sets maxWorkers, and refuses a custom agent without a command', () => {
    const { config: parsed, problems } = parseConfig({
      agents: { claude: { maxWorkers: 2 }, mine: { maxWorkers: 1 } },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(agentCaps(parsed), { claude: 2, mine: 1 });
    const launch = buildLaunch('claude', input, parsed);
    assert.equal(launch.command, BUILTIN_AGENTS.claude!.command);
    assert.equal(launch.outputFormat, 'claude-stream-json');
    assert.throws(
      () => buildLaunch('mine', input, parsed),
      (err) =>
        isDispatchError(err, 'invalid-input') && /dispatch.agents.mine has no "command"/.test(err.message),
    );
  });

  it('refuses unknown agents, listing the known ones', () => {
    assert.throws(
      () => buildLaunch('clod', input, config({ mine: { command: 'x', args: ['${prompt}'], env: {} } })),
      (err) =>
        isDispatchError(err, 'agent-unavailable') &&
        /known agents: claude, codex, gemini, mine, shell/.test(err.message),
    );
    assert.deepEqual(knownAgentNames(config()), ['claude', 'codex', 'gemini', 'shell']);
  });

  it('refuses bad templates with the agent and the field', () => {
    const bad = (args: string[]) => () =>
      buildLaunch('mine', input, config({ mine: { command: 'x', args, env: {} } }));
    assert.throws(
      bad(['${promt}']),
      (err) =>
        isDispatchError(err, 'invalid-input') &&
        /mine: unknown placeholder \$\{promt\} in args\[0\]/.test(err.message),
    );
    assert.throws(
      bad(['${prompt}', '${cwd']),
      (err) => isDispatchError(err, 'invalid-input') && /without its closing/.test(err.message),
    );
    assert.throws(
      bad(['--no-prompt']),
      (err) => isDispatchError(err, 'invalid-input') && /never passes the prompt/.test(err.message),
    );
  });

  it('does not rescan the prompt: a prompt may contain ${...} text', () => {
    const launch = buildLaunch('codex', { ...input, prompt: 'echo ${HOME} ${taskId' }, config(), {
      baseEnv: {},
    });
    assert.equal(launch.args[3], 'echo ${HOME} ${taskId');
  });
});
