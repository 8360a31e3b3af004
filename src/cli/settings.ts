/**
 * The CLI reads the same `dispatch.*` settings as the extension, from
 * `<workspace>/.vscode/settings.json` (JSON with comments and trailing commas).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import { type ConfigProblem, type DispatchConfig, parseConfig, settingsToRaw } from '../core/config';
import { DispatchError } from '../core/errors';

export interface LoadedSettings {
  config: DispatchConfig;
  problems: ConfigProblem[];
  file: string;
}

export const settingsFileOf = (workspace: string) => path.join(workspace, '.vscode', 'settings.json');

export function loadWorkspaceSettings(workspace: string): LoadedSettings {
  const file = settingsFileOf(workspace);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...parseConfig({}), file };
    throw new DispatchError('invalid-config', `cannot read ${file}: ${(err as Error).message}`);
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0]!;
    const { line, column } = lineAndColumn(text, first.offset);
    throw new DispatchError(
      'invalid-config',
      `${file}:${line}:${column}: ${printParseErrorCode(first.error)} — fix the settings file (it is JSON with comments)`,
    );
  }
  if (value === undefined || value === null) return { ...parseConfig({}), file };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new DispatchError('invalid-config', `${file}: expected a JSON object of settings`);
  }
  return { ...parseConfig(settingsToRaw(value as Record<string, unknown>)), file };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
