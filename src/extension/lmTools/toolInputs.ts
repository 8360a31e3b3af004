/**
 * The tools' names and inputs, as package.json `languageModelTools` declares them (its
 * `inputSchema`s are what the model is shown; these types are what the tools read). Values are
 * not narrowed to enums here on purpose: the engine's own checks refuse a bad one with the
 * message the CLI and the MCP tools give, and store nothing.
 */
export const LanguageModelToolNames = {
  delegate: 'dispatch_delegate',
  status: 'dispatch_status',
  output: 'dispatch_output',
  cancel: 'dispatch_cancel',
  reply: 'dispatch_reply',
  diff: 'dispatch_diff',
  apply: 'dispatch_apply',
  discard: 'dispatch_discard',
  loopStart: 'dispatch_loop_start',
  loopStatus: 'dispatch_loop_status',
  loopCancel: 'dispatch_loop_cancel',
} as const;

export interface DelegateToolInput {
  prompt: string;
  agent?: string;
  priority?: string;
  autonomy?: string;
  model?: string;
  title?: string;
  /** Relative to the workspace folder; default the folder itself. */
  cwd?: string;
  /** undefined: `dispatch.worktree.mode` decides. */
  worktree?: boolean;
}

export interface TaskToolInput {
  taskId: string;
}

export interface ReplyToolInput extends TaskToolInput {
  message: string;
}

export interface OutputToolInput extends TaskToolInput {
  lines?: number;
}

export interface DiffToolInput extends TaskToolInput {
  stat?: boolean;
}

export interface LoopStartToolInput extends DelegateToolInput {
  until?: string;
  eval?: string;
  direction?: string;
  target?: number;
  maxIterations?: number;
}

export interface LoopToolInput {
  loopId: string;
}

/**
 * Only what the tools declare reaches the engine: a model may send more (`after`, a timeout),
 * which the editor's tools do not offer.
 */
export function declaredInput({
  prompt,
  agent,
  priority,
  autonomy,
  model,
  title,
  cwd,
  worktree,
}: DelegateToolInput): DelegateToolInput {
  return { prompt, agent, priority, autonomy, model, title, cwd, worktree };
}

export function declaredLoopInput(input: LoopStartToolInput): LoopStartToolInput {
  const { until, eval: evaluate, direction, target, maxIterations } = input;
  return { ...declaredInput(input), until, eval: evaluate, direction, target, maxIterations };
}
