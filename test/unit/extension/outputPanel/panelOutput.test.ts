import assert from 'node:assert/strict';
import { openPanelOutput } from '../../../../src/extension/outputPanel/panelOutput';
import { readSummary } from '../../../../src/extension/outputPanel/taskSummary';
import type { OutputChunk } from '../../../../src/protocol/outputPanel';
import { fakeAgent } from '../../../support/cli';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';

/**
 * The panel's readers on a real engine: Claude replaced only by replay-agent.js, which prints
 * what the real CLI printed (test/fixtures/agents/captured).
 */
describe('extension/outputPanel/panelOutput', function () {
  this.timeout(60_000);
  let fixture: EngineFixture;
  before(async () => {
    fixture = await openTestEngine({ agents: { claude: { command: fakeAgent('replay-agent.js') } } });
  });
  after(() => fixture.dispose());

  async function ended(id: string) {
    const deadline = Date.now() + 30_000;
    while (!['completed', 'failed'].includes(fixture.engine.resolve(id).state)) {
      assert.ok(Date.now() < deadline, `task ${id} did not end`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function firstPage(id: string, mode: 'raw' | 'transcript'): Promise<OutputChunk[]> {
    const output = await openPanelOutput(fixture.engine, id, mode, {
      onAppend: () => {},
      onTruncated: () => {},
      onError: (err) => assert.fail(err),
    });
    const { chunks } = output.first;
    output.dispose();
    return chunks;
  }

  it('reads a refused run as a transcript with its result in the header, or raw', async () => {
    const task = await fixture.engine.delegate({ prompt: 'replay:claude-bash-default', agent: 'claude' });
    await ended(task.id);
    const summary = readSummary(fixture.engine, task.id, true)!;
    assert.equal(summary.structured, true);
    assert.equal(summary.autonomy, 'edit');
    assert.equal(summary.canReply, true);
    assert.equal(readSummary(fixture.engine, task.id, false)!.canReply, false, 'untrusted: no replies');
    assert.match(summary.result!.denials!, /^1 action refused: Bash `touch/);
    assert.deepEqual(summary.result!.summary, ['Done. (mock saw 4 messages)']);
    assert.match(summary.result!.usage!, /240 tokens in, 34 out · \$0\.0016/);

    const transcript = await firstPage(task.id, 'transcript');
    assert.ok(transcript.every((c) => c.kind !== undefined));
    assert.ok(transcript.some((c) => c.kind === 'denial' && c.text.startsWith('refused: Bash')));
    const raw = await firstPage(task.id, 'raw');
    assert.ok(raw.every((c) => c.kind === undefined));
    assert.match(raw.map((c) => c.text).join(''), /"permission_denied"/);
  });

  it('shows a reply with the earlier turn above it, then "— reply —" and the message', async () => {
    const first = await fixture.engine.delegate({ prompt: 'replay:claude-resume-first', agent: 'claude' });
    await ended(first.id);
    const reply = await fixture.engine.reply(first.id, 'replay:claude-resume');
    await ended(reply.id);
    assert.equal(readSummary(fixture.engine, reply.id, true)!.replyTo, first.id);
    const lines = (await firstPage(reply.id, 'transcript')).map((c) => `${c.kind} ${c.text.trimEnd()}`);
    const separator = lines.indexOf('thread — reply —');
    assert.ok(separator > 0, `the earlier turn, then the separator: ${lines.join(' | ')}`);
    assert.equal(lines[separator + 1], 'prompt > replay:claude-resume');
    assert.ok(
      lines.slice(0, separator).some((l) => l.startsWith('footer ')),
      'the earlier turn in full',
    );
    assert.ok(
      lines.slice(separator).some((l) => /continuing claude session/.test(l)),
      'then its own',
    );
  });
});
