/**
 * `loop_start`, `loop_status` and `loop_cancel`: loops for assistants, as `dispatch loop`, `loop
 * show` and `loop cancel` run them. loop_start takes the CLI's options under their MCP names and
 * goes through the same parsing (loopOptions.ts) and the engine's checks, so a bad one is the
 * CLI's one line as a tool error and nothing is stored. Each answers with `dispatch loop show`'s
 * text and `--json` record.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { DEFAULT_MAX_ITERATIONS, LOOP_STATES, MAX_ITERATIONS } from '../../core/loop';
import { loopDetails } from '../../core/loopText';
import type { Engine } from '../../engine/engine';
import { loopJson } from '../loopFormat';
import { loopInput } from '../loopOptions';
import { worktreeInput, worktreeWords } from './submitTools';
import { answer, guarded } from './toolKit';

const loopIdInput = z.string().describe('The loop id, or any unique prefix of it');

/** `dispatch loop show --json`: the fields a model relies on; the rest passes through. */
const loopRecordSchema = z.looseObject({
  id: z.string(),
  state: z.enum(LOOP_STATES),
  reason: z.string().nullable(),
  maxIterations: z.number(),
  iterations: z.array(
    z.looseObject({
      taskId: z.string(),
      state: z.string(),
      checkExit: z.number().nullable(),
      score: z.number().nullable(),
    }),
  ),
  best: z.object({ taskId: z.string(), score: z.number().nullable() }).nullable(),
});

export function registerLoopTools(server: McpServer, engine: Engine): void {
  server.registerTool(
    'loop_start',
    {
      title: 'Start a Dispatch loop',
      description:
        'Runs a background agent again and again on one prompt. After each iteration a check command runs in ' +
        "the task's folder (its worktree when it has one), and the next iteration continues the agent's session " +
        "with the check's exit code and last output lines. Give until (loop until it exits 0) or eval with " +
        'direction (improve the last number it prints, keeping the best iteration); at most maxIterations. ' +
        'Returns the loop id at once; follow it with loop_status, stop it with loop_cancel. Each iteration is ' +
        'a task (status, output, wait and diff work on it). The options are those of `dispatch loop`.',
      inputSchema: {
        prompt: z.string().describe('What the agent should do, complete and self-contained'),
        until: z.string().optional().describe('A shell command line: the loop succeeds once it exits 0'),
        eval: z
          .string()
          .optional()
          .describe('A shell command line whose last printed number is the score (when it exits 0)'),
        direction: z.string().optional().describe('With eval: maximize or minimize the score'),
        target: z.number().optional().describe('With eval: stop once a score reaches this'),
        maxIterations: z
          .number()
          .optional()
          .describe(
            `The most iterations, a whole number from 1 to ${MAX_ITERATIONS} (default ${DEFAULT_MAX_ITERATIONS})`,
          ),
        agent: z
          .string()
          .optional()
          .describe('claude, codex, gemini, shell (a command line) or a custom agent'),
        autonomy: z
          .string()
          .optional()
          .describe('read-only (plans, changes nothing), edit or full; default dispatch.autonomy'),
        model: z.string().optional().describe("The agent's model; default the agent's own"),
        priority: z.string().optional().describe('P0 (highest), P1 or P2 (default P1)'),
        cwd: z
          .string()
          .optional()
          .describe('Working folder, relative to the workspace; default the workspace'),
        title: z.string().optional().describe('A short title; default the first line of the prompt'),
        timeout: z.number().optional().describe("Seconds before each iteration's agent is stopped"),
        worktree: worktreeInput,
      },
      outputSchema: { loop: loopRecordSchema },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    (args) =>
      guarded(async () => {
        const entry = await engine.loops.start(
          loopInput(args, { maxIterations: 'maxIterations', timeout: 'timeout' }),
        );
        const { loop } = entry;
        const first = entry.iterations[0] && engine.resolve(entry.iterations[0].taskId);
        const check = loop.untilCommand !== null ? `until ${loop.untilCommand}` : `eval ${loop.evalCommand}`;
        const lines = [
          `Started loop ${loop.id} (${loop.agent}, ${check}, at most ${loop.maxIterations} iterations): ${loop.title}`,
          ...(first
            ? [`Iteration 1 is task ${first.id} (${first.state}).`, ...(await worktreeWords(engine, first))]
            : []),
          `Follow it with loop_status and loopId "${loop.id}"; stop it with loop_cancel.`,
        ];
        return answer(lines.join('\n'), { loop: loopJson(entry) });
      }),
  );

  server.registerTool(
    'loop_status',
    {
      title: "A Dispatch loop's iterations",
      description:
        'One loop, as `dispatch loop show` prints it: its state (running, succeeded, failed, cancelled) and why ' +
        "it ended, the check, and each iteration's task with its state, the check's exit code and score, and " +
        'the passing or best iteration.',
      inputSchema: { loopId: loopIdInput },
      outputSchema: { loop: loopRecordSchema },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ loopId }) =>
      guarded(async () => {
        const entry = engine.loops.get(loopId);
        return answer(loopDetails(entry), { loop: loopJson(entry) });
      }),
  );

  server.registerTool(
    'loop_cancel',
    {
      title: 'Cancel a Dispatch loop',
      description:
        'Cancels the running iteration (its agent or its check is stopped; what it already changed stays) and ' +
        'ends the loop cancelled, so no further iteration runs. A loop that already ended is left as it is.',
      inputSchema: { loopId: loopIdInput },
      outputSchema: { loop: loopRecordSchema },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ loopId }) =>
      guarded(async () => {
        const before = engine.loops.get(loopId);
        const entry = before.loop.state === 'running' ? await engine.loops.cancel(before.loop.id) : before;
        const text =
          entry === before ? `${entry.loop.id} already ${entry.loop.state}` : `${entry.loop.id} cancelled`;
        return answer(text, { loop: loopJson(entry) });
      }),
  );
}
