// The language model tools as package.json declares them to the model, against what the tools
// read: the same names, every entry complete, and no declared input dropped on its way in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  declaredInput,
  declaredLoopInput,
  LanguageModelToolNames,
} from '../../../../src/extension/lmTools/toolInputs';
import { repoRoot } from '../../../support/cli';

interface DeclaredTool {
  name: string;
  toolReferenceName: string;
  displayName: string;
  modelDescription: string;
  userDescription: string;
  canBeReferencedInPrompt: boolean;
  icon: string;
  inputSchema: { type: string; properties: Record<string, { type: string }>; required: string[] };
}

const declared = (
  JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { languageModelTools: DeclaredTool[] };
  }
).contributes.languageModelTools;
const tool = (name: string) => declared.find((t) => t.name === name)!;

/** Each declared property given a value of its type. */
function everyInput(name: string): Record<string, unknown> {
  const values: Record<string, unknown> = { string: 'x', number: 3, integer: 3, boolean: true };
  return Object.fromEntries(
    Object.entries(tool(name).inputSchema.properties).map(([key, p]) => [key, values[p.type]]),
  );
}

describe('extension/lmTools/toolInputs', () => {
  it('declares in package.json exactly the tools it registers', () => {
    assert.deepEqual(declared.map((t) => t.name).sort(), Object.values(LanguageModelToolNames).sort());
  });

  it('gives every tool a complete entry: a #reference, words for the user and the model, an input schema', () => {
    for (const t of declared) {
      const camel = t.name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
      assert.equal(t.toolReferenceName, camel, t.name);
      assert.equal(t.canBeReferencedInPrompt, true, t.name);
      assert.match(t.icon, /^\$\([a-z-]+\)$/, t.name);
      for (const words of [t.displayName, t.userDescription, t.modelDescription])
        assert.ok(words.length > 10, `${t.name}: ${words}`);
      assert.equal(t.inputSchema.type, 'object', t.name);
      for (const key of t.inputSchema.required)
        assert.ok(key in t.inputSchema.properties, `${t.name}.${key}`);
      for (const [key, p] of Object.entries(t.inputSchema.properties))
        assert.ok((p as { description?: string }).description, `${t.name}.${key} is described`);
    }
  });

  it('passes every declared input of delegate and loop start on to the engine, and nothing else', () => {
    const delegate = everyInput(LanguageModelToolNames.delegate);
    assert.deepEqual(declaredInput({ ...delegate, after: ['abc'] } as never), delegate);
    const loop = everyInput(LanguageModelToolNames.loopStart);
    assert.deepEqual(declaredLoopInput({ ...loop, timeoutSeconds: 1 } as never), loop);
  });
});
