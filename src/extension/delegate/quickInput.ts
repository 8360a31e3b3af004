/**
 * The steps of a multi-step quick input: an input box or a quick pick that shows "Step n of m",
 * a Back button after the first step, and extra title-bar buttons. Each step resolves with the
 * answer, BACK, a pressed button's key, or undefined when the user dismissed it (Escape).
 */
import * as vscode from 'vscode';

export const BACK = Symbol('back');

export interface StepPosition {
  title: string;
  /** Left out for a single-step input (no "1/1" counter). */
  step?: number;
  totalSteps?: number;
  /** Offer the Back button (not on the first step shown). */
  canGoBack: boolean;
}

export interface StepButton<K extends string> {
  key: K;
  button: vscode.QuickInputButton;
}

/** `value`: what the input box held when its button was pressed (so no typing is lost). */
export type StepResult<T, K extends string> = T | typeof BACK | { pressed: K; value?: string } | undefined;

type Input = vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>;

function run<T, K extends string>(
  input: Input,
  position: StepPosition,
  buttons: readonly StepButton<K>[],
  onAccept: (done: (value: StepResult<T, K>) => void) => void,
  currentValue?: () => string,
): Promise<StepResult<T, K>> {
  input.title = position.title;
  input.step = position.step;
  input.totalSteps = position.totalSteps;
  input.ignoreFocusOut = true;
  input.buttons = [
    ...(position.canGoBack ? [vscode.QuickInputButtons.Back] : []),
    ...buttons.map((b) => b.button),
  ];
  return new Promise((resolve) => {
    let settled = false;
    const subscriptions: vscode.Disposable[] = [];
    const done = (value: StepResult<T, K>) => {
      if (settled) return;
      settled = true;
      resolve(value);
      for (const s of subscriptions) s.dispose();
      input.dispose();
    };
    subscriptions.push(
      input.onDidTriggerButton((pressed) => {
        if (pressed === vscode.QuickInputButtons.Back) return done(BACK);
        const found = buttons.find((b) => b.button === pressed);
        if (found) done({ pressed: found.key, value: currentValue?.() });
      }),
      input.onDidAccept(() => onAccept(done)),
      input.onDidHide(() => done(undefined)),
    );
    input.show();
  });
}

export function askText<K extends string = never>(
  position: StepPosition,
  options: {
    value?: string;
    prompt: string;
    placeholder?: string;
    validate?: (value: string) => string | undefined;
    /** Re-describes the value as it is typed: the prompt (e.g. a preview) and a problem, if any. */
    live?: (value: string) => { prompt: string; problem?: string };
    buttons?: readonly StepButton<K>[];
  },
): Promise<StepResult<string, K>> {
  const box = vscode.window.createInputBox();
  box.value = options.value ?? '';
  box.placeholder = options.placeholder;
  const describe = () => {
    const live = options.live?.(box.value);
    box.prompt = live?.prompt ?? options.prompt;
    box.validationMessage = live?.problem;
  };
  describe();
  box.onDidChangeValue(describe);
  return run<string, K>(
    box,
    position,
    options.buttons ?? [],
    (done) => {
      const problem = options.validate?.(box.value);
      if (problem) box.validationMessage = problem;
      else done(box.value);
    },
    () => box.value,
  );
}

export function askPick<T extends vscode.QuickPickItem, K extends string = never>(
  position: StepPosition,
  options: {
    items: readonly T[];
    active?: T;
    placeholder: string;
    /** Why an item cannot be chosen; the pick stays open and says so. */
    refuse?: (item: T) => string | undefined;
    buttons?: readonly StepButton<K>[];
  },
): Promise<StepResult<T, K>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.items = options.items;
  pick.placeholder = options.placeholder;
  pick.matchOnDescription = true;
  if (options.active) pick.activeItems = [options.active];
  return run<T, K>(pick as unknown as Input, position, options.buttons ?? [], (done) => {
    const item = pick.selectedItems[0] ?? pick.activeItems[0];
    if (!item) return;
    const refusal = options.refuse?.(item);
    if (refusal) void vscode.window.showWarningMessage(refusal);
    else done(item);
  });
}

/** A title-bar button that flips a setting of the step in place (the pick stays open). */
export interface StepToggle {
  on: boolean;
  button: (on: boolean) => vscode.QuickInputButton;
}

/**
 * A multi-select step: Enter accepts the checked items (none is an answer too). `toggle` adds a
 * button that flips a flag without closing the step; the answer carries its final value.
 */
export function askPicks<T extends vscode.QuickPickItem>(
  position: StepPosition,
  options: {
    items: readonly T[];
    selected?: readonly T[];
    /** May change with the toggle, so the pick says which way it is set. */
    placeholder: (toggled: boolean) => string;
    toggle?: StepToggle;
    /** Why these items cannot be accepted together; the pick stays open and says so. */
    refuse?: (items: readonly T[], toggled: boolean) => string | undefined;
  },
): Promise<StepResult<{ items: readonly T[]; toggled: boolean }, never>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.canSelectMany = true;
  pick.items = options.items;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  if (options.selected) pick.selectedItems = options.selected;
  let toggled = options.toggle?.on ?? false;
  let toggleButton = options.toggle?.button(toggled);
  pick.placeholder = options.placeholder(toggled);
  const result = run<{ items: readonly T[]; toggled: boolean }, never>(
    pick as unknown as Input,
    position,
    [],
    (done) => {
      const refusal = options.refuse?.(pick.selectedItems, toggled);
      if (refusal) void vscode.window.showWarningMessage(refusal);
      else done({ items: pick.selectedItems, toggled });
    },
  );
  // After run() has set the Back button: the toggle joins it and is swapped on each press.
  if (options.toggle && toggleButton) {
    const toggle = options.toggle;
    pick.buttons = [...pick.buttons, toggleButton];
    pick.onDidTriggerButton((pressed) => {
      if (pressed !== toggleButton) return;
      toggled = !toggled;
      const next = toggle.button(toggled);
      pick.buttons = pick.buttons.map((b) => (b === toggleButton ? next : b));
      toggleButton = next;
      pick.placeholder = options.placeholder(toggled);
    });
  }
  return result;
}
