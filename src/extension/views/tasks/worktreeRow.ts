/**
 * What a worktree task's row adds to its description and context value. Pure (no vscode), so it
 * is unit-tested. The context value gains `.worktree` while the worktree is there (Discard, Open
 * Worktree in New Window), then `.unapplied` or `.applied` when it holds changes (Apply, Review):
 * `task.completed.worktree.unapplied`, `task.failed.refused.worktree`.
 */
import { hasUnapplied, type Review, reviewText, worktreePresent } from '../../model/worktreeReviews';

export function worktreeContext(review: Review | undefined): string {
  if (!worktreePresent(review)) return '';
  if (hasUnapplied(review)) return '.worktree.unapplied';
  if (review?.kind === 'changes') return '.worktree.applied';
  return '.worktree';
}

/** "3 files changed · claude · edit · 1m 05s · 14:03": what is left to review comes first. */
export function worktreeDescription(review: Review | undefined, description: string): string {
  const text = reviewText(review);
  return text ? `${text} · ${description}` : description;
}
