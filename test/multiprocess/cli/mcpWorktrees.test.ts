import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { makeWorkspace, runCli } from '../../support/cli';
import { callTool as call, McpClients, taskEnded } from '../../support/mcpClient';
import { GitWorkspace } from '../fixtures/gitWorkspace';

/**
 * The MCP tools for worktree tasks, end to end: `delegate` with `worktree`, then `apply` and
 * `discard`, over the shipped dist/cli.js on real git repositories, each answer checked against
 * what the repository and `dispatch show`/`apply`/`discard` say.
 */
describe('dispatch mcp: worktree tasks (delegate worktree, apply, discard)', function () {
  this.timeout(120_000);
  const clients = new McpClients();
  const made: GitWorkspace[] = [];
  const plain: string[] = [];

  afterEach(async () => {
    await clients.closeAll();
    for (const gw of made.splice(0)) await gw.dispose();
    for (const dir of plain.splice(0)) rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(clients.protocolErrors.splice(0), [], 'stdout carried only protocol messages');
  });

  async function repository(settings: Record<string, unknown> = {}): Promise<[GitWorkspace, Client]> {
    const gw = new GitWorkspace(settings);
    made.push(gw);
    return [gw, await clients.connect(gw.dir)];
  }

  /** The one line `dispatch <args>` prints on stderr, without its `dispatch: `. */
  const cliError = (dir: string, ...args: string[]) => {
    const run = runCli(dir, args);
    assert.notEqual(run.status, 0, `dispatch ${args.join(' ')} should fail`);
    return run.stderr.trim().replace(/^dispatch: /, '');
  };

  it('delegate with worktree true runs in its own worktree, says so, and notes uncommitted edits it leaves out', async () => {
    const [gw, client] = await repository();
    gw.write('src/b.txt', 'bee\nedited\n');
    const delegated = await call(client, 'delegate', { prompt: 'true', agent: 'shell', worktree: true });
    assert.equal(delegated.isError, false, delegated.text);
    const { id, worktree } = delegated.data.task;
    assert.equal(worktree.branch, `dispatch/${id}`);
    assert.equal(worktree.base, gw.git('rev-parse', 'HEAD').trim());
    assert.ok(
      delegated.text.includes(`It runs in the worktree ${worktree.path} (branch dispatch/${id})`),
      delegated.text,
    );
    assert.ok(
      delegated.text.includes(
        `Note: the workspace has uncommitted changes; ${id} runs in a worktree made from HEAD (${worktree.base.slice(0, 12)}) without them.`,
      ),
      delegated.text,
    );
    assert.equal((await taskEnded(client, id)).state, 'completed');
    assert.deepEqual(gw.show(id).worktree, worktree, '`dispatch show --json` has the same worktree');

    // dispatch.worktree.mode is off here: without worktree the task runs in the folder.
    const inPlace = await call(client, 'delegate', { prompt: 'true', agent: 'shell' });
    assert.equal(inPlace.data.task.worktree, null);
    assert.doesNotMatch(inPlace.text, /worktree/);
  });

  it('worktree defaults to dispatch.worktree.mode, false overrides it, and a bad value is refused', async () => {
    const [, client] = await repository({ 'dispatch.worktree.mode': 'on' });
    const byMode = await call(client, 'delegate', { prompt: 'true', agent: 'shell' });
    assert.equal(byMode.isError, false, byMode.text);
    assert.equal(byMode.data.task.worktree.branch, `dispatch/${byMode.data.task.id}`);
    const inPlace = await call(client, 'delegate', { prompt: 'true', agent: 'shell', worktree: false });
    assert.equal(inPlace.data.task.worktree, null);

    const wrongType = await call(client, 'delegate', { prompt: 'true', worktree: 'yes' });
    assert.equal(wrongType.isError, true);
    assert.match(wrongType.text, /expected boolean.* at worktree/);

    const notGit = makeWorkspace({});
    plain.push(notGit);
    const outside = await clients.connect(notGit);
    const refused = await call(outside, 'delegate', { prompt: 'true', agent: 'shell', worktree: true });
    assert.equal(refused.isError, true);
    assert.equal(refused.text, cliError(notGit, 'delegate', 'true', '--agent', 'shell', '--worktree'));
    assert.equal(runCli(notGit, ['list']).stdout.trim(), 'no tasks', 'nothing was stored');
  });

  it('apply brings the changes in as uncommitted changes, as `dispatch apply` does; again, there is nothing to apply', async () => {
    const [gw, client] = await repository();
    const head = gw.git('rev-parse', 'HEAD');
    const { data } = await call(client, 'delegate', {
      prompt: 'sed -i s/two/TWO/ a.txt && echo new > src/new.txt',
      agent: 'shell',
      worktree: true,
    });
    const id: string = data.task.id;
    assert.equal((await taskEnded(client, id)).state, 'completed');

    const applied = await call(client, 'apply', { taskId: id.slice(0, 6) });
    assert.equal(applied.isError, false, applied.text);
    assert.equal(applied.text, `${id}: applied 2 files: a.txt, src/new.txt`);
    assert.deepEqual(applied.data.files, ['a.txt', 'src/new.txt']);
    assert.equal(applied.data.task.applied, true);
    assert.equal(gw.read('a.txt'), 'one\nTWO\nthree\nfour\nfive\n');
    assert.equal(gw.read('src/new.txt'), 'new\n');
    assert.equal(gw.git('rev-parse', 'HEAD'), head, 'nothing was committed');
    assert.equal(gw.git('diff', '--cached', '--name-only'), '', 'nothing was staged');

    const again = await call(client, 'apply', { taskId: id });
    assert.equal(again.isError, false, again.text);
    assert.equal(again.text, `${id}: nothing to apply (the workspace already has these changes)`);
    assert.deepEqual(again.data.files, []);
    assert.equal(gw.show(id).applied, true);
  });

  it('apply on a conflict changes nothing, and the tool error names the files as `dispatch apply` does', async () => {
    const [gw, client] = await repository();
    const { data } = await call(client, 'delegate', {
      prompt: 'sed -i s/two/TWO/ a.txt',
      agent: 'shell',
      worktree: true,
    });
    const id: string = data.task.id;
    assert.equal((await taskEnded(client, id)).state, 'completed');
    gw.write('a.txt', 'one\nzwei\nthree\nfour\nfive\n');
    const status = gw.git('status', '--porcelain');

    const conflict = await call(client, 'apply', { taskId: id });
    assert.equal(conflict.isError, true);
    assert.match(
      conflict.text,
      new RegExp(`^the changes of ${id} conflict with the workspace in a\\.txt; nothing was changed`),
    );
    assert.equal(gw.read('a.txt'), 'one\nzwei\nthree\nfour\nfive\n', 'the edit is kept');
    assert.equal(gw.git('status', '--porcelain'), status);
    assert.equal(gw.show(id).applied, false);
    assert.equal(conflict.text, cliError(gw.dir, 'apply', id), 'the same line as `dispatch apply`');
  });

  it('discard refuses never-applied changes without confirm, removes them with it, and refuses a task still running', async () => {
    const [gw, client] = await repository();
    const { data } = await call(client, 'delegate', {
      prompt: 'echo x > new.txt',
      agent: 'shell',
      worktree: true,
    });
    const id: string = data.task.id;
    assert.equal((await taskEnded(client, id)).state, 'completed');
    const { path: worktreePath } = gw.show(id).worktree;

    const unconfirmed = await call(client, 'discard', { taskId: id });
    assert.equal(unconfirmed.isError, true);
    assert.equal(
      unconfirmed.text,
      `${id} has changes that were never applied (1 file, +1 -0): review them with diff and apply them, ` +
        'or call discard with confirm true to delete them',
    );
    assert.ok(existsSync(worktreePath), 'the worktree is kept');
    assert.ok(gw.branches().includes(`dispatch/${id}`));

    const discarded = await call(client, 'discard', { taskId: id, confirm: true });
    assert.equal(discarded.isError, false, discarded.text);
    assert.equal(discarded.text, `${id}: removed its worktree and branch dispatch/${id}`);
    assert.equal(discarded.data.task.discarded, true);
    assert.ok(!existsSync(worktreePath));
    assert.ok(!gw.branches().includes(`dispatch/${id}`));
    const again = await call(client, 'discard', { taskId: id });
    assert.equal(again.text, `${id}: its worktree was already discarded`);

    // Changes that were applied are not lost by discarding: no confirm needed.
    const other = (
      await call(client, 'delegate', { prompt: 'echo y > y.txt', agent: 'shell', worktree: true })
    ).data.task.id as string;
    await taskEnded(client, other);
    assert.equal((await call(client, 'apply', { taskId: other })).isError, false);
    const afterApply = await call(client, 'discard', { taskId: other });
    assert.equal(afterApply.isError, false, afterApply.text);
    assert.equal(gw.read('y.txt'), 'y\n');

    const running = (await call(client, 'delegate', { prompt: 'sleep 60', agent: 'shell', worktree: true }))
      .data.task.id as string;
    const early = await call(client, 'discard', { taskId: running, confirm: true });
    assert.equal(early.isError, true);
    assert.match(
      early.text,
      new RegExp(
        `^cannot discard ${running} yet: it is (queued|running) \\(wait for it or cancel it first\\)$`,
      ),
    );
    await call(client, 'cancel', { taskId: running });
    assert.equal((await taskEnded(client, running)).state, 'cancelled');
  });

  it('refuses a task without a worktree and an unknown id with the CLI’s line', async () => {
    const [gw, client] = await repository();
    const inPlace = (await call(client, 'delegate', { prompt: 'true', agent: 'shell' })).data.task
      .id as string;
    await taskEnded(client, inPlace);
    for (const tool of ['apply', 'discard']) {
      for (const taskId of [inPlace, 'zzzz']) {
        const refused = await call(client, tool, { taskId });
        assert.equal(refused.isError, true, `${tool} ${taskId}`);
        assert.equal(refused.text, cliError(gw.dir, tool, taskId), `${tool} ${taskId}`);
      }
    }
  });
});
