/**
 * `${name}` placeholders in agent templates. Substitution is per argument — the prompt becomes
 * one argv entry whatever quotes or spaces it holds — so no quoting rules exist to get wrong.
 * An unknown or unterminated placeholder is an error: silently passing `${promt}` to an agent
 * would run it on the wrong input.
 */
import { DispatchError } from '../../core/errors';
import type { LaunchInput } from './types';

export const PLACEHOLDERS = ['prompt', 'taskId', 'cwd', 'workspaceFolder', 'model', 'sessionId'] as const;

/** Placeholders with a value only where they apply: `${model}` in modelArgs, `${sessionId}` in resumeArgs. */
const ONLY_IN: Partial<Record<Placeholder, string>> = { model: 'modelArgs', sessionId: 'resumeArgs' };
type Placeholder = (typeof PLACEHOLDERS)[number];

const PATTERN = /\$\{([^}]*)\}/g;

/** Throws DispatchError('invalid-input') naming the agent and where the bad placeholder is. */
export function substitute(
  template: string,
  input: LaunchInput,
  where: { agent: string; field: string },
): string {
  const values: Record<Placeholder, string | undefined> = {
    prompt: input.prompt,
    taskId: input.taskId,
    cwd: input.cwd,
    workspaceFolder: input.workspaceFolder ?? input.cwd,
    model: input.model,
    sessionId: input.sessionId,
  };
  const result = template.replace(PATTERN, (_, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      throw badTemplate(where, `unknown placeholder \${${name}}`);
    }
    const value = values[name as Placeholder];
    if (value === undefined)
      throw badTemplate(where, `\${${name}} has a value only in ${ONLY_IN[name as Placeholder]}`);
    return value;
  });
  // Whatever `${` is left had no closing brace (values are not rescanned: a prompt may hold `${`).
  if (template.replace(PATTERN, '').includes('${'))
    throw badTemplate(where, 'a `${` without its closing `}`');
  return result;
}

export function usesPlaceholder(templates: readonly string[], name: Placeholder): boolean {
  return templates.some((t) => t.includes(`\${${name}}`));
}

function badTemplate(where: { agent: string; field: string }, problem: string): DispatchError {
  return new DispatchError(
    'invalid-input',
    `dispatch.agents.${where.agent}: ${problem} in ${where.field}. ` +
      `Use ${PLACEHOLDERS.map((p) => `\${${p}}`).join(', ')}.`,
  );
}
