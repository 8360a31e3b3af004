import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  agentDefinitionSchema,
  CONFIG_KEYS,
  configFields,
  defaultConfig,
  parseConfig,
  settingsToRaw,
} from '../../../src/core/config';

const repoRoot = path.resolve(__dirname, '../../../..');

describe('core/config', () => {
  it('gives the documented defaults', () => {
    const config = defaultConfig();
    assert.equal(config.maxWorkers, 4);
    assert.equal(config.outputFlushIntervalMs, 1000);
    assert.equal(config.maxOutputMB, 50);
    assert.equal(config.killGraceMs, 5000);
    assert.equal(config.taskTimeoutMinutes, 0);
    assert.equal(config.retentionDays, 30);
    assert.equal(config.notifications, 'all');
    assert.deepEqual(config.agents, {});
  });

  it('replaces each invalid value by its default and says so, keeping the valid ones', () => {
    const { config, problems } = parseConfig({ maxWorkers: 0, killGraceMs: 250, notifications: 'loud' });
    assert.equal(config.maxWorkers, 4);
    assert.equal(config.killGraceMs, 250);
    assert.equal(config.notifications, 'all');
    assert.deepEqual(
      problems.map((p) => p.key),
      ['dispatch.maxWorkers', 'dispatch.notifications'],
    );
    assert.match(problems[0]!.message, /dispatch\.maxWorkers: .*using the default 4/);
  });

  it('reads custom agents, and entries that only configure a built-in', () => {
    const { config, problems } = parseConfig({
      agents: {
        echo: { command: 'echo' },
        claude: { model: 'opus' },
        mine: { command: 'x', autonomyArgs: { full: ['--yes'] }, modelArgs: ['-m', '${model}'] },
      },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(config.agents.echo, { command: 'echo', env: {} });
    assert.deepEqual(config.agents.claude, { env: {}, model: 'opus' });
    assert.deepEqual(config.agents.mine?.autonomyArgs, { full: ['--yes'] });
  });

  it('takes an autonomy level, edit by default', () => {
    assert.equal(defaultConfig().autonomy, 'edit');
    assert.equal(parseConfig({ autonomy: 'full' }).config.autonomy, 'full');
    const { config, problems } = parseConfig({
      autonomy: 'yolo',
      agents: { x: { command: 'x', autonomyArgs: { all: [] } } },
    });
    assert.equal(config.autonomy, 'edit');
    assert.deepEqual(
      problems.map((p) => p.key),
      ['dispatch.autonomy', 'dispatch.agents'],
      'an unknown level in autonomyArgs is refused too',
    );
  });

  it('rejects a malformed agent with the path of the bad field', () => {
    const { problems } = parseConfig({ agents: { bad: { command: '', args: 'x' } } });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /dispatch\.agents/);
  });

  it('picks dispatch.* keys from a settings file in flat or nested form', () => {
    assert.deepEqual(settingsToRaw({ 'dispatch.maxWorkers': 2, 'editor.fontSize': 12 }), { maxWorkers: 2 });
    assert.deepEqual(settingsToRaw({ dispatch: { maxWorkers: 3 } }), { maxWorkers: 3 });
  });

  it('reads the worktree settings flat or nested, with their defaults', () => {
    const defaults = defaultConfig();
    assert.equal(defaults['worktree.mode'], 'off');
    assert.deepEqual(defaults['worktree.copyFiles'], ['.env', '.env.*']);
    const flat = parseConfig(
      settingsToRaw({ 'dispatch.worktree.mode': 'on', 'dispatch.worktree.root': '../wt' }),
    );
    assert.deepEqual([flat.config['worktree.mode'], flat.config['worktree.root']], ['on', '../wt']);
    const nested = parseConfig(
      settingsToRaw({ dispatch: { worktree: { setupCommand: 'npm ci', copyFiles: [] } } }),
    );
    assert.deepEqual(nested.problems, []);
    assert.equal(nested.config['worktree.setupCommand'], 'npm ci');
    assert.deepEqual(nested.config['worktree.copyFiles'], []);
    const bad = parseConfig({ 'worktree.mode': 'always' });
    assert.equal(bad.config['worktree.mode'], 'off');
    assert.match(bad.problems[0]!.message, /dispatch\.worktree\.mode/);
  });

  it('takes a limitPattern that is a regular expression, and refuses one that is not', () => {
    const { config, problems } = parseConfig({
      agents: { mine: { command: 'x', limitPattern: 'resets at (?<reset>\\d+)' } },
      'usageLimit.maxResumes': 5,
      'usageLimit.autoResume': false,
    });
    assert.deepEqual(problems, []);
    assert.equal(config.agents.mine?.limitPattern, 'resets at (?<reset>\\d+)');
    assert.deepEqual([config['usageLimit.maxResumes'], config['usageLimit.autoResume']], [5, false]);
    const bad = parseConfig({ agents: { mine: { command: 'x', limitPattern: 'resets (at' } } });
    assert.equal(bad.problems.length, 1);
    assert.match(
      bad.problems[0]!.message,
      /^dispatch\.agents: limitPattern is not a regular expression: .*Unterminated group \(at mine\.limitPattern\)/,
    );
    assert.deepEqual(bad.config.agents, {}, 'the whole setting falls back, as for any invalid entry');
    const nested = settingsToRaw({ dispatch: { usageLimit: { maxResumes: 1 } } });
    assert.equal(parseConfig(nested).config['usageLimit.maxResumes'], 1);
  });

  it("declares the same dispatch.agents entry fields as the schema's", () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const declared = Object.keys(
      pkg.contributes.configuration.properties['dispatch.agents'].additionalProperties.properties,
    );
    assert.deepEqual(declared.sort(), Object.keys(agentDefinitionSchema.shape).sort());
  });

  it('reads the daily budget flat or nested: 0 (none) by default, never negative', () => {
    assert.equal(defaultConfig()['budget.dailyUsd'], 0);
    assert.equal(parseConfig(settingsToRaw({ 'dispatch.budget.dailyUsd': 5 })).config['budget.dailyUsd'], 5);
    assert.equal(
      parseConfig(settingsToRaw({ dispatch: { budget: { dailyUsd: 2.5 } } })).config['budget.dailyUsd'],
      2.5,
    );
    const bad = parseConfig({ 'budget.dailyUsd': -1 });
    assert.equal(bad.config['budget.dailyUsd'], 0);
    assert.match(bad.problems[0]!.message, /dispatch\.budget\.dailyUsd/);
  });

  it('agrees with package.json contributes.configuration (defaults and bounds)', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const props: Record<string, { default: unknown; minimum?: number; maximum?: number }> =
      pkg.contributes.configuration.properties;
    for (const [name, prop] of Object.entries(props)) {
      const key = name.replace(/^dispatch\./, '') as (typeof CONFIG_KEYS)[number];
      assert.ok(CONFIG_KEYS.includes(key), `${name} is in package.json but not in the schema`);
      assert.deepEqual(prop.default, configFields[key].default, `${name} default`);
      const schema = configFields[key].schema;
      if (prop.minimum !== undefined) {
        assert.ok(schema.safeParse(prop.minimum).success, `${name} minimum accepted`);
        assert.equal(schema.safeParse(prop.minimum - 1).success, false, `${name} below minimum refused`);
      }
      if (prop.maximum !== undefined) {
        assert.ok(schema.safeParse(prop.maximum).success, `${name} maximum accepted`);
        assert.equal(schema.safeParse(prop.maximum + 1).success, false, `${name} above maximum refused`);
      }
    }
  });
});
