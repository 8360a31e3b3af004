// Every capability is at home in the UI: its commands are in the palette and on the view or row
// where a person meets what it acts on, as package.json's menus declare them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CommandIds } from '../../../src/extension/commandIds';
import { repoRoot } from '../../support/cli';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; category?: string }[]; menus: Record<string, MenuEntry[]> };
};
const { menus } = manifest.contributes;

/**
 * Whether a `when` clause of the forms package.json uses holds in a view (and on a row): terms
 * joined by `&&`, each `view == …`, `viewItem == …` or `viewItem =~ /…/`; `||` between views.
 */
function holds(when: string | undefined, view: string, viewItem?: string): boolean {
  if (!when) return true;
  return when.split(' && ').every((term) => {
    const views = [...term.matchAll(/view == ([\w.]+)/g)].map((m) => m[1]);
    if (views.length) return views.includes(view);
    const equal = /^viewItem == ([\w.]+)$/.exec(term);
    if (equal) return equal[1] === viewItem;
    const match = /^viewItem =~ \/(.*)\/$/.exec(term);
    if (match) return viewItem !== undefined && new RegExp(match[1]!).test(viewItem);
    throw new Error(`a when clause this test does not read: ${term}`);
  });
}

const inPalette = (command: string) =>
  manifest.contributes.commands.some((c) => c.command === command && c.category === 'Dispatch') &&
  !(menus.commandPalette ?? []).some((m) => m.command === command && m.when === 'false');
const onViewTitle = (command: string, view: string) =>
  menus['view/title']!.some((m) => m.command === command && holds(m.when, view));
const onRow = (command: string, view: string, viewItem: string) =>
  menus['view/item/context']!.some((m) => m.command === command && holds(m.when, view, viewItem));

const TASKS = 'dispatch.tasks';
const WORKERS = 'dispatch.workers';

describe('extension/commandIds', () => {
  it('declares in package.json exactly the commands it names', () => {
    assert.deepEqual(
      manifest.contributes.commands.map((c) => c.command).sort(),
      Object.values(CommandIds).sort(),
    );
  });

  it('puts each capability in the palette and on its view or row', () => {
    // [command, where it is met: a view's title bar, or a row's context value in a view]
    const homes: [string, string, string?][] = [
      [CommandIds.delegateTask, TASKS], // autonomy: a title-bar button of Delegate Task
      [CommandIds.retryFullAutonomy, TASKS, 'task.failed.refused'],
      [CommandIds.retryFullAutonomy, TASKS, 'task.completed.refused.worktree.unapplied'],
      [CommandIds.showOutput, TASKS, 'task.completed'], // the transcript
      [CommandIds.showOutput, WORKERS, 'worker.local'],
      [CommandIds.replyTask, TASKS, 'task.completed'],
      [CommandIds.replyTask, TASKS, 'task.failed.worktree.applied'],
      [CommandIds.reviewChanges, TASKS, 'task.completed.worktree.unapplied'],
      [CommandIds.applyChanges, TASKS, 'task.completed.worktree.unapplied'],
      [CommandIds.discardWorktree, TASKS, 'task.completed.worktree.applied'],
      [CommandIds.openWorktree, TASKS, 'task.completed.worktree'],
      [CommandIds.resumePausedTask, TASKS, 'task.paused'],
      [CommandIds.cancelTask, TASKS, 'task.paused.refused'],
      [CommandIds.resumeAgentNow, WORKERS, 'agentPause'],
      [CommandIds.showUsage, TASKS],
      [CommandIds.showUsage, WORKERS],
      [CommandIds.searchTasks, TASKS],
      [CommandIds.startLoop, TASKS],
      [CommandIds.startLoop, TASKS, 'group.loops'],
      [CommandIds.cancelLoop, TASKS, 'loop.running'],
    ];
    const missing = homes.filter(([command, view, viewItem]) =>
      viewItem ? !onRow(command, view, viewItem) : !onViewTitle(command, view),
    );
    assert.deepEqual(missing, [], 'not on the view or row');
    const hidden = [...new Set(homes.map(([command]) => command))].filter((c) => !inPalette(c));
    assert.deepEqual(hidden, [], 'not in the palette');
  });

  it('keeps row actions off rows they do not apply to', () => {
    assert.ok(!onRow(CommandIds.replyTask, TASKS, 'task.running'));
    assert.ok(!onRow(CommandIds.resumePausedTask, TASKS, 'task.queued'));
    assert.ok(!onRow(CommandIds.retryFullAutonomy, TASKS, 'task.completed'));
    assert.ok(!onRow(CommandIds.applyChanges, TASKS, 'task.completed.worktree.applied'));
    assert.ok(!onRow(CommandIds.cancelLoop, TASKS, 'loop.succeeded'));
    assert.ok(!onViewTitle(CommandIds.showUsage, 'dispatch.schedules'));
  });
});
