import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadWorkspaceSettings } from '../../../src/cli/settings';
import { isDispatchError } from '../../../src/core/errors';

describe('cli/settings', () => {
  let workspace: string;

  beforeEach(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'dispatch-settings-'));
    mkdirSync(path.join(workspace, '.vscode'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  const write = (text: string) => writeFileSync(path.join(workspace, '.vscode', 'settings.json'), text);

  it('uses the defaults when there is no settings file', () => {
    rmSync(path.join(workspace, '.vscode'), { recursive: true });
    const { config, problems } = loadWorkspaceSettings(workspace);
    assert.equal(config.maxWorkers, 4);
    assert.deepEqual(problems, []);
  });

  it('reads JSON with comments and trailing commas, like VS Code', () => {
    write(`{
      // two at a time
      "dispatch.maxWorkers": 2,
      "dispatch.agents": { "echo": { "command": "echo", "args": ["\${prompt}"] } },
    }`);
    const { config } = loadWorkspaceSettings(workspace);
    assert.equal(config.maxWorkers, 2);
    assert.equal(config.agents.echo?.command, 'echo');
  });

  it('reports an invalid value and keeps the default for it', () => {
    write('{ "dispatch.maxWorkers": "many" }');
    const { config, problems } = loadWorkspaceSettings(workspace);
    assert.equal(config.maxWorkers, 4);
    assert.equal(problems[0]?.key, 'dispatch.maxWorkers');
  });

  it('refuses a malformed file with its path, line and column', () => {
    write('{\n  "dispatch.maxWorkers": 2\n  "dispatch.defaultAgent": "shell"\n}');
    assert.throws(
      () => loadWorkspaceSettings(workspace),
      (err) =>
        isDispatchError(err, 'invalid-config') && /settings\.json:3:3: CommaExpected/.test(err.message),
    );
  });
});
