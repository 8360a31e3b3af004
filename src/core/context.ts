/**
 * The context a continuing or resuming task starts with: what an earlier task was asked, how it
 * ended, the end of what it printed and, in a git repository, where the tree stood when it ended.
 * The agent sees it in front of the user's prompt; the stored prompt stays the user's own, so a
 * retry rebuilds the same context and the Tasks view shows what the user wrote. Every part is
 * bounded, so a context stays a few KB however much the earlier task printed. For an agent with
 * structured output the context says what it did in words — its final message, the commands it
 * ran, the actions it was refused and the end of its transcript — never its raw JSON events.
 */
import type { TaskState } from './taskState';

/** Where the working folder's git repository stood when a task ended (output/<id>.git.json). */
export interface GitFacts {
  branch: string | null;
  commit: string | null;
  /** Uncommitted changes as `git status --porcelain` lists them ("M src/a.ts"). */
  changedFiles: string[];
}

export interface EarlierTask {
  id: string;
  title: string;
  prompt: string;
  state: TaskState;
  exitCode: number | null;
  signal: string | null;
  reason: string | null;
  /** The end of its output, as read (bounded by the reader). */
  outputTail: string;
  /** True when the output began before `outputTail` does. */
  outputCut: boolean;
  git: GitFacts | null;
  /** What a structured agent's run amounted to; `outputTail` is then its transcript's end. */
  run?: EarlierRun;
}

export interface EarlierRun {
  /** The agent's final message (or its error). */
  summary?: string;
  /** Its tool calls, one line each (`$ npm test`, `edit src/a.ts`), the last ones. */
  commands: string[];
  commandsLeftOut: number;
  /** Refused actions (`Bash \`touch x\``). */
  denials: string[];
}

export const CONTEXT_LIMITS = {
  promptChars: 4000,
  summaryChars: 4000,
  outputChars: 8192,
  changedFiles: 50,
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\r(?!\n)/g;

/** One earlier task as a context block; `missing` when it no longer exists (deleted by retention). */
export function contextBlock(task: EarlierTask | { missing: string }): string {
  if ('missing' in task) {
    return `[Context: the earlier task ${task.missing} no longer exists (deleted with old history).]`;
  }
  const lines = [`[Context from earlier task ${task.id} "${task.title}"]`, '', 'Its prompt was:'];
  lines.push(indent(cutEnd(task.prompt, CONTEXT_LIMITS.promptChars)), '');
  lines.push(`It ended ${endOf(task)}.`);
  if (task.git) lines.push(...gitLines(task.git));
  if (task.run) lines.push(...runLines(task.run));
  const output = cutStart(task.outputTail.replace(ANSI, ''), CONTEXT_LIMITS.outputChars);
  const what = task.run ? 'transcript' : 'output';
  if (output.text.trim() === '') {
    lines.push('', 'It printed nothing.');
  } else {
    const cut = task.outputCut || output.cut;
    lines.push('', cut ? `The end of its ${what} (earlier ${what} left out):` : `Its ${what}:`);
    lines.push(indent(output.text.replace(/\n+$/, '')));
  }
  return lines.join('\n');
}

function runLines(run: EarlierRun): string[] {
  const lines: string[] = [];
  if (run.summary?.trim()) {
    lines.push(
      '',
      "The agent's final message:",
      indent(cutEnd(run.summary.trim(), CONTEXT_LIMITS.summaryChars)),
    );
  }
  if (run.commands.length > 0) {
    const more = run.commandsLeftOut > 0 ? ` (${run.commandsLeftOut} earlier ones left out)` : '';
    lines.push('', `Commands it ran${more}:`, ...run.commands.map((c) => `    ${c}`));
  }
  if (run.denials.length > 0)
    lines.push('', 'Actions it was refused:', ...run.denials.map((d) => `    ${d}`));
  return lines;
}

/** The prompt the agent is launched with: the context blocks, then the user's prompt. */
export function promptWithContext(prompt: string, blocks: readonly string[]): string {
  if (blocks.length === 0) return prompt;
  return `${blocks.join('\n\n')}\n\n[Your task]\n\n${prompt}`;
}

function endOf(task: EarlierTask): string {
  const code = task.exitCode !== null ? `exit code ${task.exitCode}` : null;
  const signal = task.signal ? `killed by ${task.signal}` : null;
  // The reason often just repeats the exit code or signal ("exit code 1").
  const reason = task.reason === code || task.reason === signal ? null : task.reason;
  const facts = [code, signal, reason].filter((f): f is string => Boolean(f));
  return facts.length ? `${task.state} (${facts.join(', ')})` : task.state;
}

function gitLines(git: GitFacts): string[] {
  const where = [git.branch && `branch ${git.branch}`, git.commit && `commit ${git.commit}`].filter(Boolean);
  const lines = where.length ? [`The git repository was at ${where.join(', ')}.`] : [];
  if (git.changedFiles.length === 0) return [...lines, 'It left no uncommitted changes.'];
  const shown = git.changedFiles.slice(0, CONTEXT_LIMITS.changedFiles);
  lines.push('Uncommitted changes when it ended:', ...shown.map((f) => `    ${f}`));
  const more = git.changedFiles.length - shown.length;
  if (more > 0) lines.push(`    … and ${more} more`);
  return lines;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function cutEnd(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… (cut)`;
}

/** The last `max` characters, starting at a line start when one is near. */
function cutStart(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const tail = text.slice(text.length - max);
  const newline = tail.indexOf('\n');
  return { text: newline >= 0 && newline < 200 ? tail.slice(newline + 1) : tail, cut: true };
}
