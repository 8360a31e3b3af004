/** What scripts/bench.mjs hands each benchmark module. */
export interface BenchContext {
  /** A fresh directory (under $BENCH_DIR or the OS temp folder), removed after the run. */
  tempDir(label: string): string;
  /** Prints a Markdown table. */
  table(title: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void;
  note(text: string): void;
  /** BENCH_QUICK=1: a few samples only, to check that a bench still runs. */
  quick: boolean;
}
