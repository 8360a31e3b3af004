/**
 * Which tasks a command acts on: the view items it was invoked on (all selected ones when the
 * click was part of a multi-selection), a task id (the output panel, notifications, keybindings),
 * or — from the palette — a quick pick of the tasks it applies to.
 */
import * as vscode from 'vscode';
import type { TaskState } from '../../core/taskState';
import type { Engine } from '../../engine/engine';
import { taskPickDescription } from '../views/format';

const idOf = (arg: unknown): string | undefined => {
  if (typeof arg === 'string') return arg;
  const id = (arg as { taskId?: unknown } | undefined)?.taskId;
  return typeof id === 'string' ? id : undefined;
};

/** VS Code passes (clicked item, all selected items) to a view item's command. */
export function taskIdsFrom(arg: unknown, selected?: unknown): string[] {
  const many = Array.isArray(selected) ? selected.map(idOf).filter((id) => id !== undefined) : [];
  if (many.length > 1) return many;
  const one = idOf(arg);
  return one ? [one] : [];
}

// Enough to find a recent task; older ones are a view scroll or `dispatch list` away.
const PICK_LIMIT = 200;

/** The tasks from the arguments, or the ones picked; empty if there are none or the user gave up. */
export async function tasksFrom(
  engine: Engine,
  args: { arg: unknown; selected?: unknown },
  pick: { states?: TaskState[]; placeHolder: string; none: string; canPickMany?: boolean },
): Promise<string[]> {
  const ids = taskIdsFrom(args.arg, args.selected);
  if (ids.length) return ids;
  const tasks = engine.list({ states: pick.states, limit: PICK_LIMIT });
  if (tasks.length === 0) {
    void vscode.window.showInformationMessage(pick.none);
    return [];
  }
  const items = tasks.map((task) => ({
    label: task.title || task.id,
    description: taskPickDescription(task),
    task,
  }));
  if (pick.canPickMany) {
    const chosen = await vscode.window.showQuickPick(items, {
      placeHolder: pick.placeHolder,
      canPickMany: true,
      matchOnDescription: true,
    });
    return chosen?.map((item) => item.task.id) ?? [];
  }
  const chosen = await vscode.window.showQuickPick(items, {
    placeHolder: pick.placeHolder,
    matchOnDescription: true,
  });
  return chosen ? [chosen.task.id] : [];
}
