import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostName, isAlive, processStartTime } from '../../../../src/store/os/processInfo';

const linux = process.platform === 'linux';

describe('store/os/processInfo', () => {
  it('gives this process a stable start time', function () {
    if (process.platform === 'win32') this.skip();
    const start = processStartTime(process.pid);
    assert.ok(start);
    assert.equal(processStartTime(process.pid), start);
  });

  it('has no start time for a process that does not exist', () => {
    assert.equal(processStartTime(0), null);
    assert.equal(processStartTime(-5), null);
    assert.equal(processStartTime(2 ** 22 + 12345), null);
  });

  it('tells the living from the dead', async () => {
    assert.equal(isAlive(process.pid), true);
    assert.equal(isAlive(process.pid, processStartTime(process.pid)), true);
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(isAlive(pid), false);
    assert.equal(isAlive(0), false);
  });

  it('treats a reused PID (same number, other start time) as dead', function () {
    if (process.platform === 'win32') this.skip();
    assert.equal(isAlive(process.pid, 'some-other-start'), false);
  });

  it('counts a process of another user (kill gives EPERM) as alive', function () {
    // Only root can start a process as another user; elsewhere this is covered by reasoning only.
    if (!linux || process.getuid?.() !== 0) this.skip();
    // The module's compiled source goes in by argument: the child may not be allowed to read our files.
    const source = readFileSync(require.resolve('../../../../src/store/os/processInfo'), 'utf8');
    const script = [
      'const m = { exports: {} };',
      'new Function("module", "exports", "require", process.argv[1])(m, m.exports, require);',
      "let code = 'none';",
      'try { process.kill(1, 0); } catch (e) { code = e.code; }',
      'console.log(JSON.stringify({ code, alive: m.exports.isAlive(1) }));',
    ].join('\n');
    const out = spawnSync(process.execPath, ['-e', script, source], {
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
      cwd: '/',
    });
    const result = JSON.parse(out.stdout);
    assert.deepEqual(result, { code: 'EPERM', alive: true });
  });

  it('counts a zombie (killed, never reaped) as dead', function () {
    if (!linux) this.skip();
    // sh starts `sleep 0` in the background and then becomes `sleep 5`, which never reaps it.
    const sh = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return new Promise<void>((resolve, reject) => {
      sh.stdout.once('data', (data: Buffer) => {
        const zombie = Number(data.toString().trim());
        setTimeout(() => {
          try {
            const state = execFileSync('cat', [`/proc/${zombie}/stat`], { encoding: 'utf8' });
            assert.match(state, /\) Z /);
            assert.equal(isAlive(zombie), false);
            resolve();
          } catch (err) {
            reject(err);
          } finally {
            sh.kill('SIGKILL');
          }
        }, 200);
      });
    });
  });

  it('names this host', () => {
    assert.ok(hostName().length > 0);
  });
});
