/**
 * Making a task's worktree (engine/worktrees/create.ts: find the repository, write the ledger,
 * check the branch, `git worktree add`, copy the untracked files copyFiles names) next to a bare
 * `git worktree add` of the same repository in the same run, interleaved so disk noise hits both.
 * The repository has 10,000 tracked files; the setup command is not part of either.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Task } from '../../src/core/task';
import { plannedWorktree } from '../../src/core/worktree';
import { prepareWorktree } from '../../src/engine/worktrees/create';
import { git } from '../../src/engine/worktrees/git';
import type { BenchContext } from './lib/context';
import { flushDisk, ms, percentile, ratio, sample } from './lib/stats';

export const name = 'worktrees: creating a task worktree in a 10,000-file repository';

const FILES = 10_000;
const PER_FOLDER = 100;

function makeRepository(dir: string): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'b',
    GIT_AUTHOR_EMAIL: 'b@b',
    GIT_COMMITTER_NAME: 'b',
    GIT_COMMITTER_EMAIL: 'b@b',
  };
  const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  run('init', '-q', '-b', 'main');
  for (let i = 0; i < FILES; i++) {
    const folder = path.join(dir, 'src', `m${Math.floor(i / PER_FOLDER)}`);
    if (i % PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `f${i}.ts`), `export const value${i} = ${i};\n// ${'x'.repeat(120)}\n`);
  }
  writeFileSync(path.join(dir, '.gitignore'), '.env\n.env.*\nnode_modules/\n');
  run('add', '-A');
  run('commit', '-q', '-m', 'ten thousand files');
  // What copyFiles looks for, and an ignored folder it must not walk into.
  writeFileSync(path.join(dir, '.env'), 'TOKEN=1\n');
  mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules', 'pkg', 'index.js'), '');
  return run('rev-parse', 'HEAD').trim();
}

export async function run(ctx: BenchContext): Promise<void> {
  const repo = ctx.tempDir('worktree-repo');
  const root = ctx.tempDir('worktree-root');
  const outputDir = ctx.tempDir('worktree-output');
  const base = makeRepository(repo);
  const count = ctx.quick ? 2 : 10;
  let n = 0;
  const remove = (where: string) => git(['worktree', 'remove', '--force', where], { cwd: repo });
  const bare: number[] = [];
  const ours: number[] = [];
  for (let i = -1; i < count; i++) {
    const id = `bench${String(++n).padStart(7, '0')}`;
    const barePath = path.join(root, `bare-${id}`);
    const planned = plannedWorktree(id, { root, base });
    const task = {
      id,
      cwd: repo,
      worktreePath: planned.path,
      worktreeBranch: planned.branch,
      worktreeBase: planned.base,
    } as Task;
    const timeBare = async () => {
      flushDisk(); // the previous checkout's write-back must not land in this one
      const [took] = await sample(1, 0, () =>
        git(['worktree', 'add', '--quiet', '-b', `bare/${id}`, barePath, base], { cwd: repo }),
      );
      return took!;
    };
    const timeOurs = async () => {
      flushDisk();
      const [took] = await sample(1, 0, () =>
        prepareWorktree(task, { outputDir, copyFiles: ['.env', '.env.*'] }),
      );
      return took!;
    };
    // Alternating which goes first, so neither always finds the caches warmed by the other.
    const [bareMs, oursMs] =
      i % 2 === 0 ? [await timeBare(), await timeOurs()] : [await timeOurs(), await timeBare()].reverse();
    await remove(barePath);
    await remove(planned.path);
    if (i >= 0) {
      bare.push(bareMs!);
      ours.push(oursMs!);
    }
  }
  const b50 = percentile(bare, 50);
  const o50 = percentile(ours, 50);
  const [bMin, oMin] = [Math.min(...bare), Math.min(...ours)];
  ctx.table(
    `Worktree creation, ${FILES.toLocaleString('en')} tracked files (${count} each, interleaved, order alternating)`,
    ['', 'bare `git worktree add`', 'dispatch (add + ledger + branch check + copyFiles)', 'dispatch ÷ bare'],
    [
      ['min', ms(bMin), ms(oMin), ratio(oMin, bMin)],
      ['p50', ms(b50), ms(o50), ratio(o50, b50)],
      ['p95', ms(percentile(bare, 95)), ms(percentile(ours, 95)), ''],
    ],
  );
  ctx.note(
    'On a busy machine the minimum is the figure to compare: it is the run the fewest other processes got in the way of.',
  );
}
