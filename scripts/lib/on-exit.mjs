// Cleanups that must run however the process ends: normal exit, an uncaught error, Ctrl+C, or a
// kill from a CI timeout. A VS Code server left running keeps its extension hosts alive forever
// (they wait for a reconnection), so every process we start registers its teardown here.
const cleanups = new Set();
let installed = false;

/** Runs `fn` (synchronously) at exit unless the returned function is called first. */
export function onExit(fn) {
  install();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function runAll() {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    try {
      fn();
    } catch (err) {
      console.error('cleanup failed:', err);
    }
  }
}

function install() {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  // A listener replaces the default "die on signal", so exit with the conventional code ourselves.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.on(signal, () => {
      runAll();
      process.exit(code);
    });
  }
}
