import * as vscode from 'vscode';

/**
 * Runs `run` with vscode.window.showWarningMessage answering `answer` (the button's title, or
 * undefined for a dismissed dialog), and returns what was asked. The extension shares this
 * `vscode` object with the vscode tier's tests, so a modal confirmation is answered this way.
 */
export async function answering<T>(
  answer: string | undefined,
  run: () => Thenable<T>,
): Promise<{ result: T; asked: string[] }> {
  const window = vscode.window as { showWarningMessage: unknown };
  const original = window.showWarningMessage;
  const asked: string[] = [];
  window.showWarningMessage = async (message: string) => {
    asked.push(message);
    return answer;
  };
  try {
    return { result: await run(), asked };
  } finally {
    window.showWarningMessage = original;
  }
}

/**
 * The same for a command that asks several questions in turn: the n-th warning gets `answers[n]`
 * (undefined once they run out). Information and error messages are recorded too, unanswered.
 */
export async function answeringEach<T>(
  answers: readonly (string | undefined)[],
  run: () => Thenable<T>,
): Promise<{ result: T; asked: string[]; told: string[]; errors: string[] }> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const kinds = ['showWarningMessage', 'showInformationMessage', 'showErrorMessage'] as const;
  const originals = kinds.map((kind) => window[kind]);
  const shown = { asked: [] as string[], told: [] as string[], errors: [] as string[] };
  window.showWarningMessage = async (message: string) => answers[shown.asked.push(message) - 1];
  window.showInformationMessage = async (message: string) => void shown.told.push(message);
  window.showErrorMessage = async (message: string) => void shown.errors.push(message);
  try {
    return { result: await run(), ...shown };
  } finally {
    kinds.forEach((kind, i) => {
      window[kind] = originals[i];
    });
  }
}
