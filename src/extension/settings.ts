/**
 * The one typed accessor for `dispatch.*` settings. Invalid values are reported once each (a
 * warning with "Open Settings") and replaced by their defaults; the rest keep working.
 */
import * as vscode from 'vscode';
import { CONFIG_KEYS, type DispatchConfig, parseConfig } from '../core/config';

export interface Settings extends vscode.Disposable {
  /** The current settings; always valid. */
  readonly current: DispatchConfig;
  /** The invalid-setting messages reported so far, each once (a value fixed and broken again is not repeated). */
  readonly problems: readonly string[];
  /** Fires after a `dispatch.*` setting changed, with the keys (without prefix) that changed. */
  readonly onDidChange: vscode.Event<(keyof DispatchConfig)[]>;
}

export function createSettings(log: vscode.LogOutputChannel): Settings {
  const reported = new Set<string>();
  const emitter = new vscode.EventEmitter<(keyof DispatchConfig)[]>();

  const read = (): DispatchConfig => {
    const section = vscode.workspace.getConfiguration('dispatch');
    const raw: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) raw[key] = section.get(key);
    const { config, problems } = parseConfig(raw);
    for (const problem of problems) {
      if (reported.has(problem.message)) continue;
      reported.add(problem.message);
      log.warn(problem.message);
      void vscode.window
        .showWarningMessage(`Agent Dispatch: ${problem.message}`, 'Open Settings')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', problem.key);
        });
    }
    return config;
  };

  let current = read();
  const subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('dispatch')) return;
    current = read();
    emitter.fire(CONFIG_KEYS.filter((key) => e.affectsConfiguration(`dispatch.${key}`)));
  });

  return {
    get current() {
      return current;
    },
    get problems() {
      return [...reported];
    },
    onDidChange: emitter.event,
    dispose() {
      subscription.dispose();
      emitter.dispose();
    },
  };
}
