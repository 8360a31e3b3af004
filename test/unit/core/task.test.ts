import assert from 'node:assert/strict';
import { isPriority, titleFromPrompt } from '../../../src/core/task';

describe('core/task', () => {
  it('titles a task by the first non-empty line of its prompt', () => {
    assert.equal(titleFromPrompt('\n\n  Fix the   login bug \nmore detail'), 'Fix the login bug');
  });

  it('cuts long titles with an ellipsis', () => {
    const title = titleFromPrompt('x'.repeat(200));
    assert.equal(title.length, 80);
    assert.ok(title.endsWith('…'));
  });

  it('knows the three priorities', () => {
    assert.ok(isPriority('P0'));
    assert.ok(isPriority('P2'));
    assert.equal(isPriority('P3'), false);
  });
});
