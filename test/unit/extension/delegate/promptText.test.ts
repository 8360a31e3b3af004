import assert from 'node:assert/strict';
import {
  describeSelection,
  PROMPT_GUIDE,
  promptFromDocument,
  selectionPrompt,
} from '../../../../src/extension/delegate/promptText';

const part = { path: 'src/a.ts', startLine: 10, endLine: 12, languageId: 'typescript', text: 'let a = 1;\n' };

describe('extension/delegate/promptText', () => {
  it('puts the instruction first, then the code with its path and lines', () => {
    assert.equal(
      selectionPrompt('  Add a test  ', [part]),
      'Add a test\n\nFrom `src/a.ts`, lines 10–12:\n\n```typescript\nlet a = 1;\n```',
    );
  });

  it('fences code that itself holds a fence with a longer one', () => {
    const prompt = selectionPrompt('Fix it', [{ ...part, languageId: 'markdown', text: '```js\nx\n```' }]);
    assert.match(prompt, /\n````markdown\n```js\nx\n```\n````$/);
  });

  it('describes one or several selections', () => {
    assert.equal(describeSelection([part]), 'lines 10–12 of src/a.ts');
    assert.equal(describeSelection([{ ...part, endLine: 10 }]), 'line 10 of src/a.ts');
    assert.equal(describeSelection([part, part]), '2 selections in src/a.ts');
    assert.equal(describeSelection([part, { ...part, path: 'b.ts' }]), '2 selections');
  });

  it('drops the guidance line of a prompt document, and only that', () => {
    assert.equal(promptFromDocument(`Refactor\nthe parser\n\n${PROMPT_GUIDE}\n`), 'Refactor\nthe parser');
    assert.equal(promptFromDocument('<!-- mine -->\nkeep'), '<!-- mine -->\nkeep');
  });
});
