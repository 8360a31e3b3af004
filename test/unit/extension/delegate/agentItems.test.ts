import assert from 'node:assert/strict';
import { agentItems } from '../../../../src/extension/delegate/agentItems';

describe('extension/delegate/agentItems', () => {
  const config = {
    defaultAgent: 'fake',
    agents: { fake: { command: 'node', args: ['${prompt}'], env: {}, description: 'a stand-in' } },
  };

  it('offers the default first, then the others; unavailable ones last, marked, with why', () => {
    const items = agentItems(config, (name) =>
      name === 'codex' ? { available: false, why: '`codex` was not found on PATH' } : { available: true },
    );
    assert.deepEqual(
      items.map((i) => i.label),
      ['fake', 'claude', 'gemini', 'shell', 'cannot run here', '$(warning) codex'],
    );
    assert.equal(items[0]!.description, 'default · a stand-in');
    const codex = items.at(-1)!;
    assert.equal(codex.unavailable, '`codex` was not found on PATH');
    assert.equal(codex.detail, codex.unavailable);
  });

  it('has no separator when every agent can run', () => {
    const items = agentItems(config, () => ({ available: true }));
    assert.ok(items.every((i) => i.agent));
  });
});
