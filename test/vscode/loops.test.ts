// Loops through the real extension's commands and views: Start Loop with an argument (the wizard
// itself is driven in the ui tier), the Tasks view's Loops group with each loop's iterations, and
// Cancel Loop on a running loop's row.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LoopEntry } from '../../src/core/loop';
import type { DispatchTestApi } from '../../src/extension/testApi';
import type { TasksViewNode } from '../../src/extension/views/tasksView';
import { waitFor } from '../support/cli';
import { cancelAll, configure, dispatchApi, engineOf, TEST_SETTINGS } from '../support/dispatchApi';

const startLoop = (input: Record<string, unknown>) =>
  vscode.commands.executeCommand<LoopEntry | undefined>('dispatch.startLoop', input);

describe('loops', function () {
  this.timeout(60_000);
  let api: DispatchTestApi;
  let folder: string;
  const started: LoopEntry[] = [];

  before(async () => {
    api = await dispatchApi();
    await configure(api, TEST_SETTINGS);
    folder = mkdtempSync(path.join(tmpdir(), 'dispatch-loops-'));
  });

  after(async () => {
    const engine = await engineOf(api);
    for (const { loop } of started)
      if (engine.loops.get(loop.id).loop.state === 'running') await engine.loops.cancel(loop.id);
    await cancelAll(api);
    // Their tasks go, and the loops with them: the other suites see the Tasks view they expect.
    const ids = started.flatMap(({ loop }) => engine.loops.get(loop.id).iterations.map((i) => i.taskId));
    await engine.clearFinished(ids);
    rmSync(folder, { recursive: true, force: true });
  });

  const view = () => api.views.tasks;
  const item = (node: TasksViewNode) => view().getTreeItem(node) as vscode.TreeItem;
  const loopRow = (id: string) => {
    const group = (view().getChildren() as TasksViewNode[]).find((n) => item(n).label === 'Loops');
    return group && (view().getChildren(group) as TasksViewNode[]).find((n) => item(n).id === `loop:${id}`);
  };

  it('Start Loop queues the first iteration; the Loops group shows the loop and its iterations', async () => {
    const entry = await startLoop({
      prompt: 'echo x >> work.txt',
      agent: 'shell',
      cwd: folder,
      until: 'echo "$(wc -l < work.txt) lines"; test $(wc -l < work.txt) -ge 2',
      maxIterations: 3,
      title: 'Two lines',
    });
    assert.ok(entry, 'Start Loop returned the loop');
    started.push(entry);
    assert.deepEqual(
      [entry.loop.state, entry.loop.maxIterations, entry.iterations.length],
      ['running', 3, 1],
    );
    const done = await waitFor('the loop to succeed', () => {
      const node = loopRow(entry.loop.id);
      return node && item(node).description === 'succeeded · 2 iterations' && node;
    });
    const shown = item(done);
    assert.deepEqual([shown.label, shown.contextValue], ['Two lines', 'loop.succeeded']);
    const iterations = view().getChildren(done) as TasksViewNode[];
    assert.deepEqual(
      iterations.map((n) => [item(n).label, item(n).description, item(n).command?.arguments]),
      (await engineOf(api)).loops
        .get(entry.loop.id)
        .iterations.map((i, n) => [
          `Iteration ${n + 1}`,
          n === 0 ? 'completed · check exit 1' : 'completed · check exit 0 · passed',
          [i.taskId],
        ]),
    );
    assert.equal(view().getParent(iterations[0]!), done);
  });

  it('Cancel Loop on a running loop stops its iteration and ends it cancelled', async () => {
    const entry = await startLoop({
      prompt: 'sleep 30',
      agent: 'shell',
      cwd: folder,
      until: 'false',
      title: 'Sleeper',
    });
    assert.ok(entry);
    started.push(entry);
    const running = await waitFor('the loop row', () => {
      const node = loopRow(entry.loop.id);
      return node && item(node).contextValue === 'loop.running' && node;
    });
    assert.match(String(item(running).description), /^shell · iteration 1\/5$/);
    const cancelled = await vscode.commands.executeCommand<LoopEntry>('dispatch.cancelLoop', running);
    assert.deepEqual([cancelled.loop.state, cancelled.loop.reason], ['cancelled', 'cancelled by user']);
    const engine = await engineOf(api);
    await waitFor(
      'the iteration to be cancelled',
      () => engine.resolve(entry.iterations[0]!.taskId).state === 'cancelled',
    );
    await waitFor('the row to say so', () => {
      const node = loopRow(entry.loop.id);
      return node && item(node).contextValue === 'loop.cancelled';
    });
  });
});
