import assert from 'node:assert/strict';
import type { Task } from '../../../../src/core/task';
import type { TaskState } from '../../../../src/core/taskState';
import { runAfterCandidates, runAfterItems } from '../../../../src/extension/delegate/runAfterItems';

const task = (id: string, state: TaskState, createdAt: number): Task =>
  ({ id, state, createdAt, title: `title ${id}`, agent: 'fake' }) as Task;

describe('extension/delegate/runAfterItems', () => {
  it('lists unfinished tasks (running, queued, blocked) before completed ones, newest first in each', () => {
    const items = runAfterItems([
      task('c-old', 'completed', 1),
      task('q-old', 'queued', 2),
      task('b', 'blocked', 3),
      task('r', 'running', 4),
      task('q-new', 'queued', 5),
      task('c-new', 'completed', 6),
    ]);
    assert.deepEqual(
      items.map((i) => i.taskId ?? `-- ${i.label}`),
      ['-- not finished', 'r', 'q-new', 'q-old', 'b', '-- completed', 'c-new', 'c-old'],
    );
    assert.equal(items[1]!.label, 'title r');
    assert.equal(items[1]!.description, 'Running · fake · r');
  });

  it('leaves out failed and cancelled tasks: waiting for one would cancel the new task at once', () => {
    const items = runAfterItems([task('f', 'failed', 1), task('x', 'cancelled', 2)]);
    assert.deepEqual(items, []);
  });

  it('has no empty section', () => {
    const items = runAfterItems([task('c', 'completed', 1)]);
    assert.deepEqual(
      items.map((i) => i.label),
      ['completed', 'title c'],
    );
  });

  it('asks the store for every unfinished task and a page of completed ones', () => {
    const asked: string[] = [];
    const found = runAfterCandidates((filter) => {
      asked.push(`${filter.states.join('+')}:${filter.limit}`);
      return [task(filter.states[0]!, filter.states[0]!, 1)];
    });
    assert.deepEqual(asked, ['running+paused+queued+blocked:200', 'completed:50']);
    assert.deepEqual(
      found.map((t) => t.id),
      ['running', 'completed'],
    );
  });
});
