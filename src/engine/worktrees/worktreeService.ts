/**
 * `engine.worktrees`: reviewing and landing what worktree tasks changed, for the CLI and the
 * editor alike. Tasks are named by id or unique prefix. Reads ask git each time (the worktree is
 * the truth); writes refuse while a task that uses the worktree (the task or a reply to it) has
 * not ended, because its agent may still be writing there.
 *
 * For the editor's diff view: `info()` gives the worktree folder and the base commit, `changes()`
 * the files with their status, `baseContent()` a file as it was at the base (what a
 * `git show <base>:<path>` content provider serves); the task's side is the file in the worktree.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DispatchConfig } from '../../core/config';
import { DispatchError, messageOf } from '../../core/errors';
import type { Task } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import {
  type ChangedFile,
  type ChangeSummary,
  summarizeChanges,
  type WorktreeRequest,
} from '../../core/worktree';
import type { StateStore } from '../../store';
import type { EngineLog } from '../engineLog';
import { type ApplyResult, applyChanges } from './apply';
import { baseContent, changedFiles, diffText } from './changes';
import { listLedger, removeLedger } from './ledger';
import { removeWorktree } from './remove';
import { hasUncommittedChanges, repositoryOf, repositoryRoot } from './repository';
import { sweepWorktrees } from './sweep';

export interface WorktreeInfo {
  taskId: string;
  path: string;
  branch: string;
  base: string;
  appliedAt: number | null;
  /** Set once `discard` (or retention of an unchanged worktree) removed it. */
  removedAt: number | null;
}

export interface TaskChanges {
  files: ChangedFile[];
  summary: ChangeSummary;
}

export interface WorktreeServiceDeps {
  store: StateStore;
  workspace: string;
  config: () => DispatchConfig;
  log: EngineLog;
  now: () => number;
}

export class WorktreeService {
  constructor(private readonly deps: WorktreeServiceDeps) {}

  /** What a new task in `folder` asks for: a worktree under the root, from HEAD now. */
  async request(folder: string): Promise<WorktreeRequest> {
    const { head } = await repositoryOf(folder);
    return { root: this.root(), base: head };
  }

  /** `dispatch.worktree.root`, from the workspace; default `<state directory>/worktrees`. */
  root(): string {
    const configured = this.deps.config()['worktree.root'];
    return configured
      ? path.resolve(this.deps.workspace, configured)
      : path.join(this.deps.store.dir, 'worktrees');
  }

  info(idOrPrefix: string): WorktreeInfo {
    return infoOf(this.task(idOrPrefix));
  }

  /** Every file the task changed against its base: committed, edited or new. */
  async changes(idOrPrefix: string): Promise<TaskChanges> {
    const files = await changedFiles(this.present(idOrPrefix));
    return { files, summary: summarizeChanges(files) };
  }

  async diff(idOrPrefix: string, options: { stat?: boolean } = {}): Promise<string> {
    return diffText(this.present(idOrPrefix), options);
  }

  /** A file at the task's base commit; null when it did not exist there (an added file). */
  async baseContent(idOrPrefix: string, relPath: string): Promise<Buffer | null> {
    const task = this.task(idOrPrefix);
    const info = infoOf(task);
    return baseContent(await repositoryRoot(task.cwd), info.base, relPath);
  }

  /** Whether the workspace has edits a new worktree (made from HEAD) will not see. */
  async workspaceIsDirty(folder: string): Promise<boolean> {
    return hasUncommittedChanges(await repositoryRoot(folder));
  }

  /**
   * Said of a new worktree task when the workspace has uncommitted changes (the worktree starts
   * from HEAD, without them); undefined otherwise. Throws when git cannot tell.
   */
  async uncommittedNote(task: Task): Promise<string | undefined> {
    if (!task.worktreePath || !task.worktreeBase) return undefined;
    if (!(await this.workspaceIsDirty(task.cwd))) return undefined;
    return `the workspace has uncommitted changes; ${task.id} runs in a worktree made from HEAD (${task.worktreeBase.slice(0, 12)}) without them`;
  }

