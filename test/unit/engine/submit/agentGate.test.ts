import assert from 'node:assert/strict';
import path from 'node:path';
import { isDispatchError } from '../../../../src/core/errors';
import { Engine } from '../../../../src/engine/engine';
import type { EngineLog } from '../../../../src/engine/engineLog';
import { AgentUnavailableError } from '../../../../src/engine/submit/agentGate';
import { type EngineFixture, openTestEngine } from '../../../support/engineFixture';

/**
 * One availability check for every way to add work: an engine that refuses (a window) stores
 * nothing for an agent it cannot run; one that warns (the CLI) stores it and warns once.
 */
describe('engine/submit/agentGate', () => {
  let fx: EngineFixture;
  let refusing: Engine;
  let warnings: string[];

  beforeEach(async () => {
    warnings = [];
    const log: EngineLog = { info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
    fx = await openTestEngine(
      {
        agents: {
          ghost: { command: '/nonexistent/ghost-agent', args: ['${prompt}'] },
          ok: { command: process.execPath, args: [] },
        },
      },
      { runTasks: false, log, unavailableAgents: 'warn' },
    );
    // A second engine on the same state, as an editor window opens it.
    refusing = await Engine.open({
      stateDir: path.join(fx.workspace, '.vscode', 'dispatch'),
      workspace: fx.workspace,
      config: () => fx.config,
      kind: 'test',
      runTasks: false,
      unavailableAgents: 'refuse',
    });
  });
  afterEach(async () => {
    await refusing.dispose();
    await fx.dispose();
  });

  const WHY = 'ghost cannot run: /nonexistent/ghost-agent does not exist — fix dispatch.agents.ghost.command';
  const refused = (err: unknown) =>
    err instanceof AgentUnavailableError &&
    isDispatchError(err, 'agent-unavailable') &&
    err.agent === 'ghost' &&
    err.message === `${WHY}, or pick another agent`;

  it('stores the task and warns once, in one line, when the engine warns', async () => {
    const task = await fx.engine.delegate({ prompt: 'hello', agent: 'ghost' });
    assert.equal(fx.engine.resolve(task.id).state, 'queued');
    assert.deepEqual(warnings, [`${WHY}; queued anyway, for a window or worker whose PATH has it`]);
    await fx.engine.delegate({ prompt: 'fine', agent: 'ok' });
    assert.equal(warnings.length, 1, 'an agent that can run is not warned about');
  });

  it('warns of nothing when the write itself is refused', async () => {
    await assert.rejects(fx.engine.delegate({ prompt: 'x', agent: 'ghost', after: ['ffffffff'] }));
    assert.deepEqual(warnings, []);
  });

  it('refuses delegate, retry, resume, pipelines and schedules when the engine refuses, storing nothing', async () => {
    const old = await fx.engine.delegate({ prompt: 'hello', agent: 'ghost' });
    await fx.engine.cancel(old.id);
    const before = refusing.list().length;
    await assert.rejects(refusing.delegate({ prompt: 'hello', agent: 'ghost' }), refused);
    await assert.rejects(refusing.retry(old.id), refused);
    await assert.rejects(refusing.resume(old.id, 'go on'), refused);
    await assert.rejects(
      refusing.pipeline([
        { prompt: 'first', agent: 'ok' },
        { prompt: 'second', agent: 'ghost' },
      ]),
      refused,
    );
    assert.equal(refusing.list().length, before, 'no task stored');
    await assert.rejects(
      refusing.schedules.create({ prompt: 'nightly', cron: '0 3 * * *', agent: 'ghost' }),
      refused,
    );
    assert.deepEqual(refusing.schedules.list(), []);
    // An agent that can run passes the same check.
    assert.equal((await refusing.delegate({ prompt: 'fine', agent: 'ok' })).state, 'queued');
  });

  it('leaves an unknown agent to the input checks, which refuse it in either mode', async () => {
    for (const engine of [fx.engine, refusing]) {
      await assert.rejects(engine.delegate({ prompt: 'x', agent: 'nope' }), (err) =>
        isDispatchError(err, 'invalid-input'),
      );
    }
    assert.deepEqual(warnings, []);
  });
});
