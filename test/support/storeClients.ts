/**
 * Starts storeClient processes (test/multiprocess/fixtures/storeClient.ts) and follows their output line by
 * line. Every client is tracked so `killClients()` in `afterEach` leaves no process behind, even
 * a stopped one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const FIXTURE = path.join(__dirname, '..', 'multiprocess', 'fixtures', 'storeClient.js');
const running = new Set<Client>();

export interface Line {
  text: string;
  /** When this process received it (ms, performance clock). */
  at: number;
}

export class Client {
  readonly lines: Line[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters = new Set<() => void>();
  private stderr = '';

  constructor(readonly proc: ChildProcess) {
    let partial = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) this.lines.push({ text, at: performance.now() });
      for (const wake of this.waiters) wake();
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) =>
      proc.on('exit', (code, signal) => {
        running.delete(this);
        for (const wake of this.waiters) wake();
        resolve({ code, signal });
      }),
    );
  }

  get pid(): number {
    return this.proc.pid!;
  }

  /** The first line matching `pattern`, waiting up to `timeoutMs` for it. */
  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<Line> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.find((l) => pattern.test(l.text));
      if (line) return line;
      if (this.proc.exitCode !== null || this.proc.signalCode !== null || Date.now() > deadline) {
        throw new Error(
          `client ${this.pid} never printed ${pattern} (exit ${this.proc.exitCode ?? this.proc.signalCode}); ` +
            `last lines: ${this.lines
              .slice(-3)
              .map((l) => l.text)
              .join(' | ')}; stderr: ${this.stderr.slice(-500)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(1, deadline - Date.now()));
        this.waiters.add(wake);
      });
    }
  }

  count(pattern: RegExp): number {
    return this.lines.filter((l) => pattern.test(l.text)).length;
  }
}

export function startClient(args: (string | number)[]): Client {
  const proc = spawn(process.execPath, [FIXTURE, ...args.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const client = new Client(proc);
  running.add(client);
  return client;
}

/** Ends every client still running (resuming stopped ones first so SIGKILL is delivered at once). */
export async function killClients(): Promise<void> {
  const left = [...running];
  for (const client of left) {
    client.proc.kill('SIGCONT');
    client.proc.kill('SIGKILL');
  }
  await Promise.all(left.map((c) => c.exited));
}
