/**
 * dispatch_diff, dispatch_apply and dispatch_discard: finishing the review of a task delegated
 * with `worktree`, as the MCP tools `diff`, `apply` and `discard` do. Apply never loses the user's
 * edits (a three-way merge; on a conflict nothing changes and the error names the files). The user
 * confirms apply, and a discard that would delete changes never applied, in the chat
 * (worktreeConfirmations.ts), so the MCP tool's `confirm` argument has no place here.
 */
import { DispatchError } from '../../core/errors';
import { changeSummaryText } from '../../core/worktree';
import { ApplyConflictError } from '../../engine/worktrees/apply';
import { namesText } from '../commands/worktreeTasks';
import { type DiffToolInput, LanguageModelToolNames as Names, type TaskToolInput } from './toolInputs';
import { assertCanRunGit, type DispatchTool, type ToolDeps, text } from './toolKit';
import { applyConfirmation, discardConfirmation } from './worktreeConfirmations';

export function worktreeTools({ host }: ToolDeps, trusted: () => boolean): [string, DispatchTool][] {
  return [
    [
      Names.diff,
      {
        async invoke({ input }: { input: DiffToolInput }) {
          assertCanRunGit();
          const engine = await host.require();
          const task = engine.resolve(input.taskId);
          const patch = await engine.worktrees.diff(task.id, { stat: input.stat === true });
          if (patch.trim() === '') return text(`Task ${task.id} changed nothing against its base.`);
          const { summary } = await engine.worktrees.changes(task.id);
          const state =
            task.worktreeAppliedAt !== null
              ? 'They were applied to the workspace.'
              : `Land them with ${Names.apply} or drop them with ${Names.discard}.`;
          return text(
            `Task ${task.id} (${task.state}): ${changeSummaryText(summary)} against its base ` +
              `${task.worktreeBase?.slice(0, 12)}. ${state}\n\n${patch.replace(/\n$/, '')}`,
          );
        },
      },
    ],
    [
      Names.apply,
      {
        prepareInvocation: ({ input }: { input: TaskToolInput }) =>
          applyConfirmation(input.taskId, host, trusted()),
        async invoke({ input }: { input: TaskToolInput }) {
          assertCanRunGit();
          const engine = await host.require();
          const { files, task } = await engine.worktrees.apply(input.taskId).catch((err: unknown) => {
            if (!(err instanceof ApplyConflictError)) throw err;
            throw new DispatchError(
              'apply-conflict',
              `The changes of task ${err.taskId} conflict with the workspace in ${namesText(err.files)}; nothing was changed. ` +
                `The user commits or stashes their own edits to ${err.files.length === 1 ? 'that file' : 'those files'}, then apply again (${Names.diff} shows the task's changes).`,
              { cause: err },
            );
          });
          return text(
            files.length === 0
              ? `Nothing to apply: the workspace already has the changes of task ${task.id}.`
              : `Applied the changes of task ${task.id} to the workspace as uncommitted changes: ` +
                  `${files.length} file${files.length === 1 ? '' : 's'} (${namesText(files)}). Nothing was staged or committed.`,
          );
        },
      },
    ],
    [
      Names.discard,
      {
        prepareInvocation: ({ input }: { input: TaskToolInput }) =>
          discardConfirmation(input.taskId, host, trusted()),
        async invoke({ input }: { input: TaskToolInput }) {
          assertCanRunGit();
          const engine = await host.require();
          const before = engine.resolve(input.taskId);
          const task = await engine.worktrees.discard(before.id);
          return text(
            before.worktreeRemovedAt !== null
              ? `The worktree of task ${task.id} was already discarded.`
              : `Removed the worktree of task ${task.id} and its branch ${task.worktreeBranch}, changes and all.`,
          );
        },
      },
    ],
  ];
}
