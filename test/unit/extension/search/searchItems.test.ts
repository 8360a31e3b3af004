import assert from 'node:assert/strict';
import type { Task } from '../../../../src/core/task';
import { findText, searchItem } from '../../../../src/extension/search/searchItems';

describe('extension/search/searchItems', () => {
  it('finds the query as typed where the matching line holds it, else its first word there', () => {
    assert.equal(findText('  failing   test ', 'The failing TEST in src/app.ts'), 'failing test');
    assert.equal(findText('test failing', 'The failing TEST in src/app.ts'), 'test');
    assert.equal(findText('lock timeout', 'waits for the Lock'), 'lock');
    assert.equal(findText('lock timeout', 'the title held them'), 'lock', 'no word in the line: the first');
  });

  it('shows the title, state, agent and id, and where the match is', () => {
    const task = { id: 'k3j9x2m4q7z1', title: 'Fix the lock', state: 'completed', agent: 'claude' } as Task;
    assert.deepEqual(
      searchItem({ task, where: 'output', line: 'the lock timed out', lineNumber: 42 }, 'lock out'),
      {
        label: 'Fix the lock',
        description: 'Completed · claude · k3j9x2m4q7z1',
        detail: 'line 42: the lock timed out',
        taskId: 'k3j9x2m4q7z1',
        find: 'lock',
      },
    );
    assert.equal(
      searchItem({ task, where: 'prompt', line: 'fix the lock' }, 'lock').detail,
      'prompt: fix the lock',
    );
  });
});
