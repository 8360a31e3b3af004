import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../../src/core/config';
import type { Task } from '../../../src/core/task';
import { Engine } from '../../../src/engine/engine';
import { fakeAgent, makeWorkspace, ProcessGroup, runCli, waitFor } from '../../support/cli';

interface Run {
  start: number[];
  end: number[];
}

/** Dependencies across three `dispatch worker` engines: order, exactly-once, cascades, pipelines. */
describe('multiprocess: dependencies across engines', function () {
  this.timeout(120_000);
  const group = new ProcessGroup();
  let workspace: string;
  let record: string;
  let submitter: Engine;

  beforeEach(async () => {
    workspace = makeWorkspace({});
    record = path.join(workspace, 'runs.txt');
    const agents = {
      // Prints the prompt it was launched with; its own steps come from the prompt's last line.
      echo: {
        command: process.execPath,
        args: [fakeAgent('echo-prompt.js'), '${prompt}'],
        env: { RECORD_FILE: record },
      },
    };
    const settings = {
      'dispatch.maxWorkers': 4,
      'dispatch.outputFlushIntervalMs': 100,
      'dispatch.agents': agents,
    };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings));
    const { config } = parseConfig({ agents, defaultAgent: 'echo' });
    submitter = await Engine.open({
      stateDir: path.join(workspace, '.vscode', 'dispatch'),
      workspace,
      config: () => config,
      kind: 'test',
      runTasks: false,
    });
    for (let i = 0; i < 3; i++) group.startWorker(workspace);
  });

  afterEach(async () => {
    await group.stopAll();
    await submitter.dispose();
    rmSync(workspace, { recursive: true, force: true });
  });

  const delegate = (prompt: string, after: Task[] = []) =>
    submitter.delegate({ prompt, agent: 'echo', after: after.map((t) => t.id) });
  const allEnded = (tasks: Task[], what: string) =>
    waitFor(
      what,
      () => tasks.every((t) => ['completed', 'failed', 'cancelled'].includes(submitter.resolve(t.id).state)),
      90_000,
    );
  function runs(): Map<string, Run> {
    const byId = new Map<string, Run>();
    let text = '';
    try {
      text = readFileSync(record, 'utf8');
    } catch {
      return byId; // nothing ran
    }
    for (const line of text.trim().split('\n')) {
      const [what, id, at] = line.split(' ') as ['start' | 'end', string, string];
      const run = byId.get(id) ?? { start: [], end: [] };
      run[what].push(Number(at));
      byId.set(id, run);
    }
    return byId;
  }
  /** Every task ran once, completed, and started only after each of its dependencies had ended. */
  function assertRanInOrder(tasks: Task[]): void {
    const seen = runs();
    for (const task of tasks) {
      const now = submitter.resolve(task.id);
      assert.equal(now.state, 'completed', `${task.id}: ${now.state} ${now.reason}`);
      const run = seen.get(task.id);
      assert.equal(run?.start.length, 1, `${task.id} started ${run?.start.length ?? 0} times`);
      for (const dep of submitter.relationsOf(task.id).dependsOn) {
        const depEnd = seen.get(dep.id)!.end[0]!;
        assert.ok(run.start[0]! >= depEnd, `${task.id} started before its dependency ${dep.id} ended`);
      }
    }
  }

  it('runs chains and diamonds: every task once, each after all of its dependencies', async () => {
    const tasks: Task[] = [];
    for (let k = 0; k < 4; k++) {
      // A diamond: b and c wait for a, d waits for both.
      const a = await delegate(`say:a${k} sleep:150`);
      const b = await delegate(`say:b${k} sleep:150`, [a]);
      const c = await delegate(`say:c${k} sleep:50`, [a]);
      const d = await delegate(`say:d${k} sleep:100`, [b, c]);
      tasks.push(a, b, c, d);
    }
    let previous: Task | undefined;
    for (let i = 0; i < 6; i++) {
      previous = await delegate(`say:chain${i} sleep:50`, previous ? [previous] : []);
      tasks.push(previous);
    }
    assert.deepEqual(
      tasks.filter((t) => t.state === 'blocked').length,
      4 * 3 + 5,
      'everything with a dependency waits',
    );
    await allEnded(tasks, 'the diamonds and the chain to end');
    assertRanInOrder(tasks);
  });

  it('cancels everything downstream of a failed task, with reasons, and runs the rest', async () => {
    const a = await delegate('sleep:300 exit:3');
    const b = await delegate('say:b', [a]);
    const c = await delegate('say:c', [a]);
    const d = await delegate('say:d', [b, c]);
    const other = await delegate('say:other sleep:100');
    await allEnded([a, b, c, d, other], 'the cascade');
    const state = (t: Task) => {
      const now = submitter.resolve(t.id);
      return [now.state, now.reason];
    };
    assert.deepEqual(state(a), ['failed', 'exit code 3']);
    assert.deepEqual(state(b), ['cancelled', `dependency ${a.id} failed`]);
    assert.deepEqual(state(c), ['cancelled', `dependency ${a.id} failed`]);
    assert.match(String(state(d)[1]), new RegExp(`^dependency ${a.id} failed \\(via (${b.id}|${c.id})\\)$`));
    assert.equal(state(other)[0], 'completed');
    const ran = runs();
    for (const t of [b, c, d]) assert.ok(!ran.has(t.id), `${t.id} never ran`);
  });

  it('runs a 5-step pipeline with --continue in order, each step seeing the one before', async () => {
    const steps = [1, 2, 3, 4, 5].map((i) => `say:step${i}-output sleep:100`);
    const cli = runCli(workspace, ['pipeline', ...steps, '--continue', '--agent', 'echo', '--json']);
    assert.equal(cli.status, 0, cli.stderr);
    const tasks = JSON.parse(cli.stdout) as Task[];
    assert.equal(tasks.length, 5);
    await allEnded(tasks, 'the pipeline to end');
    assertRanInOrder(tasks);
    const outputDir = submitter.state.paths.outputDir;
    for (let i = 1; i < 5; i++) {
      const log = readFileSync(path.join(outputDir, `${tasks[i]!.id}.log`), 'utf8');
      const prompt = /--- prompt ---\n([\s\S]*?)\n--- end of prompt ---/.exec(log)?.[1] ?? '';
      assert.match(prompt, new RegExp(`Context from earlier task ${tasks[i - 1]!.id}`));
      assert.match(prompt, new RegExp(`said step${i}-output`), `step ${i + 1} saw step ${i}'s output`);
      assert.match(prompt, new RegExp(`\\[Your task\\]\\n\\nsay:step${i + 1}-output sleep:100$`));
      assert.equal(submitter.resolve(tasks[i]!.id).prompt, steps[i], 'the stored prompt stays the step');
    }
  });
});
