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
