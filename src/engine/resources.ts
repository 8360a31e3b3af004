/**
 * Resource admission: whether one more agent may start on this machine now.
 *
 * The worker cap is global and counted in the database by the caller; this module adds what the
 * machine itself can take. Agents peak at ~190–400 MB per process tree and take seconds to reach
 * it, so workers that started recently ("settling", visible to every engine through the DB) are
 * charged an estimate up front — otherwise several windows admitting at once would all see the
 * same free memory. CPU headroom comes from CPU-time deltas (`os.cpus()`), because `loadavg` is
 * always 0 on Windows.
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
}

export interface ResourceMonitor {
  admit(input: AdmissionInput): Admission;
}

export interface ResourceMonitorDeps {
  freeMemoryBytes?: () => number;
  cpuTimes?: () => { idle: number; total: number };
  /** Memory charged per settling or new agent. */
  perAgentEstimateMB?: number;
  /** Refuse when the CPU was busier than this fraction over the last sampling window. */
  maxCpuBusy?: number;
  /** Shortest interval CPU use is judged over; shorter bursts (our own start-up) say nothing. */
  cpuWindowMs?: number;
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
  const cpuTimes = deps.cpuTimes ?? systemCpuTimes;
  const perAgentMB = deps.perAgentEstimateMB ?? 300;
  const maxCpuBusy = deps.maxCpuBusy ?? 0.97;
  const windowMs = deps.cpuWindowMs ?? 1000;
  const now = deps.now ?? Date.now;
  let last = { ...cpuTimes(), at: now() };
  let busy: number | undefined;

  // Judged over whole windows only: the previous figure stands until a new window has passed.
  const cpuBusy = (): number | undefined => {
    const at = now();
    if (at - last.at < windowMs) return busy;
    const sample = cpuTimes();
    const total = sample.total - last.total;
    if (total > 0) busy = 1 - (sample.idle - last.idle) / total;
    last = { ...sample, at };
    return busy;
  };

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
      const busy = cpuBusy();
      if (busy !== undefined && busy > maxCpuBusy) {
        return { admitted: false, why: `CPU busy (${Math.round(busy * 100)}%)` };
      }
      return { admitted: true };
    },
  };
}
