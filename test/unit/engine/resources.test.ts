import assert from 'node:assert/strict';
import { createResourceMonitor } from '../../../src/engine/resources';

const MB = 1024 * 1024;

describe('engine/resources', () => {
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

  it('refuses while the CPU is saturated, measured from CPU time deltas over a window', () => {
    let sample = { idle: 0, total: 0 };
    let clock = 0;
    const monitor = createResourceMonitor({
      freeMemoryBytes: () => 64_000 * MB,
      cpuTimes: () => sample,
      maxCpuBusy: 0.9,
      cpuWindowMs: 1000,
      now: () => clock,
    });
    sample = { idle: 10, total: 1000 }; // 99% busy over the first window
    clock = 1000;
    const busy = monitor.admit({ settling: 0, memoryReserveMB: 0 });
    assert.equal(busy.admitted, false);
    assert.match(busy.why!, /CPU busy \(99%\)/);
    clock = 1500; // half a window later the figure stands
    assert.equal(monitor.admit({ settling: 0, memoryReserveMB: 0 }).admitted, false);
    sample = { idle: 510, total: 2000 }; // 50% busy over the next window
    clock = 2000;
    assert.equal(monitor.admit({ settling: 0, memoryReserveMB: 0 }).admitted, true);
  });

  it('does not judge the CPU before a whole window has passed (our own start-up is a burst)', () => {
    let sample = { idle: 0, total: 0 };
    let clock = 0;
    const monitor = createResourceMonitor({
      freeMemoryBytes: () => 64_000 * MB,
      cpuTimes: () => sample,
      now: () => clock,
    });
    sample = { idle: 0, total: 500 };
    clock = 300;
    assert.equal(monitor.admit({ settling: 0, memoryReserveMB: 0 }).admitted, true);
  });
});
