// The extension inside a real VS Code extension host: it activates, and everything its manifest
// promises (commands, views, settings) is really there.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ViewIds } from '../../src/extension/commandIds';

const EXTENSION_ID = 'agent-dispatch.agent-dispatch';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, { default: unknown }> };
  };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext;
}

/** Read from disk rather than ext.packageJSON: the test checks the file we ship. */
function manifest(): Manifest {
  return JSON.parse(readFileSync(path.join(extension().extensionPath, 'package.json'), 'utf8'));
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return condition();
}

describe('extension', () => {
  it('activates by itself after start-up (onStartupFinished)', async () => {
    assert.ok(await until(() => extension().isActive, 20_000), 'not active 20 s after the tests started');
  });

  it('activates without error', async () => {
    await extension().activate();
    assert.equal(extension().isActive, true);
  });

  it('registers every command of contributes.commands', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const declared = manifest().contributes.commands.map((c) => c.command);
    assert.ok(declared.length > 0);
    assert.deepEqual(
      declared.filter((id) => !registered.has(id)),
      [],
    );
  });

  it('declares every dispatch.* command it registers', async () => {
    const m = manifest();
    const declared = new Set(m.contributes.commands.map((c) => c.command));
    const viewIds = Object.values(m.contributes.views).flatMap((views) => views.map((v) => v.id));
    // VS Code itself registers `<viewId>.focus` and friends for each contributed view.
    const isViewCommand = (id: string) => viewIds.some((view) => id.startsWith(`${view}.`));
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('dispatch.'));
    assert.deepEqual(
      registered.filter((id) => !declared.has(id) && !isViewCommand(id)),
      [],
    );
  });

  it('runs dispatch.showLogs', async () => {
    await vscode.commands.executeCommand('dispatch.showLogs');
  });

  it('has settings defaults that match package.json', () => {
    const config = vscode.workspace.getConfiguration('dispatch');
    for (const [key, schema] of Object.entries(manifest().contributes.configuration.properties)) {
      const name = key.replace(/^dispatch\./, '');
      assert.deepEqual(config.inspect(name)?.defaultValue, schema.default, key);
    }
  });
});

describe('views', () => {
  it('opens the Dispatch container', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dispatch');
  });

  for (const view of Object.values(ViewIds)) {
    it(`focuses ${view}`, async () => {
      // `<id>.focus` exists only for a view the workbench knows; an unknown command rejects.
      await vscode.commands.executeCommand(`${view}.focus`);
    });
  }
});
