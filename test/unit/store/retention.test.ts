import assert from 'node:assert/strict';
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deleteDeadTempFiles, deleteOrphanFiles, deleteTaskFiles } from '../../../src/store/retention';
import { openStateStore } from '../../../src/store/stateStore';
import { cleanTempDirs, newTask, tempDir } from './harness';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;

function touch(file: string, ageMs = 0): void {
  writeFileSync(file, 'x');
  const when = new Date(Date.now() - ageMs);
  utimesSync(file, when, when);
}

describe('store/retention', () => {
  afterEach(cleanTempDirs);

  it('deletes every output/<id>.* file of the pruned tasks and nothing else', () => {
    const dir = tempDir();
    for (const name of ['a.log', 'a.exit', 'a.prompt', 'a.pid', 'a.log.old', 'ab.log', 'b.log'])
      touch(path.join(dir, name));
    assert.equal(deleteTaskFiles(dir, ['a']), 5);
    assert.deepEqual(readdirSync(dir).sort(), ['ab.log', 'b.log']);
  });

  it('deletes files of unknown tasks only once they are old (a create may be committing)', () => {
    const dir = tempDir();
    touch(path.join(dir, 'known.log'), 2 * DAY);
    touch(path.join(dir, 'orphan.log'), 2 * DAY);
    touch(path.join(dir, 'young.prompt'), 1000);
    assert.equal(deleteOrphanFiles(dir, new Set(['known']), Date.now(), 60 * 60 * 1000), 1);
    assert.deepEqual(readdirSync(dir).sort(), ['known.log', 'young.prompt']);
  });

  it("deletes temp files whose writer died, and keeps a live writer's", () => {
    const dir = tempDir();
    touch(path.join(dir, `state.db.${process.pid}.tmp`));
    touch(path.join(dir, `state.db.${2 ** 22 + 1}.tmp`));
    touch(path.join(dir, 'state.db'));
    assert.equal(deleteDeadTempFiles(dir), 1);
    assert.deepEqual(readdirSync(dir).sort(), ['state.db', `state.db.${process.pid}.tmp`]);
  });

  it('prunes through the store: rows, their files, and the file shrinks', async () => {
    const store = await openStateStore({ dir: tempDir(), now: () => NOW });
    try {
      const prompt = 'p'.repeat(300);
      const ids = await store.write((r) => {
        const made: string[] = [];
        for (let i = 0; i < 500; i++) {
          const t = r.tasks.create(newTask({ prompt, title: `task ${i} ${'t'.repeat(60)}` }), NOW - 40 * DAY);
          r.tasks.setState(t.id, 'cancelled', { endedAt: NOW - 40 * DAY + i });
          made.push(t.id);
        }
        return made;
      });
      const kept = await store.write((r) => r.tasks.create(newTask(), NOW).id);
      for (const id of ids.slice(0, 3)) writeFileSync(store.paths.logPath(id), 'output');
      const bigger = statSync(store.paths.db).size;
      const result = await store.prune({ retentionDays: 30, maxHistory: 5000 });
      assert.deepEqual(result, { tasks: 500, files: 503 }, 'every prompt and the three logs');
      assert.deepEqual(readdirSync(store.paths.outputDir), [`${kept}.prompt`]);
      assert.deepEqual(
        store.read((r) => r.tasks.list().map((t) => t.id)),
        [kept],
      );
      // Compacted: no bigger than a fresh state file holding one task (the schema's own pages).
      const smaller = statSync(store.paths.db).size;
      const fresh = await openStateStore({ dir: tempDir(), now: () => NOW });
      try {
        await fresh.write((r) => r.tasks.create(newTask(), NOW));
        const floor = statSync(fresh.paths.db).size;
        assert.ok(
          smaller < bigger && smaller <= floor,
          `state.db went from ${bigger} to ${smaller} bytes (fresh: ${floor})`,
        );
      } finally {
        fresh.dispose();
      }
      const before = statSync(store.paths.db).mtimeMs;
      assert.deepEqual(await store.prune(), { tasks: 0, files: 0 }, 'nothing expired: no write at all');
      assert.equal(statSync(store.paths.db).mtimeMs, before);
    } finally {
      store.dispose();
    }
  });
});
