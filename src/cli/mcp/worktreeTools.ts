/**
 * `apply` and `discard`: landing or dropping what a worktree task changed, as `dispatch apply` and
 * `dispatch discard` do, so an assistant that delegated with `worktree` can finish the review it
 * started with `diff`. Apply never loses the user's edits (a three-way merge; on a conflict nothing
 * changes and the error names the files). Discard deletes work: changes that were never applied
 * are only deleted with `confirm: true`, as the editor asks before dropping them, so one call by
 * an assistant that skipped its review cannot lose them.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { DispatchError } from '../../core/errors';
import { isTerminal } from '../../core/taskState';
import type { Engine } from '../../engine/engine';
import { readTaskIdInput } from './readTools';
import { taskRecord, taskRecordSchema } from './taskRecord';
import { answer, guarded } from './toolKit';

export function registerWorktreeTools(server: McpServer, engine: Engine): void {
  server.registerTool(
    'apply',
    {
      title: "Apply a Dispatch worktree task's changes",
      description:
        'Brings what a finished worktree task changed into the workspace as uncommitted changes, merged three ' +
        "ways with the user's own edits; nothing is committed or staged. On a conflict nothing is changed and " +
        'the error names the files (the user commits or stashes their edits to them, then apply again). ' +
        'Review the changes with diff first.',
      inputSchema: { taskId: readTaskIdInput },
      outputSchema: { taskId: z.string(), files: z.array(z.string()), task: taskRecordSchema },
      // Only adds the task's changes; applying again finds nothing new to apply.
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    ({ taskId }) =>
      guarded(async () => {
        // A conflict throws ApplyConflictError, naming the files: the tool error says it.
        const { files, task } = await engine.worktrees.apply(taskId);
        const text =
          files.length === 0
            ? `${task.id}: nothing to apply (the workspace already has these changes)`
            : `${task.id}: applied ${files.length} file${files.length === 1 ? '' : 's'}: ${files.join(', ')}`;
        return answer(text, { taskId: task.id, files, task: await taskRecord(engine, task) });
      }),
  );

  server.registerTool(
    'discard',
    {
      title: "Discard a Dispatch worktree task's changes",
      description:
        "Removes a finished worktree task's worktree and its branch dispatch/<task id>, changes and all. " +
        'Changes that were never applied are refused unless confirm is true: ask the user before confirming, ' +
        'or apply them instead.',
      inputSchema: {
        taskId: readTaskIdInput,
        confirm: z
          .boolean()
          .optional()
          .describe('true: delete changes that were never applied too (the user agreed to lose them)'),
      },
      outputSchema: { task: taskRecordSchema },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ taskId, confirm }) =>
      guarded(async () => {
        const task = engine.resolve(taskId);
        // A task still running is refused by discard itself, with what to wait for.
        if (
          confirm !== true &&
          isTerminal(task.state) &&
          (await engine.worktrees.hasUnappliedChanges(task))
        ) {
          const { summary } = await engine.worktrees.changes(task.id);
          throw new DispatchError(
            'invalid-input',
            `${task.id} has changes that were never applied (${summary.files} file${summary.files === 1 ? '' : 's'}, ` +
              `+${summary.insertions} -${summary.deletions}): review them with diff and apply them, or call discard ` +
              'with confirm true to delete them',
          );
        }
        const already = task.worktreeRemovedAt !== null;
        const discarded = await engine.worktrees.discard(task.id);
        const text = already
          ? `${discarded.id}: its worktree was already discarded`
          : `${discarded.id}: removed its worktree and branch ${discarded.worktreeBranch}`;
        return answer(text, { task: await taskRecord(engine, discarded) });
      }),
  );
}
