// Tasks for the ui tier: a workspace whose settings define the fake agent, and delegating through
// the real `dispatch` CLI, so the windows under test learn of the task only through the shared
// state, as they would of a task from a terminal or another window.
import { ANY_LEVEL, fakeAgent, runCli } from './cli';

/** `.vscode/settings.json` with the fake agent as `fake` and a short flush interval (live output). */
export function fakeAgentSettings(extra: Record<string, unknown> = {}): string {
  const settings = {
    'dispatch.agents': {
      fake: {
        command: process.execPath,
        args: [fakeAgent('fake-agent.js'), '${prompt}'],
        autonomyArgs: ANY_LEVEL,
      },
    },
    'dispatch.outputFlushIntervalMs': 100,
    ...extra,
  };
  return JSON.stringify(settings, null, 2);
}

/** Queues a task for the fake agent (its steps are the prompt); returns the task id. */
export function delegate(workspace: string, prompt: string, title: string): string {
  const run = runCli(workspace, ['delegate', prompt, '--agent', 'fake', '--title', title]);
  if (run.status !== 0) throw new Error(`dispatch delegate failed (${run.status}): ${run.stderr}`);
  return run.stdout.trim();
}

/** A fake-agent step printing `text` exactly (text:B64URL). */
export function printStep(text: string): string {
  return `text:${Buffer.from(text).toString('base64url')}`;
}
