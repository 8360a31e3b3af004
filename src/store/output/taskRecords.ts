/**
 * The small JSON sidecars a supervisor leaves next to a task's log (architecture.md §3, §6):
 *
 *   <id>.pid    who runs the task: supervisor and agent PIDs with their process start times,
 *               so any engine can verify them (a bare PID may have been reused);
 *   <id>.exit   how the run ended; written exactly once, after the log is complete, which makes
 *               it the signal that the task is over;
 *   <id>.retry.json  the latest retry the agent reported while it runs (removed when it ends).
 *
 * Both are written whole to a temporary file and renamed into place, so a reader in another
 * process sees either nothing or the complete record.
 */
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
// zod/mini: the supervisor bundles this module, and full zod costs it ~40 ms of start-up per task.
import * as z from 'zod/mini';
import { DispatchError, messageOf } from '../../core/errors';
import { outputFiles } from './outputFormat';

/**
 * Why the supervisor ended a run itself or could not run it; null when the agent ended on its
 * own (success or not is then decided by exit code, signal and the agent's verdict). Kept an open
 * string in the schema so an older engine can still read a newer supervisor's record.
 */
export type ExitReason = 'cancelled' | 'timeout' | 'spawn-failed' | 'supervisor-error' | 'setup';

const epochMs = z.int().check(z.nonnegative());
const count = z.int().check(z.nonnegative());

const tokens = z.int().check(z.nonnegative());

/**
 * The agent's own verdict and account of the run, folded from its output's events (see
 * engine/agents/resultFold.ts). `message` is the error when `isError`; `summary` its final words.
 */
export const agentResultSchema = z.object({
  isError: z.boolean(),
  message: z.optional(z.nullable(z.string())),
  summary: z.optional(z.string()),
  sessionId: z.optional(z.string()),
  model: z.optional(z.string()),
  usage: z.optional(
    z.object({ inputTokens: tokens, outputTokens: tokens, cachedInputTokens: z.optional(tokens) }),
  ),
  costUsd: z.optional(z.number()),
  turns: z.optional(z.number()),
  durationMs: z.optional(z.number()),
  denials: z.optional(z.array(z.object({ tool: z.string(), detail: z.string() }))),
  /** A usage limit it hit (core/usageLimit.ts): its words, and its reset as an epoch or as worded. */
  limit: z.optional(
    z.object({ message: z.string(), resetAt: z.optional(z.number()), reset: z.optional(z.string()) }),
  ),
  /** The output ended without a verdict (cancelled, killed): `isError` then means nothing. */
  unfinished: z.optional(z.boolean()),
});
export type AgentResult = z.infer<typeof agentResultSchema>;

/**
 * A loop iteration's check, run by the supervisor after the agent (engine/supervisor/checkRun.ts):
 * how it ended, its score, and its last lines, which the next iteration is told.
 */
export const checkRecordSchema = z.object({
  command: z.string(),
  exitCode: z.nullable(z.int()),
  signal: z.nullable(z.string()),
  /** Why it has no exit code of its own: timed out, could not start. */
  problem: z.nullable(z.string()),
  /** It could not be started at all. */
  unstartable: z.boolean(),
  output: z.string(),
  score: z.nullable(z.number()),
  durationMs: count,
});
export type CheckRecord = z.infer<typeof checkRecordSchema>;

export const exitRecordSchema = z.object({
  taskId: z.string().check(z.minLength(1)),
  /** Null when the agent never ran or died of a signal. */
  exitCode: z.nullable(z.int()),
  signal: z.nullable(z.string()),
  startedAt: z.nullable(epochMs),
  endedAt: epochMs,
  reason: z.nullable(z.string()),
  /** Words for the user: why it could not start, the agent's last error line, … */
  message: z.optional(z.nullable(z.string())),
  outputBytes: count,
  outputLines: count,
  truncatedBytes: count,
  agentResult: z.optional(z.nullable(agentResultSchema)),
  /** Loop iterations only: the check that ran after the agent. */
  check: z.optional(z.nullable(checkRecordSchema)),
});
export type ExitRecord = Omit<z.infer<typeof exitRecordSchema>, 'reason'> & { reason: ExitReason | null };

export const pidRecordSchema = z.object({
  supervisorPid: z.int().check(z.positive()),
  supervisorStart: z.nullable(z.string()),
  agentPid: z.nullable(z.int().check(z.positive())),
  agentStart: z.nullable(z.string()),
  startedAt: epochMs,
});
export type PidRecord = z.infer<typeof pidRecordSchema>;

/** The latest retry a running agent reported (`<id>.retry.json`); meaningless once the task ended. */
export const retryRecordSchema = z.object({
  attempt: z.optional(z.number()),
  max: z.optional(z.number()),
  status: z.optional(z.string()),
  message: z.string(),
  at: epochMs,
});
export type RetryRecord = z.infer<typeof retryRecordSchema>;

export function writeRetryRecord(outputDir: string, taskId: string, record: RetryRecord): void {
  writeJsonAtomic(outputFiles(outputDir, taskId).retry, z.parse(retryRecordSchema, record));
}

export function removeRetryRecord(outputDir: string, taskId: string): void {
  try {
    unlinkSync(outputFiles(outputDir, taskId).retry);
  } catch {
    // never written, or already gone
  }
}

/**
 * What a running task's agent is retrying, or undefined: none reported, or the task has ended
 * (its exit record exists), or the record is damaged (a retry notice is not worth an error).
 */
export function readRetryRecord(outputDir: string, taskId: string): RetryRecord | undefined {
  try {
    if (existsSync(outputFiles(outputDir, taskId).exit)) return undefined;
    return readJson(outputFiles(outputDir, taskId).retry, retryRecordSchema);
  } catch {
    return undefined;
  }
}

export function writeExitRecord(outputDir: string, record: ExitRecord): void {
  writeJsonAtomic(outputFiles(outputDir, record.taskId).exit, z.parse(exitRecordSchema, record));
}

export function writePidRecord(outputDir: string, taskId: string, record: PidRecord): void {
  writeJsonAtomic(outputFiles(outputDir, taskId).pid, z.parse(pidRecordSchema, record));
}

/** The task's exit record, or undefined while it runs (or never started). */
export function readExitRecord(outputDir: string, taskId: string): ExitRecord | undefined {
  return readJson(outputFiles(outputDir, taskId).exit, exitRecordSchema) as ExitRecord | undefined;
}

export function readPidRecord(outputDir: string, taskId: string): PidRecord | undefined {
  return readJson(outputFiles(outputDir, taskId).pid, pidRecordSchema);
}

/** Temp name keeps the `<id>.` prefix (retention deletes `<id>.*`) and never ends in `.exit`. */
export function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(value)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw new DispatchError(
      'io',
      `Cannot write ${file}: ${messageOf(err)}. Check free disk space and permissions.`,
      {
        cause: err,
      },
    );
  }
}

function readJson<T>(file: string, schema: z.ZodMiniType<T>): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DispatchError('io', `Cannot read ${file}: ${messageOf(err)}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DispatchError('state-corrupt', `${file} is not valid JSON; delete it to let recovery decide`, {
      cause: err,
    });
  }
  const parsed = z.safeParse(schema, json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DispatchError(
      'state-corrupt',
      `${file} is not a valid record (${issue?.path.join('.') || 'root'}: ${issue?.message}); delete it to let recovery decide`,
    );
  }
  return parsed.data;
}
