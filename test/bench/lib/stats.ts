/** Small helpers shared by benchmark modules (see scripts/bench.mjs). */
import { spawnSync } from 'node:child_process';

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
export const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;

/** Times `fn` `count` times after `warmup` untimed runs; returns milliseconds per run. */
export async function sample(count: number, warmup: number, fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

/** A deterministic pseudo-random source, so every run builds the same history. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = (
  'refactor the parser so that it handles nested blocks and keeps source positions; add tests for ' +
  'empty input, unicode, windows line endings and very long lines; update docs config module ' +
  'function class interface error message retry timeout cache index query database migration lock ' +
  'file path build lint format release changelog component view panel command setting option flag'
).split(' ');

/** A prompt of about `bytes` bytes of plausible text: a title line, then sentences. */
export function promptText(random: () => number, bytes: number): string {
  const words: string[] = [];
  let size = 0;
  while (size < bytes) {
    const word = WORDS[Math.floor(random() * WORDS.length)]!;
    words.push(words.length % 14 === 13 ? `${word}.\n` : word);
    size += word.length + 1;
  }
  return words.join(' ').slice(0, bytes);
}

/**
 * Flushes dirty pages before a measurement: seeding writes thousands of files, and their
 * background write-back otherwise lands in the next phase's fsyncs (seen as 3× swings).
 */
export function flushDisk(): void {
  if (process.platform !== 'win32') spawnSync('sync');
}
