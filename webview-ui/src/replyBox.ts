/**
 * The reply box under a finished task's output: "Reply to claude…", Enter sends, Shift+Enter is
 * a new line. Shown only when the host says the task can be replied to (finished, trusted
 * workspace, an agent with a session or a context to continue). Sending disables it until the
 * host answers with a new task state (the reply opens in its own panel).
 */
import type { TaskSummary } from '../../src/protocol/outputPanel';
import { el } from './dom';
import { isFinished, replyPlaceholder } from './format';

export class ReplyBox {
  readonly element = el('form', 'reply');
  private readonly input = el('textarea', 'reply-input');
  private readonly send = el('vscode-button', 'reply-send', 'Reply');

  constructor(parent: HTMLElement, onSend: (message: string) => void) {
    this.input.rows = 1;
    this.input.setAttribute('aria-label', 'Reply to the agent');
    const submit = () => {
      const message = this.input.value;
      if (!message.trim()) return;
      this.input.value = '';
      onSend(message);
    };
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      }
    });
    this.send.addEventListener('click', submit);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      submit();
    });
    this.element.append(this.input, this.send);
    this.element.hidden = true;
    parent.append(this.element);
  }

  update(task: TaskSummary | null): void {
    this.element.hidden = !task?.canReply || !isFinished(task);
    if (task) this.input.placeholder = replyPlaceholder(task);
  }
}
