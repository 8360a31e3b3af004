/**
 * The real extension, as the vscode tier drives it: its test API (what activate() returns under
 * tests), `dispatch.*` workspace settings with the fake agent configured, and clean-up of the
 * tasks a test left running.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseConfig } from '../../src/core/config';
import type { Engine } from '../../src/engine/engine';
import type { DispatchTestApi } from '../../src/extension/testApi';
import { ANY_LEVEL, fakeAgent, waitFor } from './cli';

export const EXTENSION_ID = 'agent-dispatch.agent-dispatch';

/** Settings for fast, deterministic runs: the fake agent, quick flushes and kills, no memory gate. */
export const TEST_SETTINGS: Record<string, unknown> = {
  agents: {
    fake: {
      command: process.execPath,
      args: [fakeAgent('fake-agent.js'), '${prompt}'],
      autonomyArgs: ANY_LEVEL,
    },
  },
  defaultAgent: 'fake',
  outputFlushIntervalMs: 100,
  killGraceMs: 300,
  memoryReserveMB: 0,
  maxWorkers: 4,
  notifications: 'none',
};

export async function dispatchApi(): Promise<DispatchTestApi> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = (await extension.activate()) as DispatchTestApi | undefined;
  assert.ok(api, 'activate() returned no test API: is the extension running in test mode?');
  return api;
}

/** Sets `dispatch.*` settings in the workspace and waits until the extension has read them. */
export async function configure(api: DispatchTestApi, settings: Record<string, unknown>): Promise<void> {
  const section = vscode.workspace.getConfiguration('dispatch');
  for (const [key, value] of Object.entries(settings)) {
    await section.update(key, value, vscode.ConfigurationTarget.Workspace);
  }
  // As the extension reads them: parsed, with defaults filled in (an invalid value reads as its default).
  const { config: expected } = parseConfig(settings);
  const keys = Object.keys(settings) as (keyof typeof expected)[];
  await waitFor(
    'the settings to apply',
    () => keys.every((key) => JSON.stringify(api.settings.current[key]) === JSON.stringify(expected[key])),
    5000,
  );
}

export async function engineOf(api: DispatchTestApi): Promise<Engine> {
  return api.host.require();
}

/** Cancels whatever a test left queued or running, and waits until nothing runs. */
export async function cancelAll(api: DispatchTestApi): Promise<void> {
  const engine = await engineOf(api);
  for (const task of engine.list({ states: ['queued', 'blocked', 'running'] })) await engine.cancel(task.id);
  await waitFor(
    'every task to end',
    () => engine.list({ states: ['queued', 'blocked', 'running'] }).length === 0,
    15_000,
  );
}

/** Waits until the task is in `state` and returns it. */
export function taskIn(api: DispatchTestApi, id: string, state: string, timeoutMs = 20_000) {
  return waitFor(
    `task ${id} to be ${state}`,
    () => {
      const task = api.host.engine?.resolve(id);
      return task?.state === state ? task : undefined;
    },
    timeoutMs,
  );
}

/** The Output panel's editor while it shows the extension's "Agent Dispatch" log channel. */
export function logEditor(): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find(
    (e) => e.document.uri.scheme === 'output' && e.document.uri.path.includes('Agent Dispatch'),
  );
}

/** Runs Dispatch: Show Logs and returns the log's text as the Output panel shows it. */
export async function showLog(): Promise<string> {
  await vscode.commands.executeCommand('dispatch.showLogs');
  // The Output panel shows the channel's editor before it has read the log file into it.
  const editor = await waitFor('the log in the Output panel', () => {
    const shown = logEditor();
    return shown && shown.document.getText().length > 0 ? shown : undefined;
  });
  return editor.document.getText();
}
