/**
 * The Dispatch tools for Copilot's agent mode and any chat participant (`#dispatchDelegate …`),
 * declared in package.json `languageModelTools`. They use this window's engine, so a task an
 * assistant delegates shows in every window's views at once; an untrusted workspace refuses to
 * delegate, as the Delegate command does. Delegate and cancel ask the user first, showing what
 * would run or stop.
 */
import * as vscode from 'vscode';
import { DispatchError } from '../../core/errors';
import { outputTail } from '../../engine/output/transcriptTail';
import { startBlock } from '../commands/startBlock';
import type { EngineHost } from '../engineHost';
import { cancelConfirmation, delegateConfirmation } from './confirmations';
import { taskWords } from './taskWords';

export interface DelegateToolInput {
  prompt: string;
  agent?: string;
  priority?: string;
  autonomy?: string;
  model?: string;
  title?: string;
}
interface TaskToolInput {
  taskId: string;
}
interface OutputToolInput extends TaskToolInput {
  lines?: number;
}

export const LanguageModelToolNames = {
  delegate: 'dispatch_delegate',
  status: 'dispatch_status',
  output: 'dispatch_output',
  cancel: 'dispatch_cancel',
} as const;

const text = (value: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);

export function registerLanguageModelTools(context: vscode.ExtensionContext, host: EngineHost): void {
  const words = async (id: string) => {
    const engine = await host.require();
    const task = engine.resolve(id);
    const retry = task.state === 'running' ? engine.retrying(task.id) : undefined;
    return taskWords(task, engine.result(task.id), retry);
  };
  const tools: [string, vscode.LanguageModelTool<never>][] = [
    [
      LanguageModelToolNames.delegate,
      {
        prepareInvocation: ({ input }: { input: DelegateToolInput }) => delegateConfirmation(input),
        async invoke({ input }: { input: DelegateToolInput }) {
          const block = startBlock({
            folderScheme: vscode.workspace.workspaceFolders?.[0]?.uri.scheme,
            trusted: vscode.workspace.isTrusted,
          });
          if (block) throw new DispatchError('invalid-input', block.message);
          const task = await (await host.require()).delegate(input);
          return text(
            `${await words(task.id)}\n\nIt runs in the background; ask dispatch_status or dispatch_output ` +
              `with taskId "${task.id}" to follow it.`,
          );
        },
      },
    ],
    [
      LanguageModelToolNames.status,
      { invoke: async ({ input }: { input: TaskToolInput }) => text(await words(input.taskId)) },
    ],
    [
      LanguageModelToolNames.output,
      {
        async invoke({ input }: { input: OutputToolInput }) {
          const engine = await host.require();
          const task = engine.resolve(input.taskId);
          const asked = Number(input.lines ?? 50);
          const lines = Number.isFinite(asked) ? Math.max(1, Math.floor(asked)) : 50;
          const tail = await outputTail(engine.paths.outputDir, task, { lines, raw: false });
          const head = `Task ${task.id} is ${task.state}; the last ${tail.lines.length} lines of its transcript:`;
          return text(
            tail.lines.length
              ? `${head}\n${tail.lines.join('\n')}`
              : `Task ${task.id} (${task.state}) has no output yet.`,
          );
        },
      },
    ],
    [
      LanguageModelToolNames.cancel,
      {
        prepareInvocation: ({ input }: { input: TaskToolInput }) => cancelConfirmation(input.taskId, host),
        async invoke({ input }: { input: TaskToolInput }) {
          const engine = await host.require();
          const before = engine.resolve(input.taskId);
          if (before.state === 'completed' || before.state === 'failed' || before.state === 'cancelled')
            return text(`Task ${before.id} already ${before.state}; nothing to cancel.`);
          const task = await engine.cancel(before.id);
          return text(
            task.state === 'cancelled'
              ? `Task ${task.id} cancelled.`
              : `Task ${task.id} is being cancelled (its agent is being stopped).`,
          );
        },
      },
    ],
  ];
  for (const [name, tool] of tools) context.subscriptions.push(vscode.lm.registerTool(name, tool));
}
