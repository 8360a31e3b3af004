// activate() stays cheap: it composes and returns, and the engine opens in the background. How
// long it takes is measured by `npm run bench` (extension.bench.ts, target ≤ 50 ms); here, the
// order of events shows that it does not wait for the engine.
import * as assert from 'node:assert/strict';
import { dispatchApi, showLog } from '../support/dispatchApi';

describe('activation', () => {
  it('returns before the engine has opened: the engine opens in the background', async () => {
    const api = await dispatchApi();
    await api.host.require();
    const log = await showLog();
    const activated = log.search(/\] Agent Dispatch [\d.]+ activated in/);
    const opened = log.search(/\] engine \S+ on .*, opened in/);
    assert.ok(activated >= 0 && opened >= 0, `both lines are in the log:\n${log}`);
    assert.ok(activated < opened, `activate() finished before the engine opened:\n${log}`);
  });
});
