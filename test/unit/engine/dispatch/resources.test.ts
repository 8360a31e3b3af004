import assert from 'node:assert/strict';
import { createResourceMonitor, type ResourceMonitorDeps } from '../../../../src/engine/dispatch/resources';

const MB = 1024 * 1024;
const ask = { settling: 0, memoryReserveMB: 0 };

/** A machine with a hand-driven clock and CPU-time counters: deterministic, no sleeps. */
function fakeMachine(deps: ResourceMonitorDeps = {}) {
  let clock = 0;
  let idle = 0;
  let total = 0;
  const monitor = createResourceMonitor({
    freeMemoryBytes: () => 64_000 * MB,
    cpuTimes: () => ({ idle, total }),
    now: () => clock,
    ...deps,
  });
  return {
    admit: () => monitor.admit(ask),
    /** `ms` of wall time with the CPU `busy` (0–1) busy. */
    run(ms: number, busy: number) {
      clock += ms;
      total += ms;
      idle += ms * (1 - busy);
    },
  };
}

describe('engine/dispatch/resources', () => {
  it('admits when free memory covers the reserve and the starting agents', () => {
    const monitor = createResourceMonitor({ freeMemoryBytes: () => 2000 * MB, perAgentEstimateMB: 300 });
    assert.equal(monitor.admit({ settling: 0, memoryReserveMB: 512 }).admitted, true);
  });

  it('charges settling workers from every engine against free memory', () => {
    const monitor = createResourceMonitor({ freeMemoryBytes: () => 2000 * MB, perAgentEstimateMB: 300 });
    // 512 reserve + (4 settling + this one) × 300 = 2012 > 2000.
    const refused = monitor.admit({ settling: 4, memoryReserveMB: 512 });
    assert.equal(refused.admitted, false);
    assert.match(refused.why!, /low memory: 2000 MB free, 512 MB reserved/);
  });

  it('refuses on memory however long it lasts: memory has no hold bound', () => {
    const m = fakeMachine({ freeMemoryBytes: () => 100 * MB });
    for (let i = 0; i < 30; i++) {
      m.run(1000, 0.1);
      assert.match(String(m.admit().why), /low memory/);
    }
  });

  it('refuses on CPU only once saturated windows have followed each other for the sustained time', () => {
    const m = fakeMachine({ maxCpuBusy: 0.9, cpuWindowMs: 1000, cpuSustainMs: 3000 });
    m.run(1000, 0.99);
    assert.equal(m.admit().admitted, true, '1 s saturated is a burst');
    m.run(1000, 0.99);
    assert.equal(m.admit().admitted, true, '2 s saturated is a burst');
    m.run(1000, 0.99);
    const refused = m.admit();
    assert.equal(refused.admitted, false);
    assert.equal(
      refused.why,
      'CPU saturated: over 90% busy for 3 s or more (a build or test run?); this start waits for it to ease, at most 10 s',
    );
    m.run(500, 0.99); // half a window later the figure stands
    assert.equal(m.admit().admitted, false);
    m.run(500, 0.5); // the window that ends now was 75% busy: the run is over
    assert.equal(m.admit().admitted, true);
  });

  it('starts the sustained count again after any window below the threshold', () => {
    const m = fakeMachine({ maxCpuBusy: 0.9 });
    for (const busy of [0.99, 0.99, 0.5, 0.99, 0.99]) {
      m.run(1000, busy);
      assert.equal(m.admit().admitted, true, `${busy}`);
    }
    m.run(1000, 0.99);
    assert.equal(m.admit().admitted, false, 'three saturated windows in a row');
  });

  it('with the defaults, admits through a 2 s build burst at 98% (the old 1 s rule refused it)', () => {
    const m = fakeMachine();
    m.run(1000, 0.98);
    assert.equal(m.admit().admitted, true);
    m.run(1000, 0.98);
    assert.equal(m.admit().admitted, true);
    m.run(1000, 0.96);
    assert.equal(m.admit().admitted, true, '96% is not saturated');
  });

  it('judges a window longer than the minimum by its average (samples are taken when asked)', () => {
    const m = fakeMachine({ maxCpuBusy: 0.9 });
    m.run(5000, 0.95);
    assert.equal(m.admit().admitted, false);
  });

  it('holds a start back at most maxCpuHoldMs, then admits it with a note; the next start waits again', () => {
    const m = fakeMachine({ maxCpuBusy: 0.9, cpuSustainMs: 3000, maxCpuHoldMs: 10_000 });
    m.run(3000, 0.99);
    const first = m.admit();
    assert.equal(first.admitted, false, 'the hold begins');
    // The engine pokes every 2 s while the task waits; the reason stays the same, so it is logged once.
    for (let held = 2000; held < 10_000; held += 2000) {
      m.run(2000, 0.99);
      assert.deepEqual(m.admit(), first, `held ${held} ms`);
    }
    m.run(2000, 0.99);
    const anyway = m.admit();
    assert.equal(anyway.admitted, true);
    assert.equal(anyway.why, undefined);
    assert.equal(
      anyway.note,
      'the CPU has been over 90% busy for 13 s; starting anyway after holding this start 10 s, because agents mostly wait on the network (lower dispatch.maxWorkers to run fewer at once)',
    );
    assert.equal(m.admit().admitted, false, 'the next start, asked at once, begins its own hold');
    m.run(9999, 0.99);
    assert.equal(m.admit().admitted, false);
    m.run(1, 0.99);
    assert.equal(m.admit().admitted, true, 'and is admitted 10 s later');
  });

  it('does not count time when nothing was waiting towards a hold', () => {
    const m = fakeMachine({ maxCpuBusy: 0.9, maxCpuHoldMs: 10_000 });
    m.run(3000, 0.99);
    assert.equal(m.admit().admitted, false);
    m.run(60_000, 0.99); // the waiting task was cancelled; a new one comes a minute later
    assert.equal(m.admit().admitted, false, 'a fresh hold, not admitted at once');
  });

  it('ends a hold when the CPU eases, so the next saturation gets the full hold again', () => {
    const m = fakeMachine({ maxCpuBusy: 0.9, maxCpuHoldMs: 10_000 });
    m.run(3000, 0.99);
    assert.equal(m.admit().admitted, false);
    m.run(8000, 0.99);
    assert.equal(m.admit().admitted, false, 'held 8 s');
    m.run(1000, 0.2);
    assert.equal(m.admit().admitted, true, 'eased');
    m.run(3000, 0.99);
    assert.equal(m.admit().admitted, false, 'saturated again: held from now, not from before');
    m.run(2000, 0.99);
    assert.equal(m.admit().admitted, false);
  });

  it('does not judge the CPU before a whole window has passed (our own start-up is a burst)', () => {
    let sample = { idle: 0, total: 0 };
    let clock = 0;
    const monitor = createResourceMonitor({
      freeMemoryBytes: () => 64_000 * MB,
      cpuTimes: () => sample,
      cpuSustainMs: 0,
      now: () => clock,
    });
    sample = { idle: 0, total: 500 };
    clock = 300;
    assert.equal(monitor.admit(ask).admitted, true);
  });
});
