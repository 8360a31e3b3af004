/** Builds a realistic task history in a store: finished tasks with 1 KB prompts. */
import type { StateStore } from '../../../src/store/stateStore';
import { promptText, seeded } from './stats';

const DAY = 24 * 60 * 60 * 1000;

/** Adds `count` finished tasks (90% completed, 10% failed) spread over the last 20 days. */
export async function seedHistory(store: StateStore, count: number, promptBytes = 1024): Promise<void> {
  const random = seeded(count);
  const now = Date.now();
  for (let done = 0; done < count; ) {
    const batch = Math.min(500, count - done);
    await store.write((r) => {
      for (let i = 0; i < batch; i++) {
        const createdAt = now - 20 * DAY + Math.floor(((done + i) / count) * 20 * DAY);
        const task = r.tasks.create(
          { prompt: promptText(random, promptBytes), agent: 'claude', cwd: '/home/dev/projects/web-app' },
          createdAt,
        );
        r.tasks.markRunning(task.id, createdAt + 1000);
        const failed = random() < 0.1;
        r.tasks.setOutputStats(task.id, Math.floor(random() * 200_000), Math.floor(random() * 3000));
        r.tasks.finish(task.id, {
          state: failed ? 'failed' : 'completed',
          exitCode: failed ? 1 : 0,
          signal: null,
          reason: failed ? 'exit code 1' : null,
          endedAt: createdAt + 60_000 + Math.floor(random() * 600_000),
        });
      }
    });
    done += batch;
  }
}
