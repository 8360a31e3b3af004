/**
 * How much an agent may do on its own. Each agent maps a level to its own flags (built-ins in
 * engine/agents/builtins.ts, from docs/agents.md "Autonomy, compared"; custom agents through
 * `autonomyArgs`). Without any flag the three CLIs refuse every change and still report success,
 * so a coding task needs at least `edit`.
 */
export const AUTONOMY_LEVELS = ['read-only', 'edit', 'full'] as const;
export type Autonomy = (typeof AUTONOMY_LEVELS)[number];
export const DEFAULT_AUTONOMY: Autonomy = 'edit';

/** One line per level, for pickers and help texts. */
export const AUTONOMY_DESCRIPTIONS: Readonly<Record<Autonomy, string>> = {
  'read-only': 'reads and answers; every change is refused',
  edit: 'edits files in the working folder (and, for Codex, runs commands there)',
  full: 'runs any command without asking: best inside a worktree or container',
};

export function isAutonomy(value: string): value is Autonomy {
  return (AUTONOMY_LEVELS as readonly string[]).includes(value);
}
