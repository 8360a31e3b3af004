import assert from 'node:assert/strict';
import { defaultConfig } from '../../../../src/core/config';
import { agentItems, refusal } from '../../../../src/extension/delegate/agentItems';

describe('extension/delegate/agentItems', () => {
  const config = {
    defaultAgent: 'fake',
    agents: { fake: { command: 'node', args: ['${prompt}'], env: {}, description: 'a stand-in' } },
  };
  const labels = (items: ReturnType<typeof agentItems>) => items.map((i) => i.label);

  it('offers the default first, then the others with shell last; unavailable ones after, marked, with why', () => {
    const items = agentItems(config, (name) =>
      name === 'codex' ? { available: false, why: 'codex is not installed' } : { available: true },
    );
    assert.deepEqual(labels(items), [
      'fake',
      'claude',
      'gemini',
      'shell',
      'cannot run here',
      '$(warning) codex',
    ]);
    assert.equal(items[0]!.description, 'default · a stand-in');
    const codex = items.at(-1)!;
    assert.equal(codex.unavailable, 'codex is not installed');
    assert.equal(codex.detail, codex.unavailable);
  });

  it('keeps the default first when it cannot run, so Enter on it is refused rather than landing on shell', () => {
    // A new user without Claude Code installed: the default is `claude`, which cannot run.
    const why =
      'claude is not installed (not found on PATH): install it with npm install -g @anthropic-ai/claude-code';
    const items = agentItems({ ...defaultConfig(), agents: {} }, (name) =>
      name === 'shell' ? { available: true } : { available: false, why: `${name} is not installed` },
    );
    assert.deepEqual(labels(items), [
      '$(warning) claude',
      'shell',
      'cannot run here',
      '$(warning) codex',
      '$(warning) gemini',
    ]);
    const first = agentItems({ ...defaultConfig(), agents: {} }, () => ({ available: false, why }))[0]!;
    assert.equal(first.agent, 'claude');
    assert.equal(
      refusal(first),
      'claude is not installed (not found on PATH): install it with npm install -g @anthropic-ai/claude-code, or pick another agent',
    );
    assert.equal(refusal(items[1]!), undefined, 'shell can run: not refused');
  });

  it('takes shell as the default when it is configured so', () => {
    const items = agentItems({ ...defaultConfig(), defaultAgent: 'shell', agents: {} }, () => ({
      available: true,
    }));
    assert.deepEqual(labels(items), ['shell', 'claude', 'codex', 'gemini']);
    assert.match(items[0]!.description!, /^default · /);
  });

  it('shows a default that names no agent as one that cannot run, first', () => {
    const [first] = agentItems({ ...defaultConfig(), defaultAgent: 'nope', agents: {} });
    assert.equal(first!.agent, 'nope');
    assert.match(first!.unavailable!, /unknown agent "nope"/);
  });

  it('has no separator when every agent can run', () => {
    const items = agentItems(config, () => ({ available: true }));
    assert.ok(items.every((i) => i.agent));
  });
});
