/**
 * The built-in agents, run headless as docs/agents.md observed them. Each is a template plus
 * what the generic runner cannot guess: how to read its verdict, which inherited variables to
 * drop, and how to install it (for the "not found" message).
 */
import type { OutputFormat } from './types';

export interface BuiltinAgent {
  description: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  outputFormat: OutputFormat;
  /** Inherited variables the agent must not see. */
  dropEnv?: (name: string) => boolean;
  install: string;
}

export const BUILTIN_AGENTS: Readonly<Record<string, BuiltinAgent>> = {
  claude: {
    description: 'Claude Code in print mode',
    command: 'claude',
    // stream-json needs --verbose (else exit 1); its final `result` event carries is_error.
    args: ['-p', '${prompt}', '--output-format', 'stream-json', '--verbose'],
    env: {},
    outputFormat: 'claude-stream-json',
    // Inherited from a parent Claude Code session they make the child believe it is nested.
    dropEnv: (name) => name === 'CLAUDECODE' || name.startsWith('CLAUDE_CODE_'),
    install: 'npm install -g @anthropic-ai/claude-code',
  },
  codex: {
    description: 'OpenAI Codex CLI (codex exec)',
    command: 'codex',
    // --skip-git-repo-check: a task folder need not be a repository; --json gives turn.failed.
    args: ['exec', '--json', '--skip-git-repo-check', '${prompt}'],
    env: {},
    outputFormat: 'codex-json',
    install: 'npm install -g @openai/codex',
  },
  gemini: {
    description: 'Gemini CLI in prompt mode',
    command: 'gemini',
    args: ['-p', '${prompt}', '-o', 'stream-json'],
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
