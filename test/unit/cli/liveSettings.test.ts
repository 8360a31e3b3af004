import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { watchWorkspaceSettings } from '../../../src/cli/liveSettings';
import type { DispatchConfig } from '../../../src/core/config';
import { makeWorkspace, waitFor } from '../../support/cli';

describe('cli/liveSettings', function () {
  this.timeout(30_000);

  it('re-reads the settings file when it changes, and keeps the last good settings when it breaks', async () => {
    const workspace = makeWorkspace({ 'dispatch.budget.dailyUsd': 1 });
    const file = path.join(workspace, '.vscode', 'settings.json');
    const read: DispatchConfig[] = [];
    const warnings: string[] = [];
    const watch = watchWorkspaceSettings(workspace, (config) => read.push(config), {
      info: () => {},
      warn: (m) => warnings.push(m),
      error: (m) => warnings.push(m),
    });
    try {
      writeFileSync(file, JSON.stringify({ 'dispatch.budget.dailyUsd': 2.5, 'dispatch.maxWorkers': 0 }));
      await waitFor('the change to be read', () => read.length === 1);
      assert.equal(read[0]!['budget.dailyUsd'], 2.5);
      assert.match(warnings[0] ?? '', /settings\.json: dispatch\.maxWorkers: .*using the default 4/);

      writeFileSync(file, '{ "dispatch.budget.dailyUsd": ');
      await waitFor('the broken file to be reported', () => warnings.length === 2);
      assert.match(warnings[1]!, /settings\.json:1:\d+: .*; keeping the settings read before$/);
      assert.equal(read.length, 1);
    } finally {
      watch.dispose();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
