/**
 * The built-in agents, run headless as docs/agents.md observed them. Each is a template plus
 * what the generic runner cannot guess: its flags for each autonomy level, for a model and for
 * continuing a session, how to read its output, which inherited variables to drop, and how to
 * install it (for the "not found" message).
 */
import type { Autonomy } from '../../core/autonomy';
import type { OutputFormat } from './types';

/**
 * Where the autonomy and model arguments go in a built-in's template. Elsewhere (custom agents,
 * or a built-in whose `args` the user replaced) they are appended at the end.
 */
export const OPTIONS_SLOT = '\0options';

export interface AutonomyFlags {
  args: string[];
  /** Variables the level needs when Dispatch runs as root (Claude refuses bypass mode otherwise). */
  rootEnv?: Record<string, string>;
}

export interface BuiltinAgent {
  description: string;
  command: string;
  args: string[];
  /** The whole argument list for a reply that continues the agent's session (`${sessionId}`). */
  resumeArgs?: string[];
  /** Appended (at OPTIONS_SLOT) when a task names a model; `${model}` is substituted. */
  modelArgs?: string[];
  autonomy?: Record<Autonomy, AutonomyFlags>;
  env: Record<string, string>;
  outputFormat: OutputFormat;
  /** Inherited variables the agent must not see. */
  dropEnv?: readonly string[];
  install: string;
}

/**
 * What a parent Claude Code session exports to the commands it runs (docs/agents.md, Claude,
 * Environment): inherited by a child Claude, they make it think it is a sub-session of the
 * parent, tied to its messaging socket and IDE. Every other CLAUDE_CODE_* variable is the user's
 * own setting (CLAUDE_CODE_MAX_RETRIES, CLAUDE_CODE_OAUTH_TOKEN, CLAUDE_CODE_USE_BEDROCK, …) and
 * is passed on.
 */
export const CLAUDE_NESTED_ENV = [
  'CLAUDECODE',
  'CLAUDE_CODE_CHILD_SESSION',
  'CLAUDE_CODE_ENTRYPOINT',
  'CLAUDE_CODE_SESSION_ID',
  'CLAUDE_CODE_SESSION_ATTENDED',
  'CLAUDE_CODE_CHILD_NOTES_DIR',
  'CLAUDE_CODE_EXECPATH',
  'CLAUDE_CODE_MESSAGING_SOCKET',
  'CLAUDE_CODE_MESSAGING_TOKEN',
  'CLAUDE_CODE_LAUNCHED_BY_SESSION_IDS',
  'CLAUDE_CODE_SSE_PORT',
  'CLAUDE_PID',
  'CLAUDE_EFFORT',
  'AI_AGENT',
] as const;

// stream-json needs --verbose (else exit 1); its final `result` event carries is_error.
const CLAUDE_OUTPUT = ['--output-format', 'stream-json', '--verbose'];
// --skip-git-repo-check: a task folder need not be a repository. Options must come before
// `resume`, which has its own (docs/agents.md, Codex, Sessions).
const CODEX_EXEC = ['exec', '--json', '--skip-git-repo-check', OPTIONS_SLOT];

export const BUILTIN_AGENTS: Readonly<Record<string, BuiltinAgent>> = {
  claude: {
    description: 'Claude Code in print mode',
    command: 'claude',
    args: ['-p', '${prompt}', ...CLAUDE_OUTPUT, OPTIONS_SLOT],
    resumeArgs: ['-p', '${prompt}', '--resume', '${sessionId}', ...CLAUDE_OUTPUT, OPTIONS_SLOT],
    modelArgs: ['--model', '${model}'],
    autonomy: {
      // Plan mode alone sends shell commands to the auto-mode classifier, which may allow them.
      'read-only': { args: ['--permission-mode', 'plan', '--settings', '{"useAutoModeDuringPlan":false}'] },
      edit: { args: ['--permission-mode', 'acceptEdits'] },
      full: { args: ['--permission-mode', 'bypassPermissions'], rootEnv: { IS_SANDBOX: '1' } },
    },
    env: {},
    outputFormat: 'claude-stream-json',
    dropEnv: CLAUDE_NESTED_ENV,
    install: 'npm install -g @anthropic-ai/claude-code',
  },
  codex: {
    description: 'OpenAI Codex CLI (codex exec)',
    command: 'codex',
    args: [...CODEX_EXEC, '${prompt}'],
    resumeArgs: [...CODEX_EXEC, 'resume', '${sessionId}', '${prompt}'],
    modelArgs: ['-m', '${model}'],
    autonomy: {
      'read-only': { args: ['--sandbox', 'read-only'] },
      edit: { args: ['--sandbox', 'workspace-write'] },
      full: { args: ['--dangerously-bypass-approvals-and-sandbox'] },
    },
    env: {},
    outputFormat: 'codex-json',
    install: 'npm install -g @openai/codex',
  },
  gemini: {
    description: 'Gemini CLI in prompt mode',
    command: 'gemini',
    args: ['-p', '${prompt}', '-o', 'stream-json', OPTIONS_SLOT],
    resumeArgs: ['-p', '${prompt}', '-o', 'stream-json', '--resume', '${sessionId}', OPTIONS_SLOT],
    modelArgs: ['-m', '${model}'],
    autonomy: {
      'read-only': { args: ['--approval-mode', 'plan'] },
      edit: { args: ['--approval-mode', 'auto_edit'] },
      full: { args: ['--approval-mode', 'yolo'] },
    },
    // Without it the launcher relaunches itself, ignores SIGTERM and costs ~1 s and ~140 MB.
    env: { GEMINI_CLI_NO_RELAUNCH: 'true' },
    outputFormat: 'gemini-stream-json',
    install: 'npm install -g @google/gemini-cli',
  },
  shell: {
    description: 'the prompt is a command line for your shell',
    // Filled in per platform by shell.ts.
    command: '',
    args: [],
    env: {},
    outputFormat: 'text',
    install: 'set the SHELL environment variable or dispatch.agents.shell',
  },
};
