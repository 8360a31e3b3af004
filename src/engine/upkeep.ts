/**
 * The bookkeeping an engine that runs tasks does on every tick, apart from recovery and
 * scheduling: its heartbeat (so other engines know it is alive), the agent PIDs its supervisors
 * report, and retention. Each writes only when it has something to write.
 */
import type { DispatchConfig } from '../core/config';
import type { EngineKind } from '../core/task';
import { processStartTime, type StateStore } from '../store';
import type { EngineLog } from './engineLog';
import { type OutputPaths, readPidRecord } from './launch/launcher';
import { thisHost } from './recovery/liveness';
import { releaseWorktrees } from './worktrees/release';
import type { WorktreeService } from './worktrees/worktreeService';

const HEARTBEAT_MS = 10_000;
/** Retention runs at start and then this often (it writes only when something expired). */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Worktrees of deleted tasks are looked for at start and then this often (a readdir when there are none). */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

export interface UpkeepDeps {
  store: StateStore;
  engineId: string;
  kind: EngineKind;
  label?: string;
  paths: OutputPaths;
  config: () => DispatchConfig;
  log: EngineLog;
  now: () => number;
  worktrees: WorktreeService;
}

export class Upkeep {
  private readonly startedAt: number;
  private lastHeartbeat = 0;
  private lastPrune = 0;
  private lastSweep = 0;

  constructor(private readonly deps: UpkeepDeps) {
    this.startedAt = deps.now();
  }

  /** The heartbeat, agent PIDs and retention, each when due. */
  async tick(): Promise<void> {
    if (this.deps.now() - this.lastHeartbeat >= HEARTBEAT_MS) await this.heartbeat();
    await this.recordAgentPids();
    if (this.deps.now() - this.lastPrune >= PRUNE_EVERY_MS) await this.prune();
    if (this.deps.now() - this.lastSweep >= SWEEP_EVERY_MS) await this.sweepWorktrees();
  }

  async heartbeat(): Promise<void> {
    const { store, engineId, kind, label, now } = this.deps;
    const at = now();
    await store.write((r) =>
      r.engines.heartbeat({
        id: engineId,
        kind,
        label: label ?? `${kind} ${process.pid}@${thisHost}`,
        pid: process.pid,
        processStart: processStartTime(process.pid),
        host: thisHost,
        startedAt: this.startedAt,
        heartbeatAt: at,
      }),
    );
    this.lastHeartbeat = at;
  }

  /** Agent PIDs come from the supervisors' pid records; one batched write per tick at most. */
  private async recordAgentPids(): Promise<void> {
    const { store, engineId, paths } = this.deps;
    const missing = store.read((r) =>
      r.workers
        .list()
        .filter((w) => w.ownerId === engineId && w.supervisorPid !== null && w.agentPid === null),
    );
    const found = missing.flatMap((w) => {
      const record = readPidRecord(paths, w.taskId);
      return record?.agentPid ? [{ worker: w, record }] : [];
    });
    if (found.length === 0) return;
    await store.write((r) => {
      for (const { worker, record } of found) {
        r.workers.setLaunched(worker.taskId, {
          supervisorPid: worker.supervisorPid!,
          supervisorStart: worker.supervisorStart,
          agentPid: record.agentPid,
          agentStart: record.agentStart,
          startedAt: worker.startedAt ?? record.startedAt,
        });
      }
    });
  }

  private async prune(): Promise<void> {
    this.lastPrune = this.deps.now();
    const { retentionDays, maxHistory } = this.deps.config();
    const policy = { retentionDays, maxHistory };
    // The store never expires a task whose worktree is on disk; those without unapplied changes
    // lose their worktree here, and then expire like any other. The rest wait for the user.
    const held = this.deps.store.read((r) => r.history.holdingWorktrees(policy, this.deps.now()));
    if (held.length > 0) {
      const freed = await releaseWorktrees(this.deps.worktrees, this.deps.store, held, 'keep');
      if (freed.length < held.length)
        this.deps.log.info(
          `retention: kept ${held.length - freed.length} old tasks whose worktrees have unapplied changes`,
        );
    }
    const pruned = await this.deps.store.prune(policy);
    if (pruned.tasks > 0)
      this.deps.log.info(`retention: deleted ${pruned.tasks} old tasks and ${pruned.files} files`);
  }

  /** Recovery's part for worktrees: those whose task is gone (see worktrees/sweep.ts). */
  private async sweepWorktrees(): Promise<void> {
    this.lastSweep = this.deps.now();
    const swept = await this.deps.worktrees.sweep();
    if (swept.length)
      this.deps.log.info(`recovery: removed the worktrees of deleted tasks ${swept.join(', ')}`);
  }
}
