/**
 * Resource admission: whether one more agent may start on this machine now.
 *
 * The worker cap is global and counted in the database by the caller; this module adds what the
 * machine itself can take. Agents peak at ~190–400 MB per process tree and take seconds to reach
 * it, so workers that started recently ("settling", visible to every engine through the DB) are
 * charged an estimate up front — otherwise several windows admitting at once would all see the
 * same free memory. Memory is a hard limit: running out of it kills processes.
 *
 * CPU is a soft one. Agents mostly wait on the network, and a 2-core machine running a build or a
 * test suite is over 97% busy for seconds at a time, so refusing on one busy 1 s window delayed
 * starts by seconds for nothing. The CPU refuses a start only when saturated windows have followed
 * each other for `cpuSustainMs`, and never for longer than `maxCpuHoldMs`: then the start goes
 * ahead with a note for the log. A busy machine slows starts to about one per hold per engine; it
 * never stalls the queue. CPU headroom comes from CPU-time deltas (`os.cpus()`), because
 * `loadavg` is always 0 on Windows.
 */
import os from 'node:os';

export interface AdmissionInput {
  /** Workers started within the settling window, across all engines. */
  settling: number;
  /** `dispatch.memoryReserveMB`. */
  memoryReserveMB: number;
}

export interface Admission {
  admitted: boolean;
  /** Why not, for the log and the Workers view. */
  why?: string;
  /** Set when admitted although the CPU is saturated (the hold ran out), saying so for the log. */
  note?: string;
}

export interface ResourceMonitor {
  admit(input: AdmissionInput): Admission;
}

export interface ResourceMonitorDeps {
  freeMemoryBytes?: () => number;
  cpuTimes?: () => { idle: number; total: number };
  /** Memory charged per settling or new agent. Default 300. */
  perAgentEstimateMB?: number;
  /** A sampling window is saturated when the CPU was busier than this fraction over it. Default 0.97. */
  maxCpuBusy?: number;
  /** Shortest interval CPU use is judged over; shorter bursts (our own start-up) say nothing. Default 1000. */
  cpuWindowMs?: number;
  /** How long saturated windows must follow each other before the CPU refuses a start. Default 3000. */
  cpuSustainMs?: number;
  /** The longest the CPU alone holds back a start; then it is admitted anyway. Default 10000. */
  maxCpuHoldMs?: number;
  now?: () => number;
}

export const SETTLING_WINDOW_MS = 15_000;

function systemCpuTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { idle, total };
}

export function createResourceMonitor(deps: ResourceMonitorDeps = {}): ResourceMonitor {
  const freeMemoryBytes = deps.freeMemoryBytes ?? (() => os.freemem());
  const perAgentMB = deps.perAgentEstimateMB ?? 300;
  const cpu = createCpuGate(deps);

  return {
    admit({ settling, memoryReserveMB }) {
      const freeMB = freeMemoryBytes() / (1024 * 1024);
      const needMB = memoryReserveMB + (settling + 1) * perAgentMB;
      if (freeMB < needMB) {
        return {
          admitted: false,
          why: `low memory: ${Math.round(freeMB)} MB free, ${memoryReserveMB} MB reserved (dispatch.memoryReserveMB) and ${settling + 1} starting agent(s) need ~${perAgentMB} MB each`,
        };
      }
      return cpu();
    },
  };
}

/** The CPU half of admission: sustained saturation refuses, for a bounded time per start. */
function createCpuGate(deps: ResourceMonitorDeps): () => Admission {
  const cpuTimes = deps.cpuTimes ?? systemCpuTimes;
  const maxBusy = deps.maxCpuBusy ?? 0.97;
  const windowMs = deps.cpuWindowMs ?? 1000;
  const sustainMs = deps.cpuSustainMs ?? 3000;
  const maxHoldMs = deps.maxCpuHoldMs ?? 10_000;
  const now = deps.now ?? Date.now;
  let last = { ...cpuTimes(), at: now() };
  /** Start of the run of consecutive saturated windows that ends at `last.at`, if the last one was. */
  let saturatedSince: number | undefined;
  /** When the CPU began holding back the start now waiting, and when it last refused. */
  let holdingSince: number | undefined;
  let lastRefusedAt = 0;

  // Judged over whole windows only: the previous figure stands until a new window has passed.
  // Samples are taken when a start is asked for, so a window can be longer than `windowMs`; its
  // busy fraction is then the average over all of it, which is just as fair a judge.
  const sample = (at: number): void => {
    if (at - last.at < windowMs) return;
    const next = cpuTimes();
    const total = next.total - last.total;
    if (total > 0) {
      const busy = 1 - (next.idle - last.idle) / total;
      saturatedSince = busy > maxBusy ? (saturatedSince ?? last.at) : undefined;
    }
    last = { ...next, at };
  };

  const pct = Math.round(maxBusy * 100);
  const secs = (ms: number) => Math.round(ms / 1000);
  return () => {
    const at = now();
    sample(at);
    if (saturatedSince === undefined || last.at - saturatedSince < sustainMs) {
      holdingSince = undefined;
      return { admitted: true };
    }
    // A refusal older than the hold bound means nothing was waiting since: a new hold begins.
    if (holdingSince === undefined || at - lastRefusedAt > maxHoldMs) holdingSince = at;
    const heldMs = at - holdingSince;
    if (heldMs >= maxHoldMs) {
      holdingSince = undefined;
      return {
        admitted: true,
        note: `the CPU has been over ${pct}% busy for ${secs(last.at - saturatedSince)} s; starting anyway after holding this start ${secs(heldMs)} s, because agents mostly wait on the network (lower dispatch.maxWorkers to run fewer at once)`,
      };
    }
    lastRefusedAt = at;
    // Stable within a hold, so the dispatcher logs it once rather than on every poke.
    return {
      admitted: false,
      why: `CPU saturated: over ${pct}% busy for ${secs(sustainMs)} s or more (a build or test run?); this start waits for it to ease, at most ${secs(maxHoldMs)} s`,
    };
  };
}
