import assert from 'node:assert/strict';
import type { Task } from '../../../../src/core/task';
import { GATHER_MAX_MS, type GatherView, PauseGather } from '../../../../src/extension/notices/pauseGather';

const task = (id: string, agent: string, state: Task['state']): Task => ({ id, agent, state }) as Task;

/** The shared state as a window reads it: tasks by id, running counts, what it follows. */
function world(tasks: Task[], running: Record<string, number> = {}) {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const view: GatherView = {
    task: (id) => byId.get(id),
    running: (agent) => running[agent] ?? 0,
    followed: () => byId.keys(),
  };
  return {
    view,
    set(id: string, state: Task['state']) {
      byId.set(id, { ...byId.get(id)!, state });
    },
    running,
  };
}

const ids = (tasks: Task[]) => tasks.map((t) => t.id);

describe('extension/notices/pauseGather', () => {
  it('waits while the agent still runs tasks, then tells the ones that paused together once', () => {
    const w = world(
      [
        task('a', 'claude', 'paused'),
        task('b', 'claude', 'running'),
        task('c', 'claude', 'queued'),
        task('d', 'codex', 'queued'),
      ],
      { claude: 1 },
    );
    const gather = new PauseGather();
    gather.add(w.view.task('a')!, 0);
    assert.deepEqual(gather.due(w.view, 100), [], 'b still runs: it meets the same limit');
    assert.equal(gather.deadline(), GATHER_MAX_MS);
    w.set('b', 'paused');
    w.running.claude = 0;
    gather.add(w.view.task('b')!, 200);
    const [group, ...more] = gather.due(w.view, 300);
    assert.equal(more.length, 0);
    assert.equal(group!.agent, 'claude');
    assert.deepEqual(ids(group!.paused), ['a', 'b']);
    // Queued behind claude's pause: it waits too. Codex's queued task is not claude's.
    assert.deepEqual(ids(group!.queued), ['c']);
    assert.deepEqual(gather.due(w.view, 400), [], 'told once');
    assert.equal(gather.deadline(), undefined);
  });

  it('tells a batch at the deadline though a task of its agent keeps running', () => {
    const w = world([task('a', 'claude', 'paused'), task('b', 'claude', 'running')], { claude: 1 });
    const gather = new PauseGather();
    gather.add(w.view.task('a')!, 1000);
    assert.deepEqual(gather.due(w.view, 1000 + GATHER_MAX_MS - 1), []);
    const [group] = gather.due(w.view, 1000 + GATHER_MAX_MS);
    assert.deepEqual(ids(group!.paused), ['a']);
    // b meets the limit after its batch was told: a batch of its own, since no message counted it.
    w.set('b', 'paused');
    w.running.claude = 0;
    gather.add(w.view.task('b')!, 20_000);
    assert.deepEqual(ids(gather.due(w.view, 20_001)[0]!.paused), ['b']);
  });

  it('keeps agents apart, counts a task once, and drops a batch resumed or cancelled meanwhile', () => {
    const w = world([task('a', 'claude', 'paused'), task('x', 'codex', 'paused')], { claude: 1 });
    const gather = new PauseGather();
    gather.add(w.view.task('a')!, 0);
    gather.add(w.view.task('a')!, 1);
    gather.add(w.view.task('x')!, 2);
    const [codex, ...rest] = gather.due(w.view, 3);
    assert.equal(rest.length, 0, 'claude still runs a task');
    assert.equal(codex!.agent, 'codex');
    w.set('a', 'queued'); // resumed by hand before its batch was told
    w.running.claude = 0;
    assert.deepEqual(gather.due(w.view, 4), []);
    assert.equal(gather.deadline(), undefined);
  });
});
