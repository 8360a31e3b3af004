import assert from 'node:assert/strict';
import { isDispatchError } from '../../../../src/core/errors';
import { isId } from '../../../../src/core/ids';
import type { NewSchedule, ScheduleRun } from '../../../../src/core/schedule';
import { RUNS_KEPT } from '../../../../src/store/repositories/schedules';
import { cleanTempDirs, newTask, type RepoHarness, repoHarness } from '../harness';

const newSchedule = (overrides: Partial<NewSchedule> = {}): NewSchedule => ({
  title: 'Nightly triage',
  prompt: 'Triage new issues',
  agent: 'shell',
  priority: 'P2',
  cwd: '/work',
  timeoutMs: null,
  autonomy: 'edit',
  model: null,
  cron: '0 3 * * *',
  timezone: 'Europe/Berlin',
  runAt: null,
  missedPolicy: 'catchup',
  maxRuns: 5,
  expiresAt: null,
  ...overrides,
});
const active = (nextRunAt: number) => ({ nextRunAt, status: 'active' as const, endReason: null });
const entry = (scheduleId: string, dueAt: number, extra: Partial<ScheduleRun> = {}): ScheduleRun => ({
  scheduleId,
  dueAt,
  dueCount: 1,
  at: dueAt,
  kind: 'skipped',
  taskId: null,
  outcome: 'skipped',
  reason: null,
  ...extra,
});

