/**
 * The `dispatch.*` settings: one schema, used by the extension (from VS Code's configuration)
 * and the CLI (from `.vscode/settings.json`). Each invalid value is reported and replaced by its
 * default, so one typo never disables the rest. Keep in step with `contributes.configuration`
 * in package.json (a unit test checks they agree).
 */
import * as z from 'zod';
import { AUTONOMY_LEVELS } from './autonomy';

const argList = z.array(z.string());

/**
 * One `dispatch.agents` entry. A custom agent needs `command`; an entry named like a built-in
 * (`{"claude": {"model": "opus"}}`) configures it, and replaces its command line only when it
 * gives `command` or `args`. Extra arguments come in separate lists so each is used only when it
 * applies: `autonomyArgs` for the task's level, `modelArgs` (with `${model}`) when a task names
 * a model, `resumeArgs` (a whole argument list with `${sessionId}`) when a reply continues the
 * agent's session.
 */
export const agentDefinitionSchema = z.object({
  command: z.string().min(1, 'command must not be empty').optional(),
  /** Default `["${prompt}"]` for a custom agent; a built-in keeps its own. */
  args: argList.optional(),
  env: z.record(z.string(), z.string()).default({}),
  description: z.string().optional(),
  /** The model a task uses when it names none. */
  model: z.string().min(1).optional(),
  autonomyArgs: z
    .object({ 'read-only': argList.optional(), edit: argList.optional(), full: argList.optional() })
    .strict()
    .optional(),
  modelArgs: argList.optional(),
  resumeArgs: argList.optional(),
  /** At most this many of the agent's tasks run at once, across every window and worker. */
  maxWorkers: z.number().int().min(1).max(64).optional(),
  /**
   * A line of output that means the agent hit its usage limit (core/usageLimit.ts); its named
   * group `reset`, when present, says when the limit resets (core/resetTime.ts).
   */
  limitPattern: z
    .string()
    .min(1)
    .refine((source) => regexProblem(source) === undefined, {
      error: (issue) => `limitPattern is not a regular expression: ${regexProblem(String(issue.input))}`,
    })
    .optional(),
});
export type AgentDefinition = z.infer<typeof agentDefinitionSchema>;

function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Each agent's own cap (`dispatch.agents.<name>.maxWorkers`), for the agents that have one. */
export function agentCaps(config: Pick<DispatchConfig, 'agents'>): Record<string, number> {
  const caps: Record<string, number> = {};
  for (const [name, entry] of Object.entries(config.agents ?? {})) {
    if (entry.maxWorkers !== undefined) caps[name] = entry.maxWorkers;
  }
  return caps;
}

export const NOTIFICATION_LEVELS = ['all', 'failures', 'none'] as const;
/** `on`: every new task runs in its own git worktree unless told otherwise (`--worktree`). */
export const WORKTREE_MODES = ['off', 'on'] as const;

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Each setting with its default; bounds match package.json. */
export const configFields = {
  maxWorkers: { schema: int(1, 64), default: 4 },
  defaultAgent: { schema: z.string().min(1), default: 'claude' },
  autonomy: { schema: z.enum(AUTONOMY_LEVELS), default: 'edit' },
  agents: { schema: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), agentDefinitionSchema), default: {} },
  outputFlushIntervalMs: { schema: int(100, 30_000), default: 1000 },
  maxOutputMB: { schema: z.number().min(1).max(4096), default: 50 },
  taskTimeoutMinutes: { schema: z.number().min(0).max(10_080), default: 0 },
  killGraceMs: { schema: int(0, 600_000), default: 5000 },
  memoryReserveMB: { schema: int(0, 1_048_576), default: 512 },
  retentionDays: { schema: int(1, 3650), default: 30 },
  maxHistory: { schema: int(100, 1_000_000), default: 5000 },
  notifications: { schema: z.enum(NOTIFICATION_LEVELS), default: 'all' },
  stateDirectory: { schema: z.string(), default: '' },
  // Worktrees (issue 14). `worktree.mode`, not `worktree`: VS Code keeps settings as one tree, and
  // a value at `dispatch.worktree` would hide `dispatch.worktree.root` and its siblings.
  'worktree.mode': { schema: z.enum(WORKTREE_MODES), default: 'off' },
  'worktree.root': { schema: z.string(), default: '' },
  'worktree.copyFiles': { schema: z.array(z.string().min(1)).max(100), default: ['.env', '.env.*'] },
  'worktree.setupCommand': { schema: z.string(), default: '' },
  // Usage limits (issue 16): a task that ends at its agent's limit is paused and resumed.
  'usageLimit.autoResume': { schema: z.boolean(), default: true },
  'usageLimit.maxResumes': { schema: int(0, 100), default: 3 },
  // Issue 16: 0 is no budget. Reached, no new task starts in any window or worker that day.
  'budget.dailyUsd': { schema: z.number().min(0).max(1_000_000), default: 0 },
  // Loops (issue 17): how long an iteration's check may run before it is stopped.
  'loop.checkTimeoutSeconds': { schema: int(1, 86_400), default: 600 },
} as const;

type Fields = typeof configFields;
export type DispatchConfig = { -readonly [K in keyof Fields]: z.output<Fields[K]['schema']> };
export type ConfigKey = keyof DispatchConfig;
export const CONFIG_KEYS = Object.keys(configFields) as ConfigKey[];

export interface ConfigProblem {
  key: string;
  message: string;
}

export function defaultConfig(): DispatchConfig {
  const out: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) out[key] = structuredClone(configFields[key].default);
  return out as DispatchConfig;
}

/**
 * Reads settings given as `{ maxWorkers: 2, … }` (keys without the `dispatch.` prefix).
 * Undefined values take the default silently; invalid ones take it with a problem.
 */
export function parseConfig(raw: Record<string, unknown>): {
  config: DispatchConfig;
  problems: ConfigProblem[];
} {
  const config = defaultConfig() as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  for (const key of CONFIG_KEYS) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    const parsed = configFields[key].schema.safeParse(value);
    if (parsed.success) config[key] = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
      problems.push({
        key: `dispatch.${key}`,
        message: `dispatch.${key}: ${issue?.message ?? 'invalid value'}${where}; using the default ${JSON.stringify(configFields[key].default)}`,
      });
    }
  }
  return { config: config as DispatchConfig, problems };
}

/** Picks `dispatch.*` keys out of a flat settings object (as in `.vscode/settings.json`). */
export function settingsToRaw(settings: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (key.startsWith('dispatch.')) raw[key.slice('dispatch.'.length)] = value;
  }
  // A nested form ({ "dispatch": { "maxWorkers": 2 } }) is accepted too.
  const nested = settings.dispatch;
  if (nested && typeof nested === 'object') Object.assign(raw, nested);
  // …down to dotted keys ({ "dispatch": { "worktree": { "mode": "on" } } }).
  for (const key of CONFIG_KEYS.filter((k) => k.includes('.'))) {
    const [group, leaf] = key.split('.') as [string, string];
    const value = raw[group];
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      leaf in value &&
      raw[key] === undefined
    )
      raw[key] = (value as Record<string, unknown>)[leaf];
  }
  return raw;
}
