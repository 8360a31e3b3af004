import assert from 'node:assert/strict';
import path from 'node:path';
import {
  copyFilesMatcher,
  folderInWorktree,
  ownsWorktree,
  parseChanges,
  plannedWorktree,
  summarizeChanges,
} from '../../../src/core/worktree';

describe('core/worktree', () => {
  it('plans <root>/<id> on dispatch/<id> from the base, and a reply in the worktree it shares', () => {
    const planned = plannedWorktree('abc123def456', { root: '/state/worktrees', base: 'f00d' });
    assert.deepEqual(planned, {
      path: path.join('/state/worktrees', 'abc123def456'),
      branch: 'dispatch/abc123def456',
      base: 'f00d',
    });
    assert.ok(ownsWorktree({ id: 'abc123def456', worktreeBranch: planned.branch }));
    const shared = plannedWorktree('zzz999zzz999', { share: planned });
    assert.deepEqual(shared, planned);
    assert.equal(ownsWorktree({ id: 'zzz999zzz999', worktreeBranch: shared.branch }), false);
  });

  it("runs the agent in the task's sub-folder of the worktree", () => {
    assert.equal(folderInWorktree('/wt/x', '/repo', '/repo/packages/a'), path.join('/wt/x', 'packages/a'));
    assert.equal(folderInWorktree('/wt/x', '/repo', '/repo'), '/wt/x');
    assert.equal(folderInWorktree('/wt/x', '/repo', '/elsewhere'), '/wt/x', 'never outside the worktree');
  });

  it('matches copyFiles patterns as .gitignore does: a bare name anywhere, a path from the root', () => {
    const match = copyFilesMatcher(['.env', '.env.*', 'config/local.json', 'secrets/**/*.pem', '# comment']);
    for (const yes of [
      '.env',
      'pkg/a/.env',
      '.env.local',
      'web/.env.production',
      'config/local.json',
      'secrets/a/b/k.pem',
      'secrets/k.pem',
    ])
      assert.ok(match(yes), yes);
    for (const no of ['env', '.envrc', 'x.env', 'pkg/config/local.json', 'secrets/k.pem.bak', '# comment'])
      assert.equal(match(no), false, no);
    assert.equal(copyFilesMatcher([])('.env'), false);
    assert.ok(copyFilesMatcher(['/.env'])('.env'));
    assert.equal(copyFilesMatcher(['/.env'])('a/.env'), false, 'a leading / anchors at the root');
    assert.ok(copyFilesMatcher(['config/?.json'])('config/a.json'));
    assert.equal(copyFilesMatcher(['config/*.json'])('config/a/b.json'), false, '* stays in one folder');
  });

  it('joins name-status and numstat output into one list of files, binary ones without lines', () => {
    const names = [
      'M',
      'a.txt',
      'A',
      'new dir/b c.txt',
      'D',
      'gone.txt',
      'A',
      'img.png',
      'T',
      'link',
      '',
    ].join('\0');
    const counts = [
      '3\t1\ta.txt',
      '2\t0\tnew dir/b c.txt',
      '0\t4\tgone.txt',
      '-\t-\timg.png',
      '1\t1\tlink',
      '',
    ].join('\0');
    const files = parseChanges(names, counts);
    assert.deepEqual(files, [
      { path: 'a.txt', status: 'modified', insertions: 3, deletions: 1, binary: false },
      { path: 'new dir/b c.txt', status: 'added', insertions: 2, deletions: 0, binary: false },
      { path: 'gone.txt', status: 'deleted', insertions: 0, deletions: 4, binary: false },
      { path: 'img.png', status: 'added', insertions: 0, deletions: 0, binary: true },
      { path: 'link', status: 'type-changed', insertions: 1, deletions: 1, binary: false },
    ]);
    assert.deepEqual(summarizeChanges(files), { files: 5, insertions: 6, deletions: 6 });
    assert.deepEqual(parseChanges('', ''), []);
  });
});
