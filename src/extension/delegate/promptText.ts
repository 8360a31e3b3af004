/**
 * Prompt text from the editor: a selection turned into context for an instruction, and the text
 * of a prompt written with "Write in Editor…". Pure, so it is unit-tested.
 */

/**
 * The guidance line of a prompt document, never sent to the agent. It goes last: VS Code names an
 * untitled editor after its first line, which should be the prompt.
 */
export const PROMPT_GUIDE =
  '<!-- Dispatch: write the prompt above, then press "Delegate Prompt" (the send icon in this editor\'s title bar). This line is not sent. -->';

/** The text of a prompt document without the guidance line. */
export function promptFromDocument(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== PROMPT_GUIDE)
    .join('\n')
    .trim();
}

export interface SelectionPart {
  /** Workspace-relative path (or the document's name when it has no file). */
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  languageId: string;
  text: string;
}

/** "lines 10–24 of src/a.ts", or "2 selections in src/a.ts" */
export function describeSelection(parts: readonly SelectionPart[]): string {
  const [first] = parts;
  if (!first) return 'the selection';
  if (parts.length > 1) {
    const files = new Set(parts.map((p) => p.path));
    return files.size === 1 ? `${parts.length} selections in ${first.path}` : `${parts.length} selections`;
  }
  return `${lineRange(first)} of ${first.path}`;
}

function lineRange(part: SelectionPart): string {
  return part.startLine === part.endLine
    ? `line ${part.startLine}`
    : `lines ${part.startLine}–${part.endLine}`;
}

/** A fence longer than any backtick run in the text, so code containing ``` stays one block. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** The instruction first (it becomes the title), then each selection with where it is from. */
export function selectionPrompt(instruction: string, parts: readonly SelectionPart[]): string {
  const blocks = parts.map((part) => {
    const f = fence(part.text);
    const body = part.text.endsWith('\n') ? part.text : `${part.text}\n`;
    return `From \`${part.path}\`, ${lineRange(part)}:\n\n${f}${part.languageId}\n${body}${f}`;
  });
  return [instruction.trim(), ...blocks].join('\n\n');
}
