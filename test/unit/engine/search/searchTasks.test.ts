import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Task } from '../../../../src/core/task';
import type { SearchMatch } from '../../../../src/engine/search';
import { ANY_LEVEL, fakeAgent, runCli, waitFor } from '../../../support/cli';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';

/** One fake-agent step that prints `text` (any bytes) on stdout. */
const print = (text: string) => `text:${Buffer.from(text).toString('base64url')}`;
const json = (event: unknown) => `${JSON.stringify(event)}\n`;

describe('engine/search', function () {
  this.timeout(60_000);
  let fx: EngineFixture;
  const tasks: Record<string, Task> = {};

  // Real supervisors write every log; `claude` is the fake agent under the built-in's name, so its
  // log is decoded as Claude's stream-json. Logs are capped at 1 MB (512 KB segments).
  before(async () => {
    fx = await openTestEngine({
      maxWorkers: 4,
      maxOutputMB: 1,
      agents: {
        fake: {
          command: process.execPath,
          args: [fakeAgent('fake-agent.js'), '${prompt}'],
          autonomyArgs: ANY_LEVEL,
        },
        claude: {
          command: process.execPath,
          args: [fakeAgent('fake-agent.js'), '${prompt}'],
          autonomyArgs: ANY_LEVEL,
        },
        record: {
          command: process.execPath,
          args: [fakeAgent('record-run.js'), '10', '${prompt}'],
          env: { RECORD_FILE: path.join(tmpdir(), `dispatch-search-runs-${process.pid}.txt`) },
          autonomyArgs: ANY_LEVEL,
        },
      },
    });
    const add = async (name: string, input: Parameters<EngineFixture['engine']['delegate']>[0]) => {
      tasks[name] = await fx.engine.delegate(input);
    };
    await add('text', { agent: 'fake', prompt: print('\x1b[31mKUMQUAT\x1b[0m is ripe today\nother line\n') });
    await add('claude', {
      agent: 'claude',
      prompt: [
        print(json({ type: 'system', subtype: 'init', session_id: 's1', model: 'fake', tools: [] })),
        print(
          json({ type: 'assistant', mangosteen: 1, message: { content: [{ type: 'text', text: 'quiet' }] } }),
        ),
        print(
          json({ type: 'assistant', message: { content: [{ type: 'text', text: 'the papaya is sliced' }] } }),
        ),
      ].join(' '),
    });
    // 1.2 MB, then the word, then 0.6 MB: the word ends up in the rotated `.log.1`, the start
    // (with "durian") is dropped by the cap.
    await add('capped', {
      agent: 'fake',
      prompt: `${print('durian first\n')} flood:1.2 ${print('\nalpha lychee\n')} flood:0.6`,
    });
    await add('title', { agent: 'fake', title: 'Quince report', prompt: print('hello\n') });
    await add('prompt', { agent: 'record', title: 'Something else', prompt: 'tamarind please' });
    for (const task of Object.values(tasks)) {
      await waitFor(
        `${task.id} to end (${JSON.stringify(Object.values(tasks).map((x) => [x.agent, fx.engine.resolve(x.id).state]))})`,
        () => ['completed', 'failed', 'cancelled'].includes(fx.engine.resolve(task.id).state),
        40_000,
      );
      const t = fx.engine.resolve(task.id);
      if (t.state !== 'completed') throw new Error(`${task.agent} ${t.state} ${t.reason}`);
    }
  });
  after(async () => fx?.dispose());

  const search = async (words: string | string[], options = {}) => {
    const found: SearchMatch[] = [];
    await fx.engine.search(words, { ...options, onMatch: (m) => found.push(m) });
    return found.map((m) => ({ id: m.task.id, where: m.where, line: m.line }));
  };

  it("finds a plain-text agent's output without its colours, all words case-insensitive", async () => {
    assert.deepEqual(await search(['kumquat', 'RIPE']), [
      { id: tasks.text!.id, where: 'output', line: 'KUMQUAT is ripe today' },
    ]);
    assert.deepEqual(await search(['kumquat', 'papaya']), []);
  });

  it("matches a structured agent's transcript text, never its JSON keys", async () => {
    const log = readFileSync(path.join(fx.engine.state.paths.outputDir, `${tasks.claude!.id}.log`), 'utf8');
    assert.match(log, /"mangosteen":1/);
    assert.deepEqual(await search('mangosteen'), []);
    assert.deepEqual(await search('Papaya SLICED'), [
      { id: tasks.claude!.id, where: 'output', line: 'the papaya is sliced' },
    ]);
  });

  it('searches both segments of a capped log, and not what the cap dropped', async () => {
    const files = path.join(fx.engine.state.paths.outputDir, tasks.capped!.id);
    assert.ok(existsSync(`${files}.log.1`), 'the log rotated');
    assert.match(readFileSync(`${files}.log.1`, 'latin1'), /alpha lychee/);
    assert.deepEqual(await search('lychee'), [
      { id: tasks.capped!.id, where: 'output', line: 'alpha lychee' },
    ]);
    const both = await search(['lychee', 'flood']);
    assert.deepEqual(
      both.map((m) => [m.id, m.where]),
      [[tasks.capped!.id, 'output']],
    );
    assert.match(both[0]!.line, /^(?:\w+ )?flood flood/);
    assert.deepEqual(await search('durian first'), []);
  });

  it('matches a title or a prompt alone, and words split between title and output', async () => {
    assert.deepEqual(await search('quince'), [
      { id: tasks.title!.id, where: 'title', line: 'Quince report' },
    ]);
    assert.deepEqual(await search('tamarind'), [
      { id: tasks.prompt!.id, where: 'prompt', line: 'tamarind please' },
    ]);
    assert.deepEqual(await search('quince hello'), [{ id: tasks.title!.id, where: 'output', line: 'hello' }]);
  });

  it('lists newest first, filters by state, and stops when aborted', async () => {
    assert.deepEqual(
      (await search('running')).map((m) => m.id),
      [tasks.prompt!.id],
    );
    assert.deepEqual(await search('kumquat', { states: ['failed'] }), []);
    const all = await search('e');
    assert.deepEqual(
      all.map((m) => m.id),
      Object.values(tasks)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((t) => t.id),
    );
    const abort = new AbortController();
    abort.abort(new Error('stopped'));
    await assert.rejects(fx.engine.search('e', { signal: abort.signal }), /stopped/);
  });

  it('dispatch search prints each task with its line, --json streams one array, nothing matched exits 1', () => {
    const text = runCli(fx.workspace, ['search', 'KUMQUAT']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(
      text.stdout,
      new RegExp(`^${tasks.text!.id} +COMPLETED .*\\n {4}1: KUMQUAT is ripe today\\n$`),
    );
    const asJson = runCli(fx.workspace, ['search', 'papaya', '--json', '--state', 'completed,failed']);
    assert.equal(asJson.status, 0, asJson.stderr);
    const parsed = JSON.parse(asJson.stdout) as Record<string, unknown>[];
    assert.deepEqual(
      parsed.map((m) => [m.id, m.state, m.match]),
      [[tasks.claude!.id, 'completed', { where: 'output', line: 'the papaya is sliced', lineNumber: 3 }]],
    );
    const none = runCli(fx.workspace, ['search', 'mangosteen', '--json']);
    assert.deepEqual([none.status, none.stdout, none.stderr], [1, '', '']);
    const bad = runCli(fx.workspace, ['search', 'x', '--state', 'done']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad state "done"/);
  });
});
