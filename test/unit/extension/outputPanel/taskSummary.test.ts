import assert from 'node:assert/strict';
import type { EngineRecord, WorkerRecord } from '../../../../src/core/task';
import { readSummary, runningIn, worktreeSummary } from '../../../../src/extension/outputPanel/taskSummary';
import { openTestEngine } from '../../../support/engineFixture';

const worker = (ownerId: string): WorkerRecord => ({
  taskId: 't',
  ownerId,
  host: 'h',
  claimedAt: 1,
  startedAt: 2,
  supervisorPid: null,
  supervisorStart: null,
  agentPid: null,
  agentStart: null,
});
const engine = (id: string, kind: EngineRecord['kind']): EngineRecord => ({
  id,
  kind,
  label: kind,
  pid: 1,
  processStart: null,
  host: 'h',
  startedAt: 1,
  heartbeatAt: 1,
});

describe('extension/outputPanel/taskSummary', () => {
  it('says where a task runs from its worker and the owner engine', () => {
    assert.equal(runningIn(undefined, undefined, 'me'), null);
    assert.equal(runningIn(worker('me'), engine('me', 'window'), 'me'), 'this window');
    assert.equal(runningIn(worker('w2'), engine('w2', 'window'), 'me'), 'another window');
    assert.equal(runningIn(worker('c'), engine('c', 'cli'), 'me'), 'dispatch worker');
    assert.equal(runningIn(worker('gone'), undefined, 'me'), 'another window');
  });

  it("offers a worktree task's Review, Apply and Discard while each has something to act on", () => {
    const changes = (applied: boolean) =>
      worktreeSummary({
        kind: 'changes',
        files: [],
        summary: { files: 2, insertions: 2, deletions: 0 },
        applied,
      });
    assert.deepEqual(changes(false), {
      changes: '2 files changed',
      canApply: true,
      canReview: true,
      canDiscard: true,
    });
    assert.deepEqual(changes(true), {
      changes: 'applied',
      canApply: false,
      canReview: true,
      canDiscard: true,
    });
    assert.deepEqual(worktreeSummary({ kind: 'none' }), {
      changes: 'no changes',
      canApply: false,
      canReview: false,
      canDiscard: true,
    });
    const nothing = { changes: null, canApply: false, canReview: false, canDiscard: false };
    assert.deepEqual(worktreeSummary(undefined), nothing, 'running: nothing to act on yet');
    assert.deepEqual(worktreeSummary({ kind: 'reading' }), nothing);
    assert.deepEqual(worktreeSummary({ kind: 'discarded' }), { ...nothing, changes: 'discarded' });
  });

  it('reads a queued task, then the same task running in this engine', async () => {
    const fixture = await openTestEngine();
    try {
      const task = await fixture.engine.delegate({ prompt: 'sleep:2000', agent: 'fake' });
      const first = readSummary(fixture.engine, task.id, true);
      assert.equal(first?.id, task.id);
      assert.ok(first?.state === 'queued' || first?.state === 'running');
      const deadline = Date.now() + 10_000;
      while (readSummary(fixture.engine, task.id, true)?.runningIn !== 'this window') {
        assert.ok(Date.now() < deadline, 'never ran in this engine');
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(readSummary(fixture.engine, 'no-such-task', true), undefined);
      await fixture.engine.cancel(task.id);
    } finally {
      await fixture.dispose();
    }
  });
});
