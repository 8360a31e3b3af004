// The demo workspace `npm start` opens: a few files for an agent to work on, a README that says
// which agents can run on this machine, and a git repository (so worktree tasks can be tried),
// initialised on the first start and committed again when a start refreshes the files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The built-in agents a person may have installed; `shell` always runs (it is the user's shell).
const AGENT_COMMANDS = ['claude', 'codex', 'gemini'];

export const onPath = (command) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function readme(found, missing) {
  const runs = ['`shell` (a command line, run by your shell)', ...found.map((a) => `\`${a}\``)];
  const absent = missing.length
    ? `\nNot found on this machine's PATH: ${missing.map((a) => `\`${a}\``).join(', ')}. Pick one in Delegate Task
and it offers **Install…** (the agent's install command in a terminal).\n`
    : '';
  return `# Agent Dispatch demo workspace

This folder was made by \`npm start\` (it is refreshed on every start; files you add stay). It is a
small git repository, so tasks can run in their own git worktree.

Agents that can run here: ${runs.join(', ')}.
${absent}
Things to try:

1. Click the **Dispatch** icon in the activity bar: the **Workers**, **Tasks** and **Schedules** views.
2. Press F1, run **Dispatch: Delegate Task**, type what the agent should do and press Enter. The
   buttons in the input's title bar change the agent, autonomy, model, worktree, priority and what
   to wait for. With the \`shell\` agent the prompt is a command line: try \`node src/greet.test.js\`.
3. Watch the notification follow the task (queued, running, done), then open its output.
4. Turn **Worktree** on in Delegate Task: the task runs in its own git worktree, and your files stay
   as they are until you apply its changes.
5. Open the Settings editor and search for \`dispatch\`; this workspace's \`.vscode/settings.json\`
   already sets a few of them.

Every window opened on this same folder shares one queue: open the URL in a second tab to see it.
`;
}

const DEMO_FILES = {
  'src/greet.js': `// A small file for an agent to work on.
function greet(name) {
  return \`Hello, \${name}!\`;
}

module.exports = { greet };
`,
  'src/greet.test.js': `const assert = require('node:assert');
const { greet } = require('./greet');

assert.strictEqual(greet('Dispatch'), 'Hello, Dispatch!');
console.log('greet: ok');
`,
  '.vscode/settings.json': `${JSON.stringify({ 'dispatch.maxWorkers': 2, 'dispatch.notifications': 'all' }, null, 2)}\n`,
  // The state directory ignores itself; this keeps editors' own files out of the demo's commits.
  '.gitignore': 'node_modules/\n',
};

/** Runs git in `cwd` with an identity of its own (the machine may have none configured). */
function git(cwd, args) {
  const identity = ['-c', 'user.name=Agent Dispatch demo', '-c', 'user.email=demo@agent-dispatch.invalid'];
  return spawnSync('git', [...identity, ...args], { cwd, encoding: 'utf8' });
}

/**
 * The demo folder as a git repository with the demo files committed: initialised on the first
 * start, and the refreshed files committed on later ones, so worktree tasks start from a clean HEAD.
 */
function commitDemo(demo, files) {
  if (!onPath('git')) {
    console.log('start: git is not on PATH, so the demo workspace is not a git repository');
    return;
  }
  if (!existsSync(path.join(demo, '.git')) && git(demo, ['init', '-q']).status !== 0) {
    console.log('start: could not make the demo workspace a git repository (git init failed)');
    return;
  }
  git(demo, ['add', '--', ...files]);
  const staged = git(demo, ['diff', '--cached', '--quiet']).status !== 0;
  const first = git(demo, ['rev-parse', '--verify', '--quiet', 'HEAD']).status !== 0;
  if (staged || first)
    git(demo, ['commit', '-q', '-m', first ? 'Demo workspace' : 'npm start: refresh the demo files']);
}

/** Writes the demo files into `demo` (made if missing) and commits them; returns `demo`. */
export function writeDemoWorkspace(demo) {
  const found = AGENT_COMMANDS.filter(onPath);
  const files = {
    'README.md': readme(
      found,
      AGENT_COMMANDS.filter((a) => !found.includes(a)),
    ),
    ...DEMO_FILES,
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(demo, rel)), { recursive: true });
    writeFileSync(path.join(demo, rel), text);
  }
  commitDemo(demo, Object.keys(files));
  return demo;
}
