import assert from 'node:assert/strict';
import { isPriority, retryTitle, shortTitle, titleFromPrompt } from '../../../src/core/task';

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

  it('numbers retries in the title, so a retry is told apart from the run it repeats', () => {
    assert.equal(retryTitle('Fix the build'), 'Fix the build (retry 1)');
    assert.equal(retryTitle('Fix the build (retry 1)'), 'Fix the build (retry 2)');
    assert.equal(retryTitle(retryTitle(retryTitle('x'))), 'x (retry 3)');
  });

  it('cuts a long title for a tab and keeps its retry number', () => {
    assert.equal(shortTitle('short', 40), 'short');
    const long = `${'a'.repeat(60)} (retry 2)`;
    const cut = shortTitle(long, 40);
    assert.equal(cut.length, 40);
    assert.ok(cut.endsWith('… (retry 2)'), cut);
    assert.equal(shortTitle('b'.repeat(50), 40), `${'b'.repeat(39)}…`);
  });
});
