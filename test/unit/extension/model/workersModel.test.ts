import assert from 'node:assert/strict';
import { ownerOf, WorkersModel } from '../../../../src/extension/model/workersModel';
import { cleanTempDirs } from '../../store/harness';
import { modelFixture } from './fixture';

describe('extension/model/workersModel', () => {
  afterEach(cleanTempDirs);

  it('lists every running task with the engine that owns it', async () => {
    const fx = await modelFixture();
    fx.engine('me', 'window');
    fx.engine('other', 'window');
    fx.engine('cli', 'cli');
    const mine = fx.add('running', 1000, 'me');
    const theirs = fx.add('running', 2000, 'other');
    const worker = fx.add('running', 3000, 'cli');
    const orphan = fx.add('running', 4000, 'gone');
    fx.add('queued', 5000);
    const model = new WorkersModel();
    assert.equal(model.refresh(fx.store, 'me'), true);
    const owners = Object.fromEntries(model.entries.map((e) => [e.task.id, e.owner.label]));
    assert.deepEqual(owners, {
      [mine]: 'this window',
      [theirs]: 'other window',
      [worker]: 'dispatch worker (pid 4242)',
      [orphan]: 'no owner (being adopted)',
    });
    assert.equal(model.refresh(fx.store, 'me'), false, 'nothing changed');
  });

  it('tells a window from a CLI worker and a test engine', () => {
    const engines = [
      {
        id: 'w',
        kind: 'window',
        label: 'window 1',
        pid: 1,
        processStart: null,
        host: 'h',
        startedAt: 1,
        heartbeatAt: 1,
      },
      {
        id: 't',
        kind: 'test',
        label: 'test 9',
        pid: 9,
        processStart: null,
        host: 'h',
        startedAt: 1,
        heartbeatAt: 1,
      },
    ] as const;
    assert.equal(ownerOf('w', engines, 'w').kind, 'this-window');
    assert.equal(ownerOf('w', engines, 'x').kind, 'other-window');
    assert.equal(ownerOf('t', engines, 'x').label, 'test 9');
    assert.equal(ownerOf('nope', engines, 'x').kind, 'none');
  });
});
