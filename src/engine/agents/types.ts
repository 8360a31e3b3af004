/**
 * What an agent is to the engine: a command-line template (built in or from `dispatch.agents`)
 * that becomes a concrete launch for one task. The supervisor receives an AgentLaunch and needs
 * nothing else about agents, except the output format that tells it how to read a verdict.
 */
import type { Autonomy } from '../../core/autonomy';

/** Which event decoder reads the agent's output (events/); `text` agents have none. */
export type OutputFormat = 'claude-stream-json' | 'codex-json' | 'gemini-stream-json' | 'text';

/** The values a template may use as `${name}`. */
export interface LaunchInput {
  prompt: string;
  taskId: string;
  /** The task's working folder (absolute). */
  cwd: string;
  /** The workspace folder, when there is one; `${workspaceFolder}` falls back to `cwd`. */
  workspaceFolder?: string;
  /** The level whose flags the agent gets; undefined passes none (the CLI's own default). */
  autonomy?: Autonomy;
  /** Passed with the agent's model flag (`${model}` in modelArgs). */
  model?: string;
  /** Continue this agent session (`${sessionId}` in resumeArgs) instead of starting one. */
  sessionId?: string;
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
  /** Lines the supervisor writes to the task's output before the agent starts (what was not applied). */
  notices?: string[];
  /** How to install a built-in agent whose command is its own (for the "not found" reason). */
  install?: string;
  /** `dispatch.agents.<name>.limitPattern`: a line that means the usage limit was hit. */
  limitPattern?: string;
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
