import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../../../src/core/config';
import { checkAvailability, resolveExecutable } from '../../../../src/engine/agents';

describe('engine/agents/availability', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-avail-'));
    mkdirSync(path.join(dir, 'bin'));
    writeFileSync(path.join(dir, 'bin', 'claude'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'bin', 'claude'), 0o755);
    writeFileSync(path.join(dir, 'bin', 'codex'), 'not executable');
    mkdirSync(path.join(dir, 'bin', 'gemini'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const env = () => ({ env: { PATH: `/nonexistent${path.delimiter}${path.join(dir, 'bin')}` } });

  it('finds an executable on PATH', () => {
    assert.deepEqual(checkAvailability('claude', defaultConfig(), env()), {
      available: true,
      path: path.join(dir, 'bin', 'claude'),
    });
  });

  it('says in one line how to install a missing built-in, without listing PATH', () => {
    const claude = checkAvailability('claude', defaultConfig(), { env: { PATH: '/nonexistent' } });
    assert.deepEqual(claude, {
      available: false,
      why: 'claude is not installed (not found on PATH) — install it with `npm install -g @anthropic-ai/claude-code`',
      install: 'npm install -g @anthropic-ai/claude-code',
    });
    const codex = checkAvailability('codex', defaultConfig(), env());
    assert.equal(codex.available, false);
    assert.match(
      codex.why!,
      /^codex is not installed \(not found on PATH\) — install it with `npm install -g @openai\/codex`$/,
    );
    assert.equal(
      checkAvailability('gemini', defaultConfig(), env()).available,
      false,
      'a folder is not a program',
    );
    assert.match(
      checkAvailability('nope', defaultConfig(), env()).why!,
      /unknown agent "nope"; known agents: claude/,
    );
  });

  it('checks a built-in configured only by its model as the built-in; a custom agent needs a command', () => {
    const config = {
      ...defaultConfig(),
      agents: { codex: { model: 'gpt-5.5', env: {} }, mine: { env: {} } },
    };
    assert.match(checkAvailability('codex', config, env()).why!, /npm install -g @openai\/codex/);
    assert.equal(
      checkAvailability('mine', config, env()).why,
      'dispatch.agents.mine has no "command": give it the program to run',
    );
  });

  it('checks custom agents by their command, paths relative to a folder', () => {
    const config = {
      ...defaultConfig(),
      agents: { mine: { command: path.join(dir, 'bin', 'codex'), args: ['${prompt}'], env: {} } },
    };
    assert.match(
      checkAvailability('mine', config, env()).why!,
      /^mine cannot run: \/.*codex is not executable \(chmod \+x it\) — fix dispatch\.agents\.mine\.command$/,
    );
    const relative = { ...defaultConfig(), agents: { mine: { command: './bin/claude', args: [], env: {} } } };
    assert.equal(
      checkAvailability('mine', relative, { cwd: dir }).available,
      true,
      'relative to the task folder',
    );
    assert.equal(checkAvailability('mine', relative, { cwd: tmpdir() }).available, false);
    assert.deepEqual(resolveExecutable('./bin/claude', { env: {}, cwd: dir }), {
      path: path.join(dir, 'bin', 'claude'),
    });
    assert.match(
      (resolveExecutable('./bin/none', { env: {}, cwd: dir }) as { problem: string }).problem,
      /does not exist/,
    );
  });

  it('resolves the shell agent to the user shell', () => {
    assert.deepEqual(checkAvailability('shell', defaultConfig(), { env: { SHELL: '/bin/sh' } }), {
      available: true,
      path: '/bin/sh',
    });
  });
});
