import assert from 'node:assert/strict';
import type { NewLoop } from '../../../../src/core/loop';
import { ENDED_LOOPS_SHOWN, LoopsModel, RECENT_LOOPS_MS } from '../../../../src/extension/model/loopsModel';
import { cleanTempDirs, newTask } from '../../store/harness';
import { type ModelFixture, modelFixture } from './fixture';

const NOW = 100 * RECENT_LOOPS_MS;
const newLoop = (title: string): NewLoop => ({
  title,
  prompt: title,
  agent: 'shell',
  cwd: '/work',
  untilCommand: 'true',
  evalCommand: null,
  direction: null,
  target: null,
  maxIterations: 3,
});

describe('extension/model/loopsModel', () => {
  let fx: ModelFixture;
  beforeEach(async () => {
    fx = await modelFixture();
  });
  afterEach(cleanTempDirs);

  const start = (title: string, at: number) => {
    const loop = fx.repos.loops.create(newLoop(title), at);
    const task = fx.repos.submit(newTask({ prompt: title }), at);
    fx.repos.loops.addIteration(loop.id, 1, task.id);
    return { loop, task };
  };

  it('lists running loops first, then those of the last week, each with its iterations', () => {
    const ended = start('ended', NOW - 10);
    fx.repos.loops.end(ended.loop.id, 'failed', 'x', NOW - 5);
    const running = start('running long', 1);
    start('ended long ago', 2);
    fx.repos.loops.end(
      fx.repos.loops.list().find((l) => l.title === 'ended long ago')!.id,
      'cancelled',
      'x',
      3,
    );
    const model = new LoopsModel(() => NOW);
    assert.equal(model.refresh(fx.store), true);
    assert.deepEqual(
      model.entries.map((e) => [e.loop.title, e.iterations.map((i) => [i.number, i.taskId, i.state])]),
      [
        ['running long', [[1, running.task.id, 'queued']]],
        ['ended', [[1, ended.task.id, 'queued']]],
      ],
    );
    assert.equal(model.find(running.loop.id)?.loop.title, 'running long');
  });

  it('fires only when something shown changed: a state, an iteration, a check', () => {
    const { loop, task } = start('a loop', NOW - 10);
    const model = new LoopsModel(() => NOW);
    let fired = 0;
    model.onDidChange(() => fired++);
    model.refresh(fx.store);
    assert.equal(model.refresh(fx.store), false);
    fx.repos.tasks.markRunning(task.id, NOW - 5);
    assert.equal(model.refresh(fx.store), true, 'the iteration runs');
    fx.repos.loops.recordCheck(
      task.id,
      { exitCode: 1, signal: null, problem: null, unstartable: false, output: '', score: null },
      null,
      NOW,
    );
    assert.equal(model.refresh(fx.store), true, 'its check ended');
    fx.repos.loops.end(loop.id, 'cancelled', 'cancelled by user', NOW);
    assert.equal(model.refresh(fx.store), true);
    assert.equal(fired, 4);
    assert.equal(model.refresh(undefined), true);
    assert.deepEqual(model.entries, []);
  });

  it(`shows at most ${ENDED_LOOPS_SHOWN} ended loops`, () => {
    for (let i = 0; i < ENDED_LOOPS_SHOWN + 3; i++) {
      const { loop } = start(`loop ${i}`, NOW - 100 + i);
      fx.repos.loops.end(loop.id, 'succeeded', 'x', NOW);
    }
    const model = new LoopsModel(() => NOW);
    model.refresh(fx.store);
    assert.equal(model.entries.length, ENDED_LOOPS_SHOWN);
    assert.equal(model.entries[0]!.loop.title, `loop ${ENDED_LOOPS_SHOWN + 2}`, 'newest first');
  });
});
