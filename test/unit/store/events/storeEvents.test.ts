import assert from 'node:assert/strict';
import path from 'node:path';
import { StoreEvents } from '../../../../src/store/events/storeEvents';
import { cleanTempDirs, eventually, tempDir } from '../harness';

describe('store/events/storeEvents', () => {
  afterEach(cleanTempDirs);

  it('marks its own commits as not external, and isolates a failing listener', async () => {
    let version = 1;
    const logs: string[] = [];
    const events = new StoreEvents(
      { file: path.join(tempDir(), 'state.db'), readVersion: () => version, pollMs: 0 },
      (m) => logs.push(m),
    );
    try {
      const seen: unknown[] = [];
      events.listen(() => {
        throw new Error('bad listener');
      });
      events.listen((e) => seen.push(e));
      version = 2;
      events.committed(2);
      await eventually(() => seen.length === 1);
      assert.deepEqual(seen[0], { version: 2, external: false });
      assert.match(logs[0] ?? '', /bad listener/);
      version = 3;
      events.committed(99); // someone else's version 3 arrives
      await eventually(() => seen.length === 2);
      assert.deepEqual(seen[1], { version: 3, external: true });
    } finally {
      events.dispose();
    }
  });
});
