/**
 * What the three decoders share: reading a line as a JSON object (by field names, never by key
 * order — docs/agents.md "Rules that hold for all of them"), and summing a tool call up in one
 * line. Each CLI names its tools differently; `ToolNames` maps them to the verbs a reader knows.
 */

export type Json = Record<string, unknown>;

/** A line that is one JSON object, else undefined (banners, warnings and plain errors are not). */
export function parseObject(text: string): Json | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export const str = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
export const num = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
export const obj = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;

/** Drops the keys whose value is undefined, so events compare and serialise cleanly. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Which of a CLI's tool names run commands, edit, write, read or search files. */
export interface ToolNames {
  shell: string[];
  edit: string[];
  write: string[];
  read: string[];
  search: string[];
}

export interface ToolLine {
  /** `$ npm test`, `edit src/a.ts`, `read README.md`, `WebFetch {"url":"…"}`. */
  summary: string;
  /** The same without the verb: the command, the path, or the short JSON (for refusals). */
  detail: string;
}

const MAX_DETAIL = 120;

/** One line for a tool call; paths under `cwd` are shown relative to it. */
export function describeTool(names: ToolNames, tool: string, input: Json, cwd?: string): ToolLine {
  const path =
    str(input.file_path) ?? str(input.path) ?? str(input.notebook_path) ?? str(input.absolute_path);
  const shown = path && relativeTo(path, cwd);
  if (names.shell.includes(tool)) {
    const command = oneLine(str(input.command) ?? str(input.cmd) ?? '');
    return { summary: `$ ${command}`, detail: command };
  }
  if (names.edit.includes(tool) && shown) return { summary: `edit ${shown}`, detail: shown };
  if (names.write.includes(tool) && shown) return { summary: `write ${shown}`, detail: shown };
  if (names.read.includes(tool) && shown) return { summary: `read ${shown}`, detail: shown };
  if (names.search.includes(tool)) {
    const pattern = str(input.pattern) ?? str(input.query);
    if (pattern) return { summary: `search ${oneLine(pattern)}`, detail: oneLine(pattern) };
  }
  const json = clip(JSON.stringify(input) ?? '');
  return { summary: `${tool} ${json}`, detail: json };
}

function relativeTo(path: string, cwd: string | undefined): string {
  if (!cwd) return path;
  const base = cwd.endsWith('/') ? cwd : `${cwd}/`;
  return path.startsWith(base) && path.length > base.length ? path.slice(base.length) : path;
}

const oneLine = (text: string) => clip(text.replace(/\s*\n\s*/g, ' ↵ ').trim());
const clip = (text: string) => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text);
