/**
 * What an agent is to the engine: a command-line template (built in or from `dispatch.agents`)
 * that becomes a concrete launch for one task. The supervisor receives an AgentLaunch and needs
 * nothing else about agents, except the output format that tells it how to read a verdict.
 */

/** How the agent's own verdict is read from its stdout (see verdicts.ts). */
export type OutputFormat = 'claude-stream-json' | 'codex-json' | 'gemini-stream-json' | 'text';

/** The values a template may use as `${name}`. */
export interface LaunchInput {
  prompt: string;
  taskId: string;
  /** The task's working folder (absolute). */
  cwd: string;
  /** The workspace folder, when there is one; `${workspaceFolder}` falls back to `cwd`. */
  workspaceFolder?: string;
}

/** A concrete command for one task. Always spawned with an argument array, never a shell line. */
export interface AgentLaunch {
  /** The agent's name, for messages. */
  agent: string;
  /** Executable name (looked up on PATH) or path. */
  command: string;
  args: string[];
  /** The agent's complete environment (not a delta). */
  env: Record<string, string>;
  /**
   * True when `command` is a shell interpreting the prompt (the `shell` agent). Informational:
   * the shell is already in `command`/`args`, so nobody spawns with `shell: true`.
   */
  shell: boolean;
  outputFormat: OutputFormat;
  /** cmd.exe parses its own command line; Node must not quote it (Windows `shell` agent only). */
  windowsVerbatimArguments?: boolean;
}

/** Whether an agent can run here (see availability.ts). */
export interface Availability {
  available: boolean;
  /** Why not, in one line a user can act on. */
  why?: string;
  /** The command that installs a missing built-in agent, for a "Copy Install Command" action. */
  install?: string;
  /** The executable that would run. */
  path?: string;
}
