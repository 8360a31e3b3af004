import assert from 'node:assert/strict';
import { AgentPausesModel } from '../../../../src/extension/model/agentPausesModel';
import { LiveState } from '../../../../src/extension/model/liveState';
import { shouldAnnouncePause } from '../../../../src/extension/model/pauseWatch';
import { cleanTempDirs } from '../../store/harness';
import { type ModelFixture, modelFixture } from './fixture';

const HOUR = 3_600_000;

/** Two windows (a started first, so it leads) and a CLI engine on one real store. */
async function twoWindows() {
  const fx = await modelFixture();
  fx.engine('a', 'window', 10);
  fx.engine('b', 'window', 20);
  fx.engine('cli', 'cli', 5);
  const windows = { a: new LiveState(), b: new LiveState() };
  const heard = { a: [] as string[], b: [] as string[] };
  const refresh = () => {
    for (const key of ['a', 'b'] as const) windows[key].refresh({ id: key, state: fx.store });
  };
  for (const key of ['a', 'b'] as const) {
    windows[key].onDidPause((pauses) => heard[key].push(...pauses.map((p) => p.agent)));
  }
  refresh();
  return { fx, heard, refresh };
}

const pauseAgent = (fx: ModelFixture, agent: string, taskId: string | null, resumeAt = Date.now() + HOUR) =>
  fx.repos.agentPauses.pause({ agent, resumeAt, pausedAt: Date.now(), reason: 'usage-limit: x', taskId });

describe('extension/model/pauseWatch', () => {
  afterEach(cleanTempDirs);

  it('tells an agent pause once, in the window its task came from, and not a pause moved later', async () => {
    const { fx, heard, refresh } = await twoWindows();
    const fromB = fx.add('paused', 1000, 'b', 'b');
    const other = fx.add('paused', 2000, 'a', 'a');
    pauseAgent(fx, 'claude', fromB);
    refresh();
    assert.deepEqual(heard, { a: [], b: ['claude'] });
    // A second task of the same agent meets the limit: the same pause, only later.
    pauseAgent(fx, 'claude', other, Date.now() + 2 * HOUR);
    refresh();
    refresh();
    assert.deepEqual(heard, { a: [], b: ['claude'] }, 'one message per pause, not per task');
  });

  it('tells a pause from a terminal in the lead window only, and a new pause after one ended', async () => {
    const { fx, heard, refresh } = await twoWindows();
    const fromCli = fx.add('paused', 1000, 'cli', 'cli');
    pauseAgent(fx, 'codex', fromCli);
    refresh();
    assert.deepEqual(heard, { a: ['codex'], b: [] });
    fx.repos.agentPauses.lift('codex');
    refresh();
    pauseAgent(fx, 'codex', null);
    refresh();
    assert.deepEqual(heard, { a: ['codex', 'codex'], b: [] });
  });

  it('does not announce the pauses it finds when it first looks', async () => {
    const fx = await modelFixture();
    fx.engine('a', 'window', 10);
    pauseAgent(fx, 'claude', fx.add('paused', 1000, 'a', 'a'));
    const live = new LiveState();
    const heard: string[] = [];
    live.onDidPause((pauses) => heard.push(...pauses.map((p) => p.agent)));
    live.refresh({ id: 'a', state: fx.store });
    live.refresh({ id: 'a', state: fx.store });
    assert.deepEqual(heard, []);
  });

  it('follows dispatch.notifications: "failures" only when the paused tasks wait for the user', () => {
    assert.equal(shouldAnnouncePause('all', true), true);
    assert.equal(shouldAnnouncePause('all', false), true);
    assert.equal(shouldAnnouncePause('failures', true), false);
    assert.equal(shouldAnnouncePause('failures', false), true);
    assert.equal(shouldAnnouncePause('none', false), false);
  });

  it('redraws what reads a pause when autoResume changes, though no pause did', async () => {
    const fx = await modelFixture();
    pauseAgent(fx, 'claude', null);
    const model = new AgentPausesModel();
    let fired = 0;
    model.onDidChange(() => fired++);
    assert.equal(model.refresh(fx.store, true), true);
    assert.equal(model.refresh(fx.store, true), false);
    assert.equal(model.refresh(fx.store, false), true);
    assert.equal(model.autoResume, false);
    assert.equal(fired, 2);
  });
});
