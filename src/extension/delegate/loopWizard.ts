/**
 * Dispatch: Start Loop as a multi-step quick input: prompt → agent → working folder (only in a
 * multi-root workspace) → the check command (the loop ends when it exits 0) → the iteration
 * limit. An eval loop (improve a score) is `dispatch loop --eval` or the command's argument.
 */
import type * as vscode from 'vscode';
import type { DispatchConfig } from '../../core/config';
import { DEFAULT_MAX_ITERATIONS, MAX_ITERATIONS } from '../../core/loop';
import type { LoopInput } from '../../engine/loops/loopInput';
import { agentItems } from './agentItems';
import { folderStep } from './folderStep';
import type { StepPosition } from './quickInput';
import { agentStep, runSteps, textStep } from './wizardSteps';

export async function runLoopWizard(options: {
  config: DispatchConfig;
  /** With more than one, a working-folder step follows the agent (Enter: the first). */
  folders: readonly vscode.WorkspaceFolder[];
}): Promise<LoopInput | undefined> {
  const answers = {
    prompt: '',
    agent: options.config.defaultAgent,
    cwd: options.folders[0]?.uri.fsPath,
    until: '',
    limit: String(DEFAULT_MAX_ITERATIONS),
  };

  const askPrompt = (at: StepPosition) =>
    textStep(
      at,
      {
        value: answers.prompt,
        prompt: 'What should the agent do? Each iteration continues its session with the check result.',
        placeholder: 'e.g. Make the failing tests pass',
        validate: (value) => (value.trim() ? undefined : 'Say what the agent should do.'),
      },
      (value) => {
        answers.prompt = value;
      },
    );

  const askCheck = (at: StepPosition) =>
    textStep(
      at,
      {
        value: answers.until,
        prompt:
          "The check: a command line run in the task's folder after each iteration; exit code 0 ends the loop.",
        placeholder: 'e.g. npm test',
        validate: (value) =>
          value.trim() ? undefined : 'Give the command that says whether the job is done.',
      },
      (value) => {
        answers.until = value.trim();
      },
    );

  const askLimit = (at: StepPosition) =>
    textStep(
      at,
      {
        value: answers.limit,
        prompt: `At most how many iterations? (1 to ${MAX_ITERATIONS}; the loop fails if the check still fails then)`,
        placeholder: String(DEFAULT_MAX_ITERATIONS),
        validate: (value) => {
          const n = Number(value.trim());
          return Number.isInteger(n) && n >= 1 && n <= MAX_ITERATIONS
            ? undefined
            : `Give a whole number from 1 to ${MAX_ITERATIONS}.`;
        },
      },
      (value) => {
        answers.limit = value.trim();
      },
    );

  const steps = () => [
    askPrompt,
    agentStep(agentItems(options.config), answers),
    ...(options.folders.length > 1 ? [folderStep(options.folders, answers)] : []),
    askCheck,
    askLimit,
  ];
  if ((await runSteps('Start Loop', steps)) === 'cancel') return undefined;
  const { prompt, agent, cwd, until, limit } = answers;
  return { prompt, agent, cwd, until, maxIterations: Number(limit) };
}
