/**
 * `dispatch agents [--json]`: every agent with whether it can run here, its usage-limit pause, its
 * running, queued and paused tasks and its cap; `dispatch agents resume <name>` ends a pause now.
 */
import { agentJson, agentsTable } from '../../agentsFormat';
import { type CliCommand, print, printJson } from '../command';

const list: CliCommand = {
  usage: 'dispatch agents [list] [--json]',
  summary:
    'list the agents: can each run here, is it paused at its usage limit and until when, its running, queued and paused tasks, its cap',
  positionals: [],
  options: { json: { type: 'boolean' } },
  async run(ctx, { values }) {
    const engine = await ctx.openEngine();
    try {
      const agents = engine.agents.list();
      if (values.json) printJson(agents.map(agentJson));
      else print(agentsTable(agents, Date.now()));
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};

const resume: CliCommand = {
  usage: 'dispatch agents resume <name>',
  summary:
    'end an agent’s usage-limit pause now (you know the limit is gone): its queued tasks start and its paused tasks run again',
  positionals: ['name'],
  options: {},
  async run(ctx, { positionals }) {
    const engine = await ctx.openEngine();
    try {
      const name = positionals[0]!;
      const resumed = await engine.agents.resumeAgent(name);
      const tasks = resumed.tasks.length
        ? `; queued again: ${resumed.tasks.join(', ')}`
        : '; it had no paused tasks';
      print(`resumed ${name}${tasks}`);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};

const SUBCOMMANDS: Record<string, CliCommand> = { list, resume };

export const agents: CliCommand = {
  usage: [
    'dispatch agents [<subcommand>] …',
    ...Object.values(SUBCOMMANDS).map((sub) => `  ${sub.usage}\n      ${sub.summary}`),
  ].join('\n'),
  summary: 'the agents: whether each can run here, usage-limit pauses, task counts; resume a paused agent',
  positionals: [],
  options: {},
  subcommands: SUBCOMMANDS,
  defaultSubcommand: 'list',
  run(ctx, args) {
    return SUBCOMMANDS[args.subcommand ?? 'list']!.run(ctx, args);
  },
};
