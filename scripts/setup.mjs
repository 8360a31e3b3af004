// npm run setup: everything a fresh clone needs before `npm test` and `npm start`. Idempotent, and
// only node builtins, because it runs before node_modules exists.
//   1. Debian packages: chromium (the ui tier's browser), libkrb5-dev (headers for code-server's
//      `kerberos` module), ripgrep (stands in for @vscode/ripgrep's GitHub download).
//   2. `npm ci` when node_modules is missing or older than package-lock.json.
//   3. The VS Code runtime (code-server) in a cache folder outside the repo: scripts/lib/vscode-runtime.mjs.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onExit } from './lib/on-exit.mjs';
import {
  CODE_SERVER_VERSION,
  isRuntimeInstalled,
  markerPath,
  nativeArtifacts,
  repoRoot,
  runtimeDir,
} from './lib/vscode-runtime.mjs';

const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep'];
// @vscode/ripgrep's postinstall looks for this tarball before downloading from GitHub (which is
// unreachable here). Both versions come from code-server's lib/vscode shrinkwrap: re-check them
// whenever CODE_SERVER_VERSION changes.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';

const say = (msg) => console.log(`setup: ${msg}`);

function fail(msg) {
  console.error(`setup: ${msg}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) fail(`\`${cmd} ${args.join(' ')}\` failed (${result.status ?? result.signal})`);
}

function isDpkgInstalled(pkg) {
  const q = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return q.status === 0 && q.stdout.trim() === 'install ok installed';
}

function ensureAptPackages() {
  if (spawnSync('dpkg-query', ['--version']).error) {
    say(`not a Debian system: make sure ${APT_PACKAGES.join(', ')} (or equivalents) are installed`);
    return;
  }
  const missing = APT_PACKAGES.filter((p) => !isDpkgInstalled(p));
  if (missing.length === 0) return say(`system packages present (${APT_PACKAGES.join(', ')})`);
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  let prefix = [];
  if (process.getuid?.() !== 0) {
    if (spawnSync('sudo', ['-n', 'true']).status !== 0) {
      fail(
        `missing Debian packages: ${missing.join(' ')}. Install them, then run \`npm run setup\` again:\n` +
          `  sudo apt-get update && sudo ${install.join(' ')}`,
      );
    }
    prefix = ['sudo', '-n'];
  }
  say(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [cmd, ...args] = [...prefix, 'apt-get', 'update'];
  run(cmd, args, { env });
  const [icmd, ...iargs] = [...prefix, ...install];
  run(icmd, iargs, { env });
}

function ensureNodeModules() {
  const installed = path.join(repoRoot, 'node_modules', '.package-lock.json');
  const lock = path.join(repoRoot, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
    return say('node_modules up to date');
  }
  say('npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot });
}

function seedRipgrepCache() {
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  if (!target) fail(`no ripgrep target known for ${process.arch}`);
  const cache = path.join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const tarball = path.join(cache, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
  if (existsSync(tarball)) return;
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) fail('ripgrep (`rg`) is not on PATH: install the Debian package `ripgrep`');
  mkdirSync(cache, { recursive: true });
  run('tar', ['czf', tarball, '-C', path.dirname(rg), path.basename(rg)]);
}

/** npm install in the runtime folder; its long output goes to install.log, a short line every 30 s. */
function npmInstallQuietly(dir, env) {
  const log = path.join(dir, 'install.log');
  const fd = openSync(log, 'w');
  const started = Date.now();
  const ticker = setInterval(
    () => say(`  still installing (${Math.round((Date.now() - started) / 1000)} s)`),
    30_000,
  );
  return new Promise((resolve) => {
    // Its own process group, so that an interrupted setup (Ctrl+C, a CI timeout) can take npm and
    // every compiler it started down with it: npm itself waits for its scripts on SIGTERM, and the
    // next run wipes the half-filled folder anyway.
    const child = spawn('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: dir,
      env,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    const unregister = onExit(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: already gone
      }
    });
    const done = (status) => {
      unregister();
      clearInterval(ticker);
      closeSync(fd);
      resolve({ status, log });
    };
    child.on('error', () => done(-1));
    child.on('exit', (code, signal) => done(code ?? signal));
  });
}

async function installRuntime() {
  if (isRuntimeInstalled()) return say(`VS Code runtime ready (${runtimeDir()})`);
  const dir = runtimeDir();
  say(`installing the VS Code runtime (code-server ${CODE_SERVER_VERSION}) into ${dir}`);
  say('  about a minute and 300 MB: it builds native modules; the log goes to install.log there');
  // Start clean: a half-finished install would make npm skip the postinstall that builds VS Code.
  for (const name of ['node_modules', 'package.json', 'package-lock.json', 'install.log']) {
    rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'agent-dispatch-vscode-runtime',
    private: true,
    description: 'The VS Code server used by Agent Dispatch tests and `npm start` (see scripts/setup.mjs).',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
  };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  seedRipgrepCache();

  const env = {
    ...process.env,
    // node-pty's postinstall runs `npx node-gyp`; with `yes=false` in npm's config npx refuses.
    npm_config_yes: 'true',
    // code-server's postinstall refuses to run as root unless this is set (an npm 6 flag it checks).
    npm_config_unsafe_perm: 'true',
    // npm 11 skips dependency install scripts not listed in `allowScripts`. An allowScripts field
    // here would not reach the nested `npm install`s that code-server's postinstall runs in
    // lib/vscode and lib/vscode/extensions (separate projects), and `allow-scripts` passed through
    // the environment is rejected in project installs. Every package involved is pinned by
    // code-server's shrinkwraps, so allowing all scripts for this one install is the narrow fix.
    npm_config_dangerously_allow_all_scripts: 'true',
  };
  const started = Date.now();
  const { status, log } = await npmInstallQuietly(dir, env);
  if (status !== 0) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-40).join('\n') : '';
    fail(`installing code-server failed (exit ${status}); the end of ${log}:\n${tail}`);
  }
  verifyNativeModules();
  writeFileSync(
    markerPath(),
    `${JSON.stringify({ version: CODE_SERVER_VERSION, at: new Date().toISOString() })}\n`,
  );
  say(`VS Code runtime installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** An install whose scripts were skipped still "succeeds": prove the native modules exist and load. */
function verifyNativeModules() {
  const missing = nativeArtifacts().filter((f) => !existsSync(f));
  if (missing.length)
    fail(`code-server installed without its native modules (scripts skipped?):\n  ${missing.join('\n  ')}`);
  const addons = nativeArtifacts().filter((f) => f.endsWith('.node'));
  const load = spawnSync(process.execPath, ['-e', `for (const f of ${JSON.stringify(addons)}) require(f)`], {
    encoding: 'utf8',
  });
  if (load.status !== 0) fail(`code-server's native modules do not load in this Node:\n${load.stderr}`);
}

ensureAptPackages();
ensureNodeModules();
await installRuntime();
say('done');
