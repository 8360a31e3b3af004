/**
 * The panel's header: title, state badge, agent, autonomy and model, times (ticking while the
 * task waits or runs), outcome, a retry the agent is in, the agent's result (the first lines of
 * its final message, tokens and cost, refused actions), and the task's actions. Resume Now shows
 * while the task is paused at its agent's usage limit, Cancel while it has not finished, Retry
 * after, and "Run again with full autonomy" when actions were refused. A worktree task says what it changed, with Review, Apply and Discard while there is
something to review, apply or discard. Everything is text (textContent), never markup.
 */
import type { TaskSummary } from '../../src/protocol/outputPanel';
import { el, hasCodicons } from './dom';
import { canCancel, configText, isFinished, outcomeText, stateLabel, timingText } from './format';

export type HeaderAction =
  | 'resume'
  | 'cancel'
  | 'retry'
  | 'retryFull'
  | 'review'
  | 'apply'
  | 'discard'
  | 'copy'
  | 'openAsText';

export interface HeaderOptions {
  parent: HTMLElement;
  onAction(action: HeaderAction): void;
  now?: () => number;
}

export class Header {
  readonly element = el('header', 'header');
  /** Where the view toggles go (main.ts puts follow and timestamps there). */
  readonly toggles = el('div', 'toggles');
  private readonly title = el('h1', 'title');
  private readonly badge = el('vscode-badge', 'state');
  private readonly agent = el('span', 'agent');
  private readonly timing = el('span', 'timing');
  private readonly outcome = el('span', 'outcome');
  private readonly where = el('span', 'where');
  private readonly worktree = el('span', 'worktree');
  private readonly config = el('span', 'task-config');
  private readonly retrying = el('div', 'retrying');
  private readonly result = el('div', 'result');
  private readonly summary = el('div', 'result-summary');
  private readonly usage = el('div', 'result-usage');
  private readonly denials = el('div', 'result-denials');
  private readonly buttons: Record<HeaderAction, HTMLElement>;
  private task: TaskSummary | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;

  constructor(options: HeaderOptions) {
    this.now = options.now ?? Date.now;
    const icons = hasCodicons();
    const button = (action: HeaderAction, label: string, icon: string, secondary = true) => {
      const b = el('vscode-button', `action-${action}`, label);
      b.secondary = secondary;
      if (icons) b.icon = icon;
      b.addEventListener('click', () => options.onAction(action));
      return b;
    };
    this.buttons = {
      resume: button('resume', 'Resume Now', 'debug-continue', false),
      cancel: button('cancel', 'Cancel', 'debug-stop', false),
      retry: button('retry', 'Retry', 'debug-restart', false),
      retryFull: button('retryFull', 'Run again with full autonomy', 'unlock'),
      review: button('review', 'Review Changes', 'diff'),
      apply: button('apply', 'Apply', 'check', false),
      discard: button('discard', 'Discard', 'discard'),
      copy: button('copy', 'Copy', 'copy'),
      openAsText: button('openAsText', 'Open as Text', 'go-to-file'),
    };
    const titleRow = el('div', 'title-row');
    titleRow.append(this.title, this.badge);
    const meta = el('div', 'meta');
    meta.append(this.agent, this.config, this.timing, this.outcome, this.where, this.worktree);
    this.result.append(this.denials, this.summary, this.usage);
    const actions = el('div', 'actions');
    actions.append(...Object.values(this.buttons));
    const bar = el('div', 'bar');
    bar.append(this.toggles, actions);
    this.element.append(titleRow, meta, this.retrying, this.result, bar);
    options.parent.append(this.element);
  }

  update(task: TaskSummary | null): void {
    this.task = task;
    this.title.textContent = task ? task.title : 'Loading…';
    this.title.title = task ? `${task.title}\n${task.id}` : '';
    this.badge.textContent = task ? stateLabel(task.state) : '';
    this.badge.className = `state state-${task?.state ?? 'unknown'}`;
    this.badge.hidden = !task;
    this.agent.textContent = task ? task.agent : '';
    this.outcome.textContent = task ? outcomeText(task) : '';
    this.where.textContent = task?.runningIn && !isFinished(task) ? `in ${task.runningIn}` : '';
    this.config.textContent = task ? configText(task) : '';
    this.retrying.textContent = task?.retrying ?? '';
    this.retrying.hidden = !task?.retrying;
    const result = task?.result ?? null;
    this.summary.textContent = result?.summary.join('\n') ?? '';
    this.summary.hidden = !result?.summary.length;
    this.usage.textContent = result?.usage ?? '';
    this.usage.hidden = !result?.usage;
    this.denials.textContent = result?.denials ? `⚠ ${result.denials}` : '';
    this.denials.hidden = !result?.denials;
    this.result.hidden = !result;
    this.buttons.resume.hidden = task?.state !== 'paused';
    this.buttons.cancel.hidden = !task || !canCancel(task);
    this.buttons.retry.hidden = !task || !isFinished(task);
    this.buttons.retryFull.hidden = !task || !isFinished(task) || !result?.denials;
    const worktree = task?.worktree ?? null;
    this.worktree.textContent = worktree ? `worktree${worktree.changes ? ` · ${worktree.changes}` : ''}` : '';
    this.worktree.hidden = !worktree;
    this.buttons.review.hidden = !worktree?.canReview;
    this.buttons.apply.hidden = !worktree?.canApply;
    this.buttons.discard.hidden = !worktree?.canDiscard;
    this.tick();
    const ticking = task !== null && !isFinished(task);
    if (ticking && this.timer === undefined) this.timer = setInterval(() => this.tick(), 1000);
    if (!ticking) this.stopTimer();
  }

  dispose(): void {
    this.stopTimer();
  }

  private tick(): void {
    this.timing.textContent = this.task ? timingText(this.task, this.now()) : '';
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
