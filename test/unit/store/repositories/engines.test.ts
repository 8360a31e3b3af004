import assert from 'node:assert/strict';
import type { EngineRecord } from '../../../../src/core/task';
import { cleanTempDirs, type RepoHarness, repoHarness } from '../harness';

const engine = (id: string, over: Partial<EngineRecord> = {}): EngineRecord => ({
  id,
  kind: 'window',
  label: `window ${id}`,
  pid: 100,
  processStart: 'start',
  host: 'here',
  startedAt: 1,
  heartbeatAt: 1000,
  ...over,
});

describe('store/repositories/engines', () => {
  let h: RepoHarness;
  beforeEach(async () => {
    h = await repoHarness();
  });
  afterEach(cleanTempDirs);

  it('registers an engine and refreshes its heartbeat', () => {
    h.repos.engines.heartbeat(engine('a'));
    h.repos.engines.heartbeat(engine('a', { heartbeatAt: 2000, label: 'renamed' }));
    assert.deepEqual(h.repos.engines.list(), [engine('a', { heartbeatAt: 2000, label: 'renamed' })]);
    assert.equal(h.repos.engines.get('a')?.heartbeatAt, 2000);
  });

  it('removes an engine', () => {
    h.repos.engines.heartbeat(engine('a'));
    assert.equal(h.repos.engines.remove('a'), true);
    assert.equal(h.repos.engines.remove('a'), false);
    assert.deepEqual(h.repos.engines.list(), []);
  });

  it('prunes engines whose heartbeat stopped, or whose process on this host is gone', () => {
    h.repos.engines.heartbeat(engine('fresh', { heartbeatAt: 9_000 }));
    h.repos.engines.heartbeat(engine('silent', { heartbeatAt: 1_000 }));
    h.repos.engines.heartbeat(engine('dead-here', { pid: 666, heartbeatAt: 9_000 }));
    h.repos.engines.heartbeat(engine('elsewhere', { pid: 666, host: 'other', heartbeatAt: 9_000 }));
    const removed = h.repos.engines.pruneDead({
      now: 10_000,
      staleAfterMs: 5_000,
      host: 'here',
      isAlive: (pid) => pid !== 666,
    });
    assert.deepEqual(removed.map((e) => e.id).sort(), ['dead-here', 'silent']);
    assert.deepEqual(
      h.repos.engines
        .list()
        .map((e) => e.id)
        .sort(),
      ['elsewhere', 'fresh'],
    );
  });
});
