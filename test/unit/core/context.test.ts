import assert from 'node:assert/strict';
import { CONTEXT_LIMITS, contextBlock, type EarlierTask, promptWithContext } from '../../../src/core/context';

const earlier = (overrides: Partial<EarlierTask> = {}): EarlierTask => ({
  id: 'abcdefghjkmn',
  title: 'Fix the parser',
  prompt: 'Fix the parser so that the tests pass',
  state: 'failed',
  exitCode: 1,
  signal: null,
  reason: 'exit code 1',
  outputTail: 'compiling\n\x1b[31merror: expected ;\x1b[0m\n',
  outputCut: false,
  git: null,
  ...overrides,
});

describe('core/context', () => {
  it('says what the earlier task was asked, how it ended and what it printed, without colours', () => {
    const block = contextBlock(earlier());
    assert.match(block, /^\[Context from earlier task abcdefghjkmn "Fix the parser"\]/);
    assert.match(block, /Its prompt was:\n {4}Fix the parser so that the tests pass/);
    assert.match(
      block,
      /It ended failed \(exit code 1\)\./,
      'a reason that repeats the exit code is left out',
    );
    assert.match(
      contextBlock(earlier({ reason: 'timeout', exitCode: null })),
      /It ended failed \(timeout\)\./,
    );
    assert.match(block, /Its output:\n {4}compiling\n {4}error: expected ;$/);
    assert.ok(!block.includes('\x1b'), 'no escape sequences');
  });

  it('says what a structured agent did in words: its final message, commands, refusals, transcript', () => {
    const block = contextBlock(
      earlier({
        outputTail: '$ npm test\n  1 failing\nerror: tests fail',
        run: {
          summary: 'The tests still fail.',
          commands: ['$ npm test', 'edit src/a.ts'],
          commandsLeftOut: 3,
          denials: ['Bash `rm -rf dist`'],
        },
      }),
    );
    assert.match(block, /The agent's final message:\n {4}The tests still fail\.\n/);
    assert.match(
      block,
      /Commands it ran \(3 earlier ones left out\):\n {4}\$ npm test\n {4}edit src\/a\.ts\n/,
    );
    assert.match(block, /Actions it was refused:\n {4}Bash `rm -rf dist`\n/);
    assert.match(block, /Its transcript:\n {4}\$ npm test\n {6}1 failing\n {4}error: tests fail$/);
    assert.match(
      contextBlock(earlier({ outputCut: true, run: { commands: [], commandsLeftOut: 0, denials: [] } })),
      /The end of its transcript \(earlier transcript left out\):/,
    );
    assert.doesNotMatch(contextBlock(earlier()), /final message|Commands it ran|refused/);
  });

  it('adds the git facts recorded when it ended', () => {
    const block = contextBlock(
      earlier({
        git: { branch: 'fix/parser', commit: '0123456789ab', changedFiles: ['M src/a.ts', '?? new.ts'] },
      }),
    );
    assert.match(block, /branch fix\/parser, commit 0123456789ab/);
    assert.match(block, /Uncommitted changes when it ended:\n {4}M src\/a\.ts\n {4}\?\? new\.ts/);
    const clean = contextBlock(earlier({ git: { branch: 'main', commit: null, changedFiles: [] } }));
    assert.match(clean, /at branch main\.\nIt left no uncommitted changes/);
  });

  it('stays bounded however much the earlier task printed or was asked', () => {
    const files = Array.from({ length: 500 }, (_, i) => `M f${i}.ts`);
    const block = contextBlock(
      earlier({
        prompt: 'p'.repeat(50_000),
        outputTail: `${'line of output\n'.repeat(5000)}the last line\n`,
        git: { branch: 'main', commit: 'abc', changedFiles: files },
      }),
    );
    assert.ok(block.length < 16_000, `context is ${block.length} characters`);
    assert.match(block, /The end of its output \(earlier output left out\):/);
    assert.match(block, /the last line$/);
    assert.match(block, /… \(cut\)/);
    assert.match(block, /… and 450 more/);
    assert.ok(block.split('\n').filter((l) => /^ {4}M f/.test(l)).length === CONTEXT_LIMITS.changedFiles);
  });

  it('says when the output was cut by the reader, when there was none, and when the task is gone', () => {
    assert.match(contextBlock(earlier({ outputCut: true })), /earlier output left out/);
    assert.match(contextBlock(earlier({ outputTail: '' })), /It printed nothing\./);
    assert.match(
      contextBlock(earlier({ state: 'completed', exitCode: 0, reason: null })),
      /It ended completed \(exit code 0\)/,
    );
    assert.match(contextBlock({ missing: 'zzzzzzzzzzzz' }), /zzzzzzzzzzzz no longer exists/);
  });

  it('puts the blocks before the user prompt, and leaves a prompt without context alone', () => {
    assert.equal(promptWithContext('do it', []), 'do it');
    assert.equal(promptWithContext('do it', ['A', 'B']), 'A\n\nB\n\n[Your task]\n\ndo it');
  });
});
