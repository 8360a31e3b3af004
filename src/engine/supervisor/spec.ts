/**
 * What the launcher tells a supervisor: one JSON file, `output/<taskId>.spec.json`, named on the
 * supervisor's command line and deleted as soon as it is read. The agent's environment is not in
 * it: the launcher hands that over as the supervisor's own environment, so API keys never touch
 * the disk (an argv would be worse: any user can read it with `ps`).
 */
import { readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
// zod/mini keeps the supervisor bundle small: full zod costs ~40 ms of start-up per task.
import * as z from 'zod/mini';
import { DispatchError, messageOf } from '../../core/errors';
import { writeJsonAtomic } from '../../store/taskFiles';

export const SPEC_VERSION = 1;

const nonEmpty = z.string().check(z.minLength(1));

export const supervisorSpecSchema = z.object({
  version: z.literal(SPEC_VERSION),
  taskId: nonEmpty,
  outputDir: nonEmpty,
  cwd: nonEmpty,
  launch: z.object({
    agent: z.string(),
    command: nonEmpty,
    args: z.array(z.string()),
    shell: z.boolean(),
    outputFormat: z.enum(['claude-stream-json', 'codex-json', 'gemini-stream-json', 'text']),
    windowsVerbatimArguments: z.optional(z.boolean()),
    /** For a "not found" reason: how to install the built-in agent. */
    install: z.optional(z.string()),
    /** Written to the log as `dispatch:` lines before the agent starts. */
    notices: z._default(z.array(z.string()), []),
    /** A line that means the agent hit its usage limit (agents/limitPattern.ts). */
    limitPattern: z.optional(z.string()),
  }),
  /**
   * Agent variables the supervisor must not itself run with (NODE_OPTIONS could attach a
   * debugger to it or preload code); the supervisor puts them back for the agent.
   */
  envRestore: z._default(z.record(z.string(), z.string()), {}),
  /** Output is written at least this often. */
  flushIntervalMs: z.int().check(z.positive()),
  /** Output cap, keeping the tail; 0 = none. */
  maxOutputBytes: z.int().check(z.nonnegative()),
  /** SIGTERM → SIGKILL delay when cancelling or timing out. */
  killGraceMs: z.int().check(z.nonnegative()),
  timeoutMs: z.nullable(z.int().check(z.positive())),
  /** How often to look for `<taskId>.cancel` besides watching for it. */
  cancelPollMs: z._default(z.int().check(z.positive()), 1000),
  /**
   * `dispatch.worktree.setupCommand`, already turned into the user's shell and its arguments, run
   * in a new worktree before the agent (supervise.ts): the supervisor owns the log, so its output
   * lands there, and a cancel or the timeout stops it like an agent.
   */
  setup: z.optional(
    z.object({
      command: nonEmpty,
      args: z.array(z.string()),
      windowsVerbatimArguments: z.optional(z.boolean()),
      line: z.string(),
      cwd: nonEmpty,
    }),
  ),
  /**
   * A loop iteration's check (issue 17), already turned into the user's shell and its arguments:
   * run after the agent when it completed, into the same log, stopped by a cancel like the agent
   * and by its own timeout (checkRun.ts). `score`: read the last number it prints (eval loops).
   */
  check: z.optional(
    z.object({
      command: nonEmpty,
      args: z.array(z.string()),
      windowsVerbatimArguments: z.optional(z.boolean()),
      line: z.string(),
      cwd: nonEmpty,
      timeoutMs: z.int().check(z.positive()),
      score: z.boolean(),
    }),
  ),
});
export type SupervisorSpec = z.infer<typeof supervisorSpecSchema>;
export type SupervisorSpecInput = z.input<typeof supervisorSpecSchema>;

/** Variables of the agent's environment moved out of the supervisor's (see envRestore). */
export const SUPERVISOR_UNSAFE_ENV = ['NODE_OPTIONS'];

export function writeSpec(file: string, spec: SupervisorSpecInput): void {
  writeJsonAtomic(file, z.parse(supervisorSpecSchema, spec));
}

/** Reads and deletes the spec. */
export function readSpec(file: string): SupervisorSpec {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DispatchError('io', `cannot read the supervisor spec ${file}: ${messageOf(err)}`, {
      cause: err,
    });
  } finally {
    try {
      unlinkSync(file);
    } catch {
      // already gone: nothing to clean up
    }
  }
  const parsed = z.safeParse(supervisorSpecSchema, json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DispatchError(
      'invalid-input',
      `bad supervisor spec ${file} (${issue?.path.join('.')}: ${issue?.message}); is the supervisor from another version?`,
    );
  }
  return parsed.data;
}

/** Where a spec's task files are, from the spec's own path (for a last-resort exit record). */
export function taskOfSpecPath(file: string): { outputDir: string; taskId: string } | undefined {
  const match = /^(.+)\.spec\.json$/.exec(path.basename(file));
  return match ? { outputDir: path.dirname(file), taskId: match[1]! } : undefined;
}
