/**
 * What every Dispatch language model tool shares: its answer as one text part, the checks that
 * refuse work this window may not do, and how a failure reaches the model — one line it can act
 * on, thrown as the tool's error (VS Code hands the message to the model), never a stack. A
 * DispatchError's message already says what to do; anything else is a bug or an I/O failure, so
 * it is logged in full and the model gets its first line.
 */
import * as vscode from 'vscode';
import { DispatchError, messageOf } from '../../core/errors';
import { startBlock } from '../commands/startBlock';
import type { EngineHost } from '../engineHost';

export interface ToolDeps {
  host: EngineHost;
  log: vscode.LogOutputChannel;
}

/** A tool as registered with `vscode.lm.registerTool`; its input is what the model sent. */
export type DispatchTool = vscode.LanguageModelTool<never>;

export const text = (value: string) =>
  new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);

/** Runs a tool's body; an unexpected failure becomes one line for the model and a log entry. */
export async function guarded<T>(
  log: vscode.LogOutputChannel,
  tool: string,
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof DispatchError) throw err;
    log.error(`${tool}: ${err instanceof Error && err.stack ? err.stack : messageOf(err)}`);
    throw new Error(`Agent Dispatch: ${messageOf(err).split('\n')[0]}`);
  }
}

/** Tools that start agents (delegate, loop start): refused where the Delegate command is. */
export function assertCanStart(): void {
  const block = startBlock({
    folderScheme: vscode.workspace.workspaceFolders?.[0]?.uri.scheme,
    trusted: vscode.workspace.isTrusted,
  });
  if (block) throw new DispatchError('invalid-input', block.message);
}

/**
 * Tools that run git on a worktree (diff, apply, discard): reading changes runs the repository's
 * own filters and applying its hooks, so in Restricted Mode none runs, as with the commands
 * (commands/canRunGit.ts).
 */
export function assertCanRunGit(): void {
  if (vscode.workspace.isTrusted) return;
  throw new DispatchError(
    'invalid-input',
    "This workspace is not trusted, so Agent Dispatch runs no git command in it (git runs the repository's own filters and hooks): the user must trust the workspace to review, apply or discard a worktree task's changes.",
  );
}
