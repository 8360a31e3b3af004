import assert from 'node:assert/strict';
import { AgentPausesModel } from '../../../../src/extension/model/agentPausesModel';
import { cleanTempDirs, newTask } from '../../store/harness';
import { modelFixture } from './fixture';

const HOUR = 3_600_000;

describe('extension/model/agentPausesModel', () => {
  afterEach(cleanTempDirs);

  it('counts each paused agent’s paused tasks, and fires when that count changes', async () => {
    const fx = await modelFixture();
    const model = new AgentPausesModel();
    let fired = 0;
    model.onDidChange(() => fired++);
    const paused = (agent: string) => {
      const { id } = fx.repos.tasks.create(newTask({ agent }), 1000);
      fx.repos.tasks.markRunning(id, 1000);
      const reason = 'usage-limit: x';
      fx.repos.paused.pause(id, {
        exitCode: 1,
        signal: null,
        reason,
        endedAt: 1005,
        resumeAt: Date.now() + HOUR,
      });
      return id;
    };
    const first = paused('claude');
    const second = paused('claude');
    paused('codex'); // codex is not paused itself (its pause ended): not counted here
    fx.repos.agentPauses.pause({
      agent: 'claude',
      resumeAt: Date.now() + HOUR,
      pausedAt: Date.now(),
      reason: 'usage-limit: x',
      taskId: first,
    });
    assert.equal(model.refresh(fx.store, false), true);
    assert.deepEqual(
      [model.pausedTasks('claude'), model.pausedTasks('codex'), model.pausedTasks('gemini')],
      [2, 0, 0],
    );
    assert.equal(model.refresh(fx.store, false), false, 'nothing changed');

    // Its paused tasks are cancelled one by one: the pause stays, what it says changes.
    for (const id of [first, second])
      fx.repos.tasks.finish(id, {
        state: 'cancelled',
        exitCode: null,
        signal: null,
        reason: 'cancelled by user',
        endedAt: 2000,
      });
    assert.equal(model.refresh(fx.store, false), true);
    assert.equal(model.pausedTasks('claude'), 0);
    assert.equal(model.pauses.length, 1);
    assert.equal(fired, 2);
  });
});
