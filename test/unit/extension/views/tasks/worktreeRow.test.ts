import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Review } from '../../../../../src/extension/model/worktreeReviews';
import { worktreeContext, worktreeDescription } from '../../../../../src/extension/views/tasks/worktreeRow';
import { repoRoot } from '../../../../support/cli';

const changes = (files: number, applied: boolean): Review => ({
  kind: 'changes',
  files: [],
  summary: { files, insertions: 1, deletions: 0 },
  applied,
});

describe('extension/views/tasks/worktreeRow', () => {
  it('puts what is left to review first in the description', () => {
    const rest = 'claude · edit · 1m 05s · 14:03';
    assert.equal(worktreeDescription(changes(3, false), rest), `3 files changed · ${rest}`);
    assert.equal(worktreeDescription(changes(1, false), rest), `1 file changed · ${rest}`);
    assert.equal(worktreeDescription(changes(3, true), rest), `applied · ${rest}`);
    assert.equal(worktreeDescription({ kind: 'none' }, rest), `no changes · ${rest}`);
    assert.equal(worktreeDescription({ kind: 'discarded' }, rest), `discarded · ${rest}`);
    assert.equal(
      worktreeDescription({ kind: 'unreadable', message: 'x' }, rest),
      `changes unreadable · ${rest}`,
    );
    for (const quiet of [undefined, { kind: 'reading' }, { kind: 'missing' }, { kind: 'untrusted' }] as const)
      assert.equal(worktreeDescription(quiet, rest), rest);
  });

  it('flags the worktree while it is there, and whether its changes were applied', () => {
    assert.equal(worktreeContext(changes(2, false)), '.worktree.unapplied');
    assert.equal(worktreeContext(changes(2, true)), '.worktree.applied');
    assert.equal(worktreeContext({ kind: 'none' }), '.worktree');
    assert.equal(worktreeContext({ kind: 'unreadable', message: 'x' }), '.worktree');
    assert.equal(worktreeContext({ kind: 'discarded' }), '');
    assert.equal(worktreeContext({ kind: 'missing' }), '');
    assert.equal(worktreeContext(undefined), '');
  });

  it('gives context values the menus of package.json match', () => {
    const { contributes } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    };
    const menu = contributes.menus['view/item/context']!;
    const shown = (contextValue: string) =>
      menu
        .filter((m) => {
          const match = /^view == dispatch\.tasks && viewItem =~ \/(.*)\/$/.exec(m.when ?? '');
          return match && new RegExp(match[1]!).test(contextValue);
        })
        .map((m) => m.command.replace('dispatch.', ''));
    const unapplied = shown(`task.failed.refused${worktreeContext(changes(1, false))}`);
    for (const command of ['applyChanges', 'discardWorktree', 'reviewChanges', 'openWorktree', 'retryTask'])
      assert.ok(unapplied.includes(command), `${command} on an unapplied row: ${unapplied.join(', ')}`);
    assert.ok(unapplied.includes('retryFullAutonomy') && unapplied.includes('deleteTask'));
    const applied = shown(`task.completed${worktreeContext(changes(1, true))}`);
    assert.ok(!applied.includes('applyChanges') && applied.includes('discardWorktree'));
    assert.ok(applied.includes('reviewChanges') && applied.includes('deleteTask'));
    const plain = shown('task.completed');
    for (const command of ['applyChanges', 'discardWorktree', 'reviewChanges', 'openWorktree'])
      assert.ok(!plain.includes(command), `${command} on a task without a worktree`);
  });
});
