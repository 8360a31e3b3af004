/**
 * Moving a loop on, inside the write that ended its latest iteration's task (architecture.md §12).
 * TasksRepository calls `advanceLoop` whenever a task reaches a terminal state, as it calls
 * settle.ts: the iteration's end, its check and the decision — end the loop, or queue the next
 * iteration — commit together. A task ends once (the terminal guard), so whichever engine or
 * recovery pass finished it, the next iteration is queued exactly once, and no crash can fall
 * between the end and the decision.
 */
import { type CheckResult, iterationTitle, type Loop, type LoopIteration } from '../../core/loop';
import { checkReport } from '../../core/loopMessage';
import { afterIteration, type EndedIteration } from '../../core/loopRules';
import type { NewTask, Task } from '../../core/task';
import { isTerminal } from '../../core/taskState';
import type { LoopsRepository } from './loops';
import type { TasksRepository } from './tasks';

export interface LoopRepos {
  tasks: TasksRepository;
  loops: LoopsRepository;
}

/** Called for every task that ends; does nothing unless it is a running loop's latest iteration. */
export function advanceLoop(repos: LoopRepos, ended: Task): void {
  const iteration = repos.loops.iterationOf(ended.id);
  if (!iteration) return;
  const loop = repos.loops.get(iteration.loopId);
  if (loop?.state !== 'running') return;
  // An earlier iteration ending late (it cannot, but a hand-edited database might) decides nothing.
  if (repos.loops.latest(loop.id)?.number !== iteration.number) return;
  decide(repos, loop, iteration, ended);
}

/**
 * A running loop whose latest iteration's task ended or was deleted without moving it on (an
 * engine of an older version finished it): decided now, from what the database has.
 */
export function settleStalledLoop(repos: LoopRepos, loopId: string, now: number): void {
  const loop = repos.loops.get(loopId);
  const iteration = loop && repos.loops.latest(loop.id);
  if (loop?.state !== 'running' || !iteration) return;
  const task = repos.tasks.get(iteration.taskId);
  if (!task) {
    repos.loops.end(
      loop.id,
      'failed',
      `iteration ${iteration.number} (task ${iteration.taskId}) was deleted`,
      now,
    );
    return;
  }
  if (isTerminal(task.state)) decide(repos, loop, iteration, task);
}

function decide(repos: LoopRepos, loop: Loop, iteration: LoopIteration, ended: Task): void {
  const at = ended.endedAt ?? ended.createdAt;
  // A savepoint: a failure part-way (say, the next prompt cannot be written) must not leave a
  // queued task behind, nor undo the task's end, which is what this write is for.
  const failed = repos.loops.atomically(() => {
    const check = ended.state === 'completed' ? checkOf(repos, iteration) : null;
    const endedIteration: EndedIteration = {
      number: iteration.number,
      taskId: ended.id,
      taskState: ended.state as EndedIteration['taskState'],
      taskReason: ended.reason,
      check,
    };
    const step = afterIteration(loop, endedIteration);
    if (step.best?.taskId !== loop.bestTaskId || step.best?.score !== loop.bestScore)
      repos.loops.setBest(loop.id, step.best);
    if (step.kind === 'end') {
      repos.loops.end(loop.id, step.state, step.reason, at);
      return;
    }
    const next = repos.tasks.create(nextIteration(loop, iteration.number + 1, ended, check!, step.best), at);
    repos.loops.addIteration(loop.id, iteration.number + 1, next.id);
  });
  if (failed !== undefined) {
    repos.loops.end(loop.id, 'failed', `could not queue iteration ${iteration.number + 1}: ${failed}`, at);
  }
}

/** The check recorded in this write (with its output), else what the database kept of it. */
function checkOf(repos: LoopRepos, iteration: LoopIteration): CheckResult | null {
  const recorded = repos.loops.recordedCheck(iteration.taskId);
  if (recorded) return recorded;
  if (iteration.checkedAt === null) return null;
  return {
    exitCode: iteration.checkExit,
    signal: null,
    problem: iteration.checkProblem,
    unstartable: iteration.checkProblem?.startsWith('could not start') ?? false,
    output: '',
    score: iteration.score,
  };
}

/**
 * A reply to the iteration that ended: same agent, folder, priority, timeout, autonomy, model and
 * worktree; the check's report as its message. A `shell` agent's prompt is a command line, so it
 * runs the loop's command again instead (the report reaches it as the reply's context file).
 */
function nextIteration(
  loop: Loop,
  n: number,
  previous: Task,
  check: CheckResult,
  best: { taskId: string; score: number | null } | null,
): NewTask {
  const { worktreePath: path, worktreeBranch: branch, worktreeBase: base } = previous;
  if (path && previous.worktreeRemovedAt !== null)
    throw new Error(`the worktree of task ${previous.id} was discarded`);
  return {
    prompt: previous.agent === 'shell' ? loop.prompt : checkReport(loop, n - 1, check, best),
    agent: previous.agent,
    cwd: previous.cwd,
    title: iterationTitle(loop, n),
    priority: previous.priority,
    timeoutMs: previous.timeoutMs,
    autonomy: previous.autonomy,
    model: previous.model,
    replyTo: previous.id,
    worktree: path && branch && base ? { share: { path, branch, base } } : null,
  };
}
