import assert from 'node:assert/strict';
import {
  canTransition,
  isTaskState,
  isTerminal,
  TASK_STATES,
  TERMINAL_STATES,
} from '../../../src/core/taskState';

describe('core/taskState', () => {
  it('never lets a terminal state change (a late exit cannot overwrite CANCELLED)', () => {
    for (const from of TERMINAL_STATES) {
      for (const to of TASK_STATES) assert.equal(canTransition(from, to), false, `${from} -> ${to}`);
    }
  });

  it('allows the moves the engine makes', () => {
    assert.ok(canTransition('queued', 'running'));
    assert.ok(canTransition('running', 'completed'));
    assert.ok(canTransition('running', 'failed'));
    assert.ok(canTransition('running', 'cancelled'));
    assert.ok(canTransition('running', 'queued'), 'a claim that never launched is requeued');
    assert.ok(canTransition('blocked', 'queued'));
    assert.ok(canTransition('blocked', 'cancelled'));
    // A usage limit pauses a run; its resume queues it again (or the user cancels it).
    assert.ok(canTransition('running', 'paused'));
    assert.ok(canTransition('paused', 'queued'));
    assert.ok(canTransition('paused', 'cancelled'));
  });

  it('refuses to skip running', () => {
    assert.equal(canTransition('queued', 'completed'), false);
    assert.equal(canTransition('blocked', 'running'), false);
    assert.equal(canTransition('queued', 'failed'), false);
    assert.equal(canTransition('paused', 'running'), false, 'a resumed task is claimed like any other');
    assert.equal(canTransition('queued', 'paused'), false);
  });

  it('classifies states', () => {
    assert.deepEqual(
      TASK_STATES.filter((s) => isTerminal(s)),
      ['completed', 'failed', 'cancelled'],
    );
    assert.ok(isTaskState('blocked'));
    assert.ok(isTaskState('paused'));
    assert.equal(isTerminal('paused'), false, 'a paused task is not over');
    assert.equal(isTaskState('done'), false);
  });
});
