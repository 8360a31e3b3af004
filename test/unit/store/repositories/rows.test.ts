import assert from 'node:assert/strict';
import { isDispatchError } from '../../../../src/core/errors';
import { toEngine, toTask, toWorker } from '../../../../src/store/repositories/rows';

describe('store/repositories/rows', () => {
  it('maps snake_case columns to the domain object', () => {
    const worker = toWorker({
      task_id: 't',
      owner_id: 'o',
      host: 'h',
      claimed_at: 1,
      started_at: null,
      supervisor_pid: 5,
      supervisor_start: 's',
      agent_pid: null,
      agent_start: null,
    });
    assert.deepEqual(worker, {
      taskId: 't',
      ownerId: 'o',
      host: 'h',
      claimedAt: 1,
      startedAt: null,
      supervisorPid: 5,
      supervisorStart: 's',
      agentPid: null,
      agentStart: null,
    });
  });

  it('reports an invalid row as state-corrupt, naming the table and the row', () => {
    assert.throws(
      () => toTask({ id: 'abc', state: 'exploded' }, ''),
      (err) => isDispatchError(err, 'state-corrupt') && /"tasks" \(abc\)/.test(err.message),
    );
    assert.throws(
      () =>
        toEngine({
          id: 'e1',
          kind: 'toaster',
          label: '',
          pid: 1,
          process_start: null,
          host: 'h',
          started_at: 1,
          heartbeat_at: 1,
        }),
      (err) => isDispatchError(err, 'state-corrupt') && /"engines" \(e1\)/.test(err.message),
    );
  });
});
