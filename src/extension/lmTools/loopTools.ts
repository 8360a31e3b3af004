/**
 * dispatch_loop_start, dispatch_loop_status and dispatch_loop_cancel: loops for an assistant in
 * the chat, as the MCP tools `loop_start`, `loop_status` and `loop_cancel` run them. Start goes
 * through the engine's checks (a bad option is the CLI's one line and nothing is stored), is
 * refused where delegating is, and is confirmed by the user like a delegation; cancel is
 * confirmed like a task's. Status answers with `dispatch loop show`'s text (core/loopText.ts).
 */
import type { Loop } from '../../core/loop';
import { loopDetails } from '../../core/loopText';
import { loopCancelConfirmation, loopStartConfirmation } from './confirmations';
import { statusWords, uncommittedNotes } from './taskTools';
import {
  declaredLoopInput,
  type LoopStartToolInput,
  type LoopToolInput,
  LanguageModelToolNames as Names,
} from './toolInputs';
import { assertCanStart, type DispatchTool, type ToolDeps, text } from './toolKit';

/** What the model can do next with a loop: follow and stop it while it runs, read its iterations. */
function followUp(loop: Loop): string {
  const iterations = `Each iteration is a task: ${Names.status}, ${Names.output} and ${Names.diff} take its id.`;
  return loop.state === 'running'
    ? `Follow it with ${Names.loopStatus} and loopId "${loop.id}"; stop it with ${Names.loopCancel}. ${iterations}`
    : iterations;
}

export function loopTools({ host }: ToolDeps, trusted: () => boolean): [string, DispatchTool][] {
  return [
    [
      Names.loopStart,
      {
        prepareInvocation: ({ input }: { input: LoopStartToolInput }) => loopStartConfirmation(input),
        async invoke({ input }: { input: LoopStartToolInput }) {
          assertCanStart();
          const engine = await host.require();
          const entry = await engine.loops.start(declaredLoopInput(input));
          const { loop } = entry;
          const first = entry.iterations[0] && engine.resolve(entry.iterations[0].taskId);
          const check =
            loop.untilCommand !== null ? `until ${loop.untilCommand}` : `eval ${loop.evalCommand}`;
          const lines = [
            `Started loop ${loop.id} (${loop.agent}, ${check}, at most ${loop.maxIterations} iterations): ${loop.title}`,
            ...(first
              ? [
                  '',
                  'Iteration 1:',
                  await statusWords(engine, first, trusted()),
                  ...(await uncommittedNotes(engine, first)),
                ]
              : []),
            '',
            followUp(loop),
          ];
          return text(lines.join('\n'));
        },
      },
    ],
    [
      Names.loopStatus,
      {
        async invoke({ input }: { input: LoopToolInput }) {
          const entry = (await host.require()).loops.get(input.loopId);
          return text(`${loopDetails(entry)}\n\n${followUp(entry.loop)}`);
        },
      },
    ],
    [
      Names.loopCancel,
      {
        prepareInvocation: ({ input }: { input: LoopToolInput }) =>
          loopCancelConfirmation(input.loopId, host),
        async invoke({ input }: { input: LoopToolInput }) {
          const engine = await host.require();
          const before = engine.loops.get(input.loopId);
          if (before.loop.state !== 'running')
            return text(`Loop ${before.loop.id} already ${before.loop.state}; nothing to cancel.`);
          const { loop, iterations } = await engine.loops.cancel(before.loop.id);
          return text(
            `Loop ${loop.id} cancelled after ${iterations.length} iteration${iterations.length === 1 ? '' : 's'}: ` +
              'its running iteration is being stopped and no further iteration runs.',
          );
        },
      },
    ],
  ];
}
