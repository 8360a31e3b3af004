import assert from 'node:assert/strict';
import { isDispatchError } from '../../../src/core/errors';
import {
  cascadeReason,
  checkAddedDependencies,
  checkDependencyCount,
  checkNewDependencies,
  type DependencyGraph,
  depthOf,
  findPath,
  MAX_DEPENDENCIES,
  MAX_DEPTH,
  readiness,
} from '../../../src/core/graph';
import type { TaskState } from '../../../src/core/taskState';

/** A graph from "a>b" edges (a waits for b); every task is blocked unless `states` says otherwise. */
function graph(edges: string[], states: Record<string, TaskState> = {}): DependencyGraph {
  const pairs = edges.map((e) => e.split('>') as [string, string]);
  const ids = new Set(pairs.flat());
  return {
    dependenciesOf: (id) => pairs.filter(([a]) => a === id).map(([, b]) => b),
    dependentsOf: (id) => pairs.filter(([, b]) => b === id).map(([a]) => a),
    stateOf: (id) => states[id] ?? (ids.has(id) ? 'blocked' : undefined),
  };
}

/** A chain t1 > t2 > … > tn (t1 waits for t2 …), all unfinished. */
function chain(n: number): string[] {
  return Array.from({ length: n - 1 }, (_, i) => `t${i + 1}>t${i + 2}`);
}

const refused = (code: string, pattern: RegExp) => (err: unknown) =>
  isDispatchError(err) && err.code === code && pattern.test(err.message);

describe('core/graph', () => {
  it('finds the path along "waits for" edges', () => {
    const g = graph(['a>b', 'b>c', 'a>d']);
    assert.deepEqual(findPath(g, 'a', 'c'), ['a', 'b', 'c']);
    assert.equal(findPath(g, 'c', 'a'), undefined);
  });

  it('refuses a self-dependency and a cycle, with the cycle path in the message', () => {
    const g = graph(['a>b', 'b>c']);
    assert.throws(() => checkAddedDependencies(g, 'a', ['a']), refused('dependency-cycle', /itself/));
    assert.throws(() => checkAddedDependencies(g, 'c', ['a']), refused('dependency-cycle', /c → a → b → c/));
    assert.doesNotThrow(() => checkAddedDependencies(g, 'a', ['c']), 'a shortcut is not a cycle');
  });

  it('finds a cycle through a diamond', () => {
    const g = graph(['d>b', 'd>c', 'b>a', 'c>a']);
    assert.throws(() => checkAddedDependencies(g, 'a', ['d']), refused('dependency-cycle', /a → d → b → a/));
  });

  it(`limits a task to ${MAX_DEPENDENCIES} dependencies`, () => {
    const many = Array.from({ length: MAX_DEPENDENCIES + 1 }, (_, i) => `d${i}`);
    assert.doesNotThrow(() => checkDependencyCount(many.slice(1)));
    assert.throws(() => checkDependencyCount(many), refused('invalid-input', /at most 100 tasks, got 101/));
    const g = graph(many.slice(1).map((d) => `x>${d}`));
    assert.throws(() => checkAddedDependencies(g, 'x', ['extra']), refused('invalid-input', /got 101/));
  });

  it(`limits chains of unfinished tasks to ${MAX_DEPTH}`, () => {
    const g = graph(chain(MAX_DEPTH));
    assert.equal(depthOf(g, 't1'), MAX_DEPTH);
    assert.doesNotThrow(() => checkNewDependencies(graph(chain(MAX_DEPTH - 1)), ['t1']));
    assert.throws(
      () => checkNewDependencies(g, ['t1']),
      refused('invalid-input', /chain of 101 .*limit is 100/),
    );
  });

  it('counts the chain on both sides when an existing task gets a new dependency', () => {
    // t1..t60 wait in a chain; u1..u50 too; making t60 wait for u1 joins them into 110.
    const g = graph([...chain(60), ...chain(50).map((e) => e.replace(/t/g, 'u'))]);
    assert.throws(() => checkAddedDependencies(g, 't60', ['u1']), refused('invalid-input', /chain of 110/));
    assert.doesNotThrow(() => checkAddedDependencies(g, 't60', ['u11']));
  });

  it('does not count finished tasks: old history never limits new work', () => {
    const states = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [`t${i + 1}`, 'completed']),
    ) as Record<string, TaskState>;
    const g = graph(chain(150), states);
    assert.equal(depthOf(g, 't1'), 0);
    assert.doesNotThrow(() => checkNewDependencies(g, ['t1']));
  });

  describe('readiness', () => {
    const end = (id: string, state: TaskState, reason: string | null = null) => ({ id, state, reason });

    it('is ready when every dependency completed, or none is left', () => {
      assert.deepEqual(readiness([end('a', 'completed'), end('b', 'completed')]), { kind: 'ready' });
      assert.deepEqual(readiness([]), { kind: 'ready' });
      assert.deepEqual(readiness([undefined]), { kind: 'ready' }, 'a deleted dependency holds nothing');
    });

    it('waits for the unfinished ones', () => {
      assert.deepEqual(readiness([end('a', 'completed'), end('b', 'running'), end('c', 'blocked')]), {
        kind: 'waiting',
        on: ['b', 'c'],
      });
    });

    it('is doomed by one failed or cancelled dependency, even while others run', () => {
      assert.deepEqual(readiness([end('a', 'running'), end('b', 'failed', 'exit code 1')]), {
        kind: 'doomed',
        reason: 'dependency b failed',
      });
    });
  });

  it('names the root cause down a cascade, and the task it came through', () => {
    assert.equal(cascadeReason({ id: 'a', state: 'failed', reason: 'exit code 1' }), 'dependency a failed');
    assert.equal(
      cascadeReason({ id: 'a', state: 'cancelled', reason: 'cancelled by user' }),
      'dependency a was cancelled',
    );
    assert.equal(
      cascadeReason({ id: 'b', state: 'cancelled', reason: 'dependency a failed' }),
      'dependency a failed (via b)',
    );
    assert.equal(
      cascadeReason({ id: 'c', state: 'cancelled', reason: 'dependency a failed (via b)' }),
      'dependency a failed (via c)',
    );
  });
});
