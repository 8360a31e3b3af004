/**
 * The language model tools as the vscode tier drives them: invoked through `vscode.lm.invokeTool`
 * as Copilot's agent mode does (outside a chat: no toolInvocationToken), and — since VS Code
 * confirms every invocation by itself under tests — what the user would be asked, read from the
 * tool the extension registered (its test API's `lmTools`).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DispatchTestApi } from '../../src/extension/testApi';

/** The tool's answer, as the model reads it. */
export async function invokeTool(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content
    .map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : ''))
    .join('');
}

/** What VS Code would show before running the tool: the confirmation, if any, as plain text. */
export async function confirmationOf(
  api: DispatchTestApi,
  name: string,
  input: object,
): Promise<{ title: string; message: string } | undefined> {
  const tool = api.lmTools.get(name);
  assert.ok(tool?.prepareInvocation, `${name} has a prepareInvocation`);
  const prepared = await tool.prepareInvocation(
    { input: input as never },
    new vscode.CancellationTokenSource().token,
  );
  const asked = prepared?.confirmationMessages;
  if (!asked) return undefined;
  const message = typeof asked.message === 'string' ? asked.message : asked.message.value;
  // MarkdownString.appendText escapes markdown's punctuation; the user reads it unescaped.
  return { title: asked.title, message: message.replace(/\\([^\w\s])/g, '$1') };
}
