/**
 * The task and the records that describe who runs it. These are the shapes every layer shares;
 * rows read back from the database are parsed with these schemas at the store boundary.
 */
import * as z from 'zod';
import { AUTONOMY_LEVELS, type Autonomy } from './autonomy';
import { TASK_STATES } from './taskState';
import type { WorktreeRequest } from './worktree';

export const PRIORITIES = ['P0', 'P1', 'P2'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const DEFAULT_PRIORITY: Priority = 'P1';

export function isPriority(value: string): value is Priority {
  return (PRIORITIES as readonly string[]).includes(value);
}

const epochMs = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

export const taskSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  prompt: z.string(),
  agent: z.string().min(1),
  priority: z.enum(PRIORITIES),
  state: z.enum(TASK_STATES),
  cwd: z.string(),
  /** Per-task timeout; null means none. */
  timeoutMs: z.number().int().positive().nullable(),
  createdAt: epochMs,
  startedAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  /** Why a task failed, was cancelled or paused, in words a user can act on ("timeout", "usage-limit: …"). */
  reason: z.string().nullable(),
  /** A paused task's resume time (its agent's usage limit resets); null in every other state. */
  resumeAt: epochMs.nullable(),
  /** How many times it was resumed after a usage limit (at most dispatch.usageLimit.maxResumes). */
  limitResumes: count,
  retryOf: z.string().nullable(),
  resumeOf: z.string().nullable(),
  continueFrom: z.string().nullable(),
  /** The task this one replies to: it continues that task's agent session (or its context). */
  replyTo: z.string().nullable(),
  /** Null only for tasks stored before autonomy levels existed. */
  autonomy: z.enum(AUTONOMY_LEVELS).nullable(),
  /** The model asked for (by the task or the agent's setting); null = the agent's own default. */
  model: z.string().nullable(),
  /** From the agent's result (its .exit record has the rest); null when it reported none. */
  sessionId: z.string().nullable(),
  inputTokens: count.nullable(),
  outputTokens: count.nullable(),
  cachedInputTokens: count.nullable(),
  costUsd: z.number().nonnegative().nullable(),
  turns: count.nullable(),
  /** How many actions the agent's permissions refused. */
  denialCount: count.nullable(),
  cancelRequestedAt: epochMs.nullable(),
  /** Output size as last committed by the engine running the task (the log file is the truth). */
  outputBytes: z.number().int().nonnegative(),
  outputLines: z.number().int().nonnegative(),
  // Its own git worktree (core/worktree.ts); all null for a task that runs in its folder.
  /** The worktree folder (`<root>/<task id>`), planned at delegate time, made when the task starts. */
  worktreePath: z.string().nullable(),
  /** `dispatch/<task id>`, or the branch of the task whose worktree it shares (a reply). */
  worktreeBranch: z.string().nullable(),
  /** The commit that was HEAD when the task was delegated: what its changes are measured against. */
  worktreeBase: z.string().nullable(),
  /** When its changes were applied to the workspace (`dispatch apply`). */
  worktreeAppliedAt: epochMs.nullable(),
  /** When its worktree and branch were removed (`dispatch discard`, or retention of an unchanged one). */
  worktreeRemovedAt: epochMs.nullable(),
  /** The engine that stored it (a window, a CLI command, a worker); null before this was recorded. */
  createdBy: z.string().nullable(),
});
export type Task = z.infer<typeof taskSchema>;

/** A running task's claim: which engine owns it and which processes run it. */
export const workerSchema = z.object({
  taskId: z.string().min(1),
  ownerId: z.string().min(1),
  host: z.string(),
  claimedAt: epochMs,
  startedAt: epochMs.nullable(),
  supervisorPid: z.number().int().positive().nullable(),
  /** Process start time of the supervisor (detects PID reuse); opaque, compared for equality. */
  supervisorStart: z.string().nullable(),
  agentPid: z.number().int().positive().nullable(),
  agentStart: z.string().nullable(),
});
export type WorkerRecord = z.infer<typeof workerSchema>;

export const ENGINE_KINDS = ['window', 'cli', 'test'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/** A live engine: an editor window's extension host, a `dispatch worker`, or a test process. */
export const engineSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(ENGINE_KINDS),
  label: z.string(),
  pid: z.number().int().positive(),
  processStart: z.string().nullable(),
  host: z.string(),
  startedAt: epochMs,
  heartbeatAt: epochMs,
});
export type EngineRecord = z.infer<typeof engineSchema>;

/** What a caller supplies to create a task; everything else is filled in by the store. */
export interface NewTask {
  prompt: string;
  agent: string;
  cwd: string;
  title?: string;
  priority?: Priority;
  timeoutMs?: number | null;
  retryOf?: string | null;
  resumeOf?: string | null;
  /** Starts with this earlier task's context, and waits for it (resolved like `after`). */
  continueFrom?: string | null;
  replyTo?: string | null;
  autonomy?: Autonomy | null;
  model?: string | null;
  /** Ids (or unique prefixes) of the tasks this one waits for. */
  after?: readonly string[];
  /** Runs in a git worktree (see core/worktree.ts). */
  worktree?: WorktreeRequest | null;
  /** The engine storing it (Submissions sets it); its window announces how the task ends. */
  createdBy?: string | null;
}

/**
 * A model name as an agent's flag takes it. It becomes one argument, so anything goes except a
 * leading `-` (the CLI would read it as a flag) and whitespace (no model name has any).
 */
export function modelNameProblem(model: string): string | undefined {
  if (model === '') return 'it is empty';
  if (model.startsWith('-')) return 'a model name does not start with "-"';
  if (/\s/.test(model)) return 'a model name has no spaces';
  return undefined;
}

/** A short one-line title from a prompt: the first non-empty line, cut at 80 characters. */
export function titleFromPrompt(prompt: string): string {
  const line = prompt.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const trimmed = line.trim().replace(/\s+/g, ' ');
  return trimmed.length > 80 ? `${trimmed.slice(0, 79)}…` : trimmed;
}

const RETRY_SUFFIX = /^(.*) \(retry (\d+)\)$/;

/**
 * A retry's title: "Fix the build (retry 1)", then "(retry 2)" for a retry of that one — so its
 * row and its output tab are told apart from the run it repeats.
 */
export function retryTitle(title: string): string {
  const numbered = RETRY_SUFFIX.exec(title);
  return numbered ? `${numbered[1]} (retry ${Number(numbered[2]) + 1})` : `${title} (retry 1)`;
}

/** A title cut to `max` characters, keeping a retry's "(retry N)" at its end. */
export function shortTitle(title: string, max: number): string {
  if (title.length <= max) return title;
  const numbered = RETRY_SUFFIX.exec(title);
  const suffix = numbered ? ` (retry ${numbered[2]})` : '';
  const base = numbered ? numbered[1]! : title;
  return `${base.slice(0, Math.max(1, max - suffix.length - 1))}…${suffix}`;
}