  /**
   * Brings the changes into the workspace as uncommitted changes (see apply.ts). On a conflict it
   * throws ApplyConflictError naming the files, having changed nothing.
   */
  async apply(idOrPrefix: string): Promise<ApplyResult & { task: Task }> {
    const task = this.task(idOrPrefix);
    this.assertSettled(task, 'apply');
    const result = await applyChanges(task.id, this.present(task.id), await repositoryRoot(task.cwd));
    const at = this.deps.now();
    await this.deps.store.write((r) => r.tasks.setWorktreeApplied(task.worktreePath!, at));
    this.deps.log.info(`applied the changes of ${task.id} (${result.files.length} files)`);
    return { ...result, task: this.task(task.id) };
  }

  /** Removes the worktree and its branch, changes and all. */
  async discard(idOrPrefix: string): Promise<Task> {
    const task = this.task(idOrPrefix);
    const info = infoOf(task);
    this.assertSettled(task, 'discard');
    if (info.removedAt === null) await this.remove(task, 'delete');
    return this.task(task.id);
  }

  /** True when its worktree holds changes that were never applied (what deleting would lose). */
  async hasUnappliedChanges(task: Task): Promise<boolean> {
    if (!task.worktreePath || task.worktreeRemovedAt !== null || task.worktreeAppliedAt !== null)
      return false;
    // No worktree left on disk: nothing there that deleting would lose.
    if (!existsSync(task.worktreePath)) return false;
    try {
      return (await changedFiles(infoOf(task))).length > 0;
    } catch (err) {
      // A worktree git cannot read may still hold work: count it as unapplied, never as empty.
      this.deps.log.warn(`could not read the changes of ${task.id}: ${messageOf(err)}`);
      return true;
    }
  }

  /** Removes a task's worktree (the caller checked that nothing is lost) and records it. */
  async remove(task: Task, branch: 'delete' | 'if-unchanged'): Promise<void> {
    const info = infoOf(task);
    const owner = listLedger(this.deps.store.paths.outputDir).find((e) => e.path === info.path);
    const repo = owner?.repo ?? (await repositoryRoot(task.cwd));
    await removeWorktree({ repo, path: info.path, branch: info.branch, base: info.base }, { branch });
    const at = this.deps.now();
    await this.deps.store.write((r) => r.tasks.setWorktreeRemoved(info.path, at));
    if (owner) removeLedger(this.deps.store.paths.outputDir, owner.taskId);
    this.deps.log.info(`removed the worktree ${info.path} of ${task.id}`);
  }

  /** Recovery: worktrees whose task is gone (see sweep.ts). */
  sweep(): Promise<string[]> {
    const { store, log } = this.deps;
    return sweepWorktrees({ store, outputDir: store.paths.outputDir, log });
  }

  private task(idOrPrefix: string): Task {
    const task = this.deps.store.read((r) => r.tasks.resolve(idOrPrefix));
    if (!task.worktreePath) {
      throw new DispatchError(
        'invalid-input',
        `task ${task.id} did not run in a worktree (delegate it with --worktree)`,
      );
    }
    return task;
  }

  /** The worktree, if it is still there. */
  private present(idOrPrefix: string): WorktreeInfo {
    const info = infoOf(this.task(idOrPrefix));
    if (info.removedAt !== null) {
      throw new DispatchError(
        'invalid-input',
        `the worktree of ${info.taskId} was discarded; its changes are gone`,
      );
    }
    return info;
  }

  /** Nothing that uses the worktree may still run (or be about to). */
  private assertSettled(task: Task, action: string): void {
    const busy = this.deps.store
      .read((r) => r.tasks.sharingWorktree(task.worktreePath!))
      .find((t) => !isTerminal(t.state));
    if (busy) {
      throw new DispatchError(
        'invalid-input',
        `cannot ${action} ${task.id} yet: ${busy.id === task.id ? 'it' : `${busy.id}, which uses the same worktree,`} is ${busy.state} (wait for it or cancel it first)`,
      );
    }
  }
}

function infoOf(task: Task): WorktreeInfo {
  return {
    taskId: task.id,
    path: task.worktreePath!,
    branch: task.worktreeBranch!,
    base: task.worktreeBase!,
    appliedAt: task.worktreeAppliedAt,
    removedAt: task.worktreeRemovedAt,
  };
}
