// The extension inside a real VS Code extension host: it activates, and everything its manifest
// promises (commands, views, settings) is really there.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ViewIds } from '../../src/extension/commandIds';
import { waitFor } from '../support/cli';
import { logEditor, showLog } from '../support/dispatchApi';

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

describe('extension', () => {
  it('activates by itself after start-up (onStartupFinished)', async () => {
    await waitFor('the extension to activate', () => extension().isActive);
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

  it('shows the "Agent Dispatch" log with Show Logs', async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await waitFor('the Output panel to close', () => !logEditor());
    assert.match(await showLog(), /\[info\] Agent Dispatch [\d.]+ activated in/);
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
  it('contributes the Dispatch container with the views the extension provides, known to the workbench', async () => {
    const m = manifest() as Manifest & {
      contributes: { viewsContainers: { activitybar: { id: string }[] } };
    };
    assert.ok(m.contributes.viewsContainers.activitybar.some((c) => c.id === 'dispatch'));
    assert.deepEqual(
      (m.contributes.views.dispatch ?? []).map((v) => v.id),
      Object.values(ViewIds),
    );
    // The workbench makes these commands only for a container and views it has loaded; whether
    // each view really shows is checked in the ui tier, where the side bar can be seen.
    const registered = new Set(await vscode.commands.getCommands(true));
    const expected = [
      'workbench.view.extension.dispatch',
      ...Object.values(ViewIds).map((id) => `${id}.focus`),
    ];
    assert.deepEqual(
      expected.filter((id) => !registered.has(id)),
      [],
    );
  });
});
