/**
 * `diff`: what a worktree task changed against its base, as `dispatch diff` prints it (the patch,
 * or git's diffstat with `stat`), plus the changed files as data. Read-only: `apply` and `discard`
 * (worktreeTools.ts) land or drop the changes once they were reviewed here.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Engine } from '../../engine/engine';
import { readTaskIdInput } from './readTools';
import { answer, guarded } from './toolKit';

const changedFileSchema = z.object({
  path: z.string(),
  status: z.enum(['added', 'modified', 'deleted', 'type-changed']),
  insertions: z.number(),
  deletions: z.number(),
  binary: z.boolean(),
});

export function registerDiffTool(server: McpServer, engine: Engine): void {
  server.registerTool(
    'diff',
    {
      title: "A Dispatch worktree task's changes",
      description:
        'What a task that ran in its own git worktree changed against its base commit: the commits its agent made, ' +
        'its uncommitted edits and its new files, as a patch (stat: a diffstat instead). Review them here, then ' +
        'apply them to the workspace or discard them.',
      inputSchema: {
        taskId: readTaskIdInput,
        stat: z.boolean().optional().describe("git's diffstat (files and line counts) instead of the patch"),
      },
      outputSchema: {
        taskId: z.string(),
        files: z.array(changedFileSchema),
        summary: z.object({ files: z.number(), insertions: z.number(), deletions: z.number() }),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ taskId, stat }) =>
      guarded(async () => {
        const task = engine.resolve(taskId);
        const text = await engine.worktrees.diff(task.id, { stat: stat === true });
        const { files, summary } = await engine.worktrees.changes(task.id);
        // As `dispatch diff` prints it, its trailing newline aside.
        return answer(text === '' ? `${task.id} changed nothing` : text.replace(/\n$/, ''), {
          taskId: task.id,
          files,
          summary,
        });
      }),
  );
}
