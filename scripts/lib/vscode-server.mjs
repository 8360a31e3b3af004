// Starts the VS Code server bundled in code-server (see docs/testing.md): a real Node
// extension host behind the web workbench. Used by the vscode and ui test tiers and `npm start`.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onExit } from './on-exit.mjs';
import { serverMainPath } from './vscode-runtime.mjs';

// User settings that keep the workbench quiet: no welcome page, walkthroughs, tips, update or
// gallery checks, telemetry or trust prompts that would cover what a test looks at.
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
};

/**
 * @typedef {object} ServerOptions
 * @property {Record<string, string>} [env] extra environment; the extension host inherits it. Default none.
 * @property {boolean} [workspaceTrust] keep workspace trust on (folders open untrusted). Default false.
 * @property {number} [port] listen here instead of a free port. Default: a free port.
 * @property {Record<string, unknown>} [settings] extra user settings. Default none.
 * @property {string[]} [installExtensions] .vsix files or ids to `--install-extension` first. Default none.
 */

/**
 * Starts a server with fresh data folders and waits until it answers.
 * @param {ServerOptions} [options]
 */
export async function startServer(options = {}) {
  const main = serverMainPath();
  const base = mkdtempSync(path.join(tmpdir(), 'dispatch-vscode-'));
  const dirs = {
    serverData: path.join(base, 'server-data'),
    userData: path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
  };
  const settings = JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2);
  // The web workbench of this build reads user settings from the server's user-data dir (checked
  // with a colour theme: the file below wins).
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), settings);
  mkdirSync(dirs.extensions, { recursive: true });

  const env = serverEnv(options.env);
  const common = [
    '--accept-server-license-terms',
    '--telemetry-level',
    'off',
    '--server-data-dir',
    dirs.serverData,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
  for (const ext of options.installExtensions ?? []) await installExtension(main, common, env, ext, base);

  const port = options.port ?? (await freePort());
  // Loopback only: without a connection token anyone who can reach the port could drive it.
  const args = [main, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token'];
  args.push('--enable-smoke-test-driver', ...common);
  if (!options.workspaceTrust) args.push('--disable-workspace-trust');
  const logFile = path.join(base, 'server.log');
  const log = openSync(logFile, 'w');
  // detached: the server leads a new process group, so stop() can kill it with every extension host.
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], env });
  closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false; // ESRCH: the whole group is gone
    }
  };
  let stopped = false;
  const unregister = onExit(() => {
    killGroup('SIGKILL');
    rmSync(base, { recursive: true, force: true });
  });
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unregister();
    killGroup('SIGTERM');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && killGroup(0)) await sleep(100);
    killGroup('SIGKILL');
    rmSync(base, { recursive: true, force: true });
  };

  try {
    await waitForVersion(port, exited);
  } catch (err) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    await stop();
    throw new Error(`${err.message}\n--- server log ---\n${tail}`);
  }

  const origin = `http://127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  return {
    port,
    dirs,
    logFile,
    /** Settles with the exit code (or signal) if the server process ends. */
    exited,
    /**
     * The workbench URL on `folder` (null: an empty window, with no folder). `payload` entries are
     * development parameters; the local paths in extensionDevelopmentPath / extensionTestsPath
     * become vscode-remote URIs.
     * @param {string | null} folder
     * @param {Record<string, string>} [payload]
     */
    url(folder, payload = {}) {
      const pairs = [['skipWelcome', 'true']];
      for (const [key, value] of Object.entries(payload)) {
        const isPath = key === 'extensionDevelopmentPath' || key === 'extensionTestsPath';
        pairs.push([key, isPath ? remote(value) : value]);
      }
      const where = folder === null ? 'ew=true' : `folder=${encodeURIComponent(folder)}`;
      const query = `${where}&payload=${encodeURIComponent(JSON.stringify(pairs))}`;
      return `${origin}/?${query}`;
    },
    stop,
  };
}

/** Without a token and with no gallery, so nothing reaches out of the machine. */
function serverEnv(extra = {}) {
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', ...extra };
  // Variables of a VS Code we may have been started from would point the server at that one.
  for (const key of Object.keys(env))
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  return env;
}

function installExtension(main, common, env, ext, base) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...common, '--install-extension', ext, '--force'], {
      env,
      cwd: base,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`--install-extension ${ext} failed (${code}):\n${out}`)),
    );
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once GET /version answers; rejects if the server exits first or after 30 s. */
async function waitForVersion(port, exited) {
  let exitCode;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the VS Code server exited (${exitCode}) before answering`);
    if (await answers(`http://127.0.0.1:${port}/version`)) return;
    await sleep(100);
  }
  throw new Error('the VS Code server did not answer /version within 30 s');
}

function answers(url) {
  return new Promise((resolve) => {
    const req = get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
