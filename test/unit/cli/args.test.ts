import assert from 'node:assert/strict';
import {
  type CommandSpec,
  findCommand,
  parseCommandLine,
  positiveInteger,
  positiveNumber,
} from '../../../src/cli/args';
import { isDispatchError } from '../../../src/core/errors';

const commands: Record<string, CommandSpec> = {
  delegate: {
    usage: 'dispatch delegate <prompt> [--agent NAME] [--json]',
    summary: '',
    positionals: ['prompt'],
    options: { agent: { type: 'string' }, json: { type: 'boolean' } },
  },
  list: { usage: 'dispatch list', summary: '', positionals: [], options: {} },
  schedule: {
    usage: 'dispatch schedule <subcommand>',
    summary: '',
    positionals: [],
    options: {},
    subcommands: {
      create: {
        usage: 'dispatch schedule create <prompt> --cron EXPR',
        summary: '',
        positionals: ['prompt'],
        options: { cron: { type: 'string' } },
      },
      show: { usage: 'dispatch schedule show <id>', summary: '', positionals: ['id'], options: {} },
    },
  },
  agents: {
    usage: 'dispatch agents [<subcommand>]',
    summary: '',
    positionals: [],
    options: {},
    defaultSubcommand: 'list',
    subcommands: {
      list: {
        usage: 'dispatch agents [list]',
        summary: '',
        positionals: [],
        options: { json: { type: 'boolean' } },
      },
      resume: { usage: 'dispatch agents resume <name>', summary: '', positionals: ['name'], options: {} },
    },
  },
  loop: {
    usage: 'dispatch loop <prompt> | dispatch loop <subcommand>',
    summary: '',
    positionals: [],
    options: {},
    defaultSubcommand: 'start',
    subcommands: {
      start: {
        usage: 'dispatch loop <prompt> --until CMD',
        summary: '',
        positionals: ['prompt'],
        options: { until: { type: 'string' } },
      },
      show: { usage: 'dispatch loop show <id>', summary: '', positionals: ['id'], options: {} },
    },
  },
};

const inputError = (pattern: RegExp) => (err: unknown) =>
  isDispatchError(err, 'invalid-input') && pattern.test(err.message);

describe('cli/args', () => {
  it('finds the command after global options and their values', () => {
    assert.equal(findCommand(['--workspace', '/w', '--state-dir=/s', 'list']), 'list');
    assert.equal(findCommand(['--help']), undefined);
  });

  it('parses global and command options in any order', () => {
    const parsed = parseCommandLine(
      ['delegate', 'fix it', '--agent', 'shell', '--workspace', '/w', '--json'],
      commands,
    );
    assert.equal(parsed.command, 'delegate');
    assert.deepEqual(parsed.positionals, ['fix it']);
    assert.equal(parsed.values.agent, 'shell');
    assert.equal(parsed.values.workspace, '/w');
    assert.equal(parsed.values.json, true);
  });

  it('names an unknown command and lists the real ones', () => {
    assert.throws(
      () => parseCommandLine(['deleggate'], commands),
      inputError(/unknown command "deleggate"; commands are: delegate, list/),
    );
  });

  it('refuses unknown options, pointing at the help', () => {
    assert.throws(
      () => parseCommandLine(['list', '--colour'], commands),
      inputError(/--colour.*dispatch list --help/),
    );
  });

  it('asks for a missing argument by name and for quotes around a split prompt', () => {
    assert.throws(() => parseCommandLine(['delegate'], commands), inputError(/missing <prompt>/));
    assert.throws(
      () => parseCommandLine(['delegate', 'fix', 'it'], commands),
      inputError(/unexpected argument "it".*quote/),
    );
  });

  it('lets --help through without the required arguments', () => {
    assert.equal(parseCommandLine(['delegate', '--help'], commands).values.help, true);
  });

  it('parses a subcommand with its own options and positionals', () => {
    const parsed = parseCommandLine(
      ['--workspace', '/w', 'schedule', 'create', 'fix it', '--cron', '* * * * *'],
      commands,
    );
    assert.deepEqual(
      [parsed.command, parsed.subcommand, parsed.positionals, parsed.values.cron],
      ['schedule', 'create', ['fix it'], '* * * * *'],
    );
    assert.deepEqual(parseCommandLine(['schedule', 'show', 'abc'], commands).positionals, ['abc']);
  });

  it('takes the default subcommand when the next word names none (`dispatch agents --json`)', () => {
    const bare = parseCommandLine(['agents', '--json'], commands);
    assert.deepEqual([bare.subcommand, bare.positionals, bare.values.json], [undefined, [], true]);
    const named = parseCommandLine(['agents', 'resume', 'claude'], commands);
    assert.deepEqual([named.subcommand, named.positionals], ['resume', ['claude']]);
    assert.throws(() => parseCommandLine(['agents', 'resume'], commands), inputError(/missing <name>/));
    assert.throws(
      () => parseCommandLine(['agents', 'pause'], commands),
      inputError(/unexpected argument "pause"; usage: dispatch agents \[list\]/),
    );
  });

  it('takes the default subcommand when the next word names none, keeping that word as a positional', () => {
    const started = parseCommandLine(['loop', 'fix it', '--until', 'npm test'], commands);
    assert.deepEqual(
      [started.command, started.subcommand, started.positionals, started.values.until],
      ['loop', undefined, ['fix it'], 'npm test'],
    );
    const optionsFirst = parseCommandLine(['loop', '--until', 'x', 'fix it'], commands);
    assert.deepEqual(optionsFirst.positionals, ['fix it']);
    const named = parseCommandLine(['loop', 'show', 'abc'], commands);
    assert.deepEqual([named.subcommand, named.positionals], ['show', ['abc']]);
    assert.equal(parseCommandLine(['loop', 'start', 'fix it'], commands).positionals[0], 'fix it');
    assert.throws(
      () => parseCommandLine(['loop'], commands),
      inputError(/missing <prompt>; usage: dispatch loop <prompt>/),
    );
    assert.throws(
      () => parseCommandLine(['loop', 'show', 'a', '--until', 'x'], commands),
      inputError(/Unknown option '--until'/),
    );
    assert.equal(
      parseCommandLine(['loop', '--help'], commands).subcommand,
      undefined,
      '--help shows the whole command',
    );
  });

  it('names a missing or unknown subcommand, and options the subcommand does not take', () => {
    assert.throws(
      () => parseCommandLine(['schedule'], commands),
      inputError(/needs a subcommand: create, show/),
    );
    assert.throws(
      () => parseCommandLine(['schedule', 'nuke'], commands),
      inputError(/unknown subcommand "nuke"/),
    );
    assert.throws(
      () => parseCommandLine(['schedule', 'show', 'abc', '--cron', 'x'], commands),
      inputError(/--cron.*dispatch schedule show --help/),
    );
    assert.throws(() => parseCommandLine(['schedule', 'show'], commands), inputError(/missing <id>/));
    assert.equal(parseCommandLine(['schedule', '--help'], commands).values.help, true);
    assert.equal(parseCommandLine(['schedule', 'create', '--help'], commands).subcommand, 'create');
  });

  it('validates numbers', () => {
    assert.equal(positiveNumber('1.5', '--timeout'), 1.5);
    assert.equal(positiveNumber(undefined, '--timeout'), undefined);
    assert.throws(
      () => positiveNumber('soon', '--timeout'),
      inputError(/--timeout must be a positive number, got "soon"/),
    );
    assert.throws(() => positiveNumber('-3', '--timeout'), inputError(/positive/));
    assert.throws(() => positiveInteger('2.5', '--max-workers'), inputError(/whole number/));
  });
});