describe('store/repositories/schedules', () => {
  let h: RepoHarness;
  beforeEach(async () => {
    h = await repoHarness();
  });
  afterEach(cleanTempDirs);

  it('creates a schedule with its timing, and reads it back whole', () => {
    const s = h.repos.schedules.create(newSchedule(), active(5_000), 100);
    assert.ok(isId(s.id));
    assert.deepEqual(
      [s.status, s.nextRunAt, s.runCount, s.lastTaskId, s.createdAt, s.missedPolicy, s.maxRuns],
      ['active', 5_000, 0, null, 100, 'catchup', 5],
    );
    assert.deepEqual(h.readOnly.schedules.get(s.id), s);
    assert.deepEqual(h.readOnly.schedules.list(), [s]);
    assert.deepEqual(h.readOnly.schedules.resolve(s.id.slice(0, 4)), s);
  });

  it('says which schedules are due and when the nearest one is', () => {
    const early = h.repos.schedules.create(newSchedule(), active(1_000), 1);
    const late = h.repos.schedules.create(newSchedule(), active(3_000), 1);
    h.repos.schedules.create(newSchedule(), { nextRunAt: null, status: 'finished', endReason: 'x' }, 1);
    assert.deepEqual(
      h.readOnly.schedules.due(2_000).map((s) => s.id),
      [early.id],
    );
    assert.deepEqual(
      h.readOnly.schedules.due(3_000).map((s) => s.id),
      [early.id, late.id],
    );
    assert.equal(h.readOnly.schedules.nearestRunAt(), 1_000);
    h.repos.schedules.setStatus(early.id, 'paused', { nextRunAt: null, endReason: null }, 2);
    assert.equal(h.readOnly.schedules.nearestRunAt(), 3_000);
  });

  it('claims a due time once: a second compare-and-set of the same time changes nothing', () => {
    const s = h.repos.schedules.create(newSchedule(), active(1_000), 1);
    const claim = { ...active(2_000), runCount: 1 };
    assert.equal(h.repos.schedules.claimDue(s.id, 1_000, claim, 1_001), true);
    assert.equal(h.repos.schedules.claimDue(s.id, 1_000, { ...claim, runCount: 2 }, 1_002), false);
    const after = h.readOnly.schedules.get(s.id)!;
    assert.deepEqual([after.nextRunAt, after.runCount, after.updatedAt], [2_000, 1, 1_001]);
  });

  it('does not claim a paused schedule', () => {
    const s = h.repos.schedules.create(newSchedule(), active(1_000), 1);
    h.repos.schedules.setStatus(s.id, 'paused', { nextRunAt: 1_000, endReason: null }, 2);
    assert.equal(h.repos.schedules.claimDue(s.id, 1_000, { ...active(2_000), runCount: 1 }, 3), false);
  });

  it('records runs, refuses a second entry for one due time, and makes a fired task the latest', () => {
    const s = h.repos.schedules.create(newSchedule(), active(1_000), 1);
    const task = h.repos.tasks.create(newTask(), 1_000);
    h.repos.schedules.recordRun(entry(s.id, 1_000, { kind: 'fired', taskId: task.id, outcome: 'queued' }));
    assert.equal(h.readOnly.schedules.get(s.id)!.lastTaskId, task.id);
    assert.throws(
      () => h.repos.schedules.recordRun(entry(s.id, 1_000)),
      (err: unknown) => isDispatchError(err, 'already-claimed') && /a due time runs once/.test(err.message),
    );
  });

  it("reads a fired run's outcome from its task, and keeps it after retention deletes the task", () => {
    const s = h.repos.schedules.create(newSchedule(), active(1_000), 1);
    const task = h.repos.tasks.create(newTask(), 1_000);
    h.repos.schedules.recordRun(entry(s.id, 1_000, { kind: 'fired', taskId: task.id, outcome: 'queued' }));
    h.repos.schedules.recordRun(entry(s.id, 2_000, { reason: 'the previous run is still active' }));
    h.repos.tasks.setState(task.id, 'cancelled', { endedAt: 1_500, reason: 'cancelled by user' });
    assert.deepEqual(
      h.readOnly.schedules.runs(s.id).map((r) => [r.dueAt, r.outcome]),
      [
        [2_000, 'skipped'],
        [1_000, 'cancelled'],
      ],
    );
    h.repos.history.delete([task.id]);
    assert.equal(h.readOnly.tasks.get(task.id), undefined);
    assert.equal(h.readOnly.schedules.runs(s.id)[1]!.outcome, 'cancelled');
  });

  it(`keeps the newest ${RUNS_KEPT} runs of a schedule`, () => {
    const s = h.repos.schedules.create(newSchedule(), active(1), 1);
    const other = h.repos.schedules.create(newSchedule(), active(1), 1);
    h.repos.schedules.recordRun(entry(other.id, 1));
    for (let due = 1; due <= RUNS_KEPT + 5; due++) h.repos.schedules.recordRun(entry(s.id, due));
    const runs = h.readOnly.schedules.runs(s.id);
    assert.equal(runs.length, RUNS_KEPT);
    assert.equal(runs.at(-1)!.dueAt, 6);
    assert.equal(h.readOnly.schedules.runs(other.id).length, 1);
  });

  it('allows only the status changes in the table', () => {
    const s = h.repos.schedules.create(newSchedule(), active(1_000), 1);
    const paused = h.repos.schedules.setStatus(s.id, 'paused', { nextRunAt: null, endReason: null }, 2);
    assert.deepEqual([paused.status, paused.nextRunAt, paused.updatedAt], ['paused', null, 2]);
    h.repos.schedules.setStatus(s.id, 'cancelled', { nextRunAt: null, endReason: 'cancelled by user' }, 3);
    assert.throws(
      () => h.repos.schedules.setStatus(s.id, 'active', active(5), 4),
      (err: unknown) =>
        isDispatchError(err, 'invalid-transition') &&
        /is cancelled; it cannot become active/.test(err.message),
    );
  });

  it('finds schedules by prefix and says when one is missing', () => {
    assert.throws(
      () => h.readOnly.schedules.resolve('zzzz'),
      (e: unknown) => isDispatchError(e, 'not-found'),
    );
    assert.throws(() => h.readOnly.schedules.resolve('no way!'), /not a schedule id/);
  });

  it('refuses changes through read-only repositories', () => {
    assert.throws(() => h.readOnly.schedules.create(newSchedule(), active(1), 1), /store\.write/);
    const s = h.repos.schedules.create(newSchedule(), active(1), 1);
    assert.throws(
      () => h.readOnly.schedules.claimDue(s.id, 1, { ...active(2), runCount: 1 }, 1),
      /store\.write/,
    );
    assert.throws(() => h.readOnly.schedules.recordRun(entry(s.id, 1)), /store\.write/);
  });
});
