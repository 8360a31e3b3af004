/**
 * "Open as Text": the task's output in an editor, for searching and copying beyond what the panel
 * keeps. Normally the raw `output/<id>.log` file itself (nothing to copy, escape codes as
 * printed). Once a capped log has rotated, that file holds only the newest segment, so the
 * output still kept (both segments) goes to an untitled document instead.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Engine } from '../../engine/engine';
import { outputFiles } from '../../store/outputFormat';
import { readFrom } from '../../store/outputReader';

export async function openAsText(engine: Engine, taskId: string): Promise<void> {
  const files = outputFiles(engine.store.paths.outputDir, taskId);
  if (!existsSync(files.log)) {
    void vscode.window.showInformationMessage('This task has not printed anything yet.');
    return;
  }
  const document = existsSync(files.previousLog)
    ? await vscode.workspace.openTextDocument({ language: 'log', content: await keptText(engine, taskId) })
    : await vscode.workspace.openTextDocument(vscode.Uri.file(files.log));
  await vscode.window.showTextDocument(document, { preview: false });
}

async function keptText(engine: Engine, taskId: string): Promise<string> {
  const parts: Buffer[] = [];
  for (let from = 0; ; ) {
    const slice = await readFrom(engine.store.paths.outputDir, taskId, from, { maxBytes: 8 * 1024 * 1024 });
    if (slice.end === from) break;
    for (const chunk of slice.chunks) parts.push(chunk.data);
    from = slice.end;
  }
  return Buffer.concat(parts).toString('utf8');
}
