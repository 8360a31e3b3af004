// npm start: build, then show the extension on a demo workspace.
//   - With a desktop `code` on PATH: `code --extensionDevelopmentPath=<repo> <demo>`.
//   - Otherwise: the bundled VS Code server in the foreground (port $PORT, else 8080, else a free
//     one) with the extension in development mode; open the printed URL. Ctrl+C stops it all.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { onPath, writeDemoWorkspace } from './lib/demo-workspace.mjs';
import { cacheDir, repoRoot } from './lib/vscode-runtime.mjs';
import { freePort, startServer } from './lib/vscode-server.mjs';

const hasDesktopCode = () => onPath('code');

function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function choosePort() {
  const wanted = Number(process.env.PORT || 8080);
  if (await isFree(wanted)) return wanted;
  const port = await freePort();
  console.log(`start: port ${wanted} is taken, using ${port}`);
  return port;
}

async function main() {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const demo = writeDemoWorkspace(path.join(cacheDir(), 'demo-workspace'));

  if (hasDesktopCode()) {
    console.log(`start: opening ${demo} in VS Code with the extension in development mode`);
    const code = spawnSync('code', [`--extensionDevelopmentPath=${repoRoot}`, demo], { stdio: 'inherit' });
    process.exit(code.status ?? 1);
  }

  const server = await startServer({ port: await choosePort() });
  console.log('start: no desktop `code` on PATH, so the bundled VS Code server runs the extension.');
  console.log(`start: open  ${server.url(demo, { extensionDevelopmentPath: repoRoot })}`);
  console.log(`start: the demo's README.md says what to try. Server log: ${server.logFile}`);
  console.log(`start: Ctrl+C stops the server and its extension hosts.`);
  // Ctrl+C is handled by scripts/lib/on-exit.mjs, which kills the server's process group.
  const code = await server.exited;
  console.error(`start: the VS Code server exited (${code})`);
  process.exit(1);
}

main().catch((err) => {
  console.error(`start: ${err.message}`);
  process.exit(1);
});
