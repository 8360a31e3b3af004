/**
 * dispatch_delegate, dispatch_reply, dispatch_status, dispatch_output and dispatch_cancel: a task
 * from queueing to its result and on, as the MCP tools `delegate`, `reply`, `status`, `output` and
 * `cancel` give it. Delegate, reply and cancel ask the user first (confirmations.ts).
 */
import type { Task } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import type { Engine } from '../../engine/engine';
import { outputTail } from '../../engine/output/transcriptTail';
import { cancelConfirmation, delegateConfirmation, replyConfirmation } from './confirmations';
import { taskWords } from './taskWords';
import {
  type DelegateToolInput,
  declaredInput,
  LanguageModelToolNames as Names,
  type OutputToolInput,
  type ReplyToolInput,
  type TaskToolInput,
} from './toolInputs';
import { assertCanStart, type DispatchTool, type ToolDeps, text } from './toolKit';

/** The task as dispatch_status tells it; a worktree's changes are read from git once it ended. */
export async function statusWords(engine: Engine, task: Task, trusted: boolean): Promise<string> {
  const readChanges =
    trusted && task.worktreePath !== null && task.worktreeRemovedAt === null && isTerminal(task.state);
  const changes = readChanges
    ? await engine.worktrees.changes(task.id).then(
        (c) => c.summary,
        // Unreadable changes are dispatch_diff's to explain; the status still answers.
        () => undefined,
      )
    : undefined;
  return taskWords(task, {
    result: engine.result(task.id),
    retry: task.state === 'running' ? engine.retrying(task.id) : undefined,
    iteration: engine.loops.iterationOf(task.id),
    changes,
  });
}

/** The note a new worktree task gets when the workspace has edits its worktree will not see. */
export async function uncommittedNotes(engine: Engine, task: Task): Promise<string[]> {
  const note = await engine.worktrees.uncommittedNote(task).catch(() => undefined);
  return note ? [`Note: ${note}.`] : [];
}

export function taskTools({ host }: ToolDeps, trusted: () => boolean): [string, DispatchTool][] {
  return [
    [
      Names.delegate,
      {
        prepareInvocation: ({ input }: { input: DelegateToolInput }) => delegateConfirmation(input),
        async invoke({ input }: { input: DelegateToolInput }) {
          assertCanStart();
          const engine = await host.require();
          const task = await engine.delegate(declaredInput(input));
          return text(
            [
              await statusWords(engine, task, trusted()),
              ...(await uncommittedNotes(engine, task)),
              '',
              `It runs in the background; ask ${Names.status} or ${Names.output} with taskId "${task.id}" to follow it.`,
            ].join('\n'),
          );
        },
      },
    ],
    [
      Names.reply,
      {
        prepareInvocation: ({ input }: { input: ReplyToolInput }) =>
          replyConfirmation(input.taskId, input.message ?? '', host),
        async invoke({ input }: { input: ReplyToolInput }) {
          assertCanStart();
          const engine = await host.require();
          // The engine refuses an empty message or an unfinished task in the CLI's words.
          const task = await engine.reply(input.taskId, input.message ?? '');
          return text(
            [
              await statusWords(engine, task, trusted()),
              '',
              `It continues task ${task.replyTo}'s session in the background; ask ${Names.status} or ${Names.output} with taskId "${task.id}" to follow it.`,
            ].join('\n'),
          );
        },
      },
    ],
    [
      Names.status,
      {
        async invoke({ input }: { input: TaskToolInput }) {
          const engine = await host.require();
          return text(await statusWords(engine, engine.resolve(input.taskId), trusted()));
        },
      },
    ],
    [
      Names.output,
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
      Names.cancel,
      {
        prepareInvocation: ({ input }: { input: TaskToolInput }) => cancelConfirmation(input.taskId, host),
        async invoke({ input }: { input: TaskToolInput }) {
          const engine = await host.require();
          const before = engine.resolve(input.taskId);
          if (isTerminal(before.state))
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
}
