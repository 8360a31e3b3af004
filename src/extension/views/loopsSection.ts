/**
 * The loops part of the Tasks view (issue 17): a "Loops" group above the state groups, a node per
 * loop, and its iterations under it. The Tasks provider hands these nodes here (tasksView.ts), so
 * the loops stay out of the task groups' code; fed by the Loops model.
 */
import type * as vscode from 'vscode';
import type { LoopEntry } from '../../core/loop';
import type { LoopsModel } from '../model/loopsModel';
import { LoopIterationNode } from './nodes/loopIterationNode';
import { LoopNode } from './nodes/loopNode';
import { LoopsGroupNode } from './nodes/loopsGroupNode';

export type LoopViewNode = LoopsGroupNode | LoopNode | LoopIterationNode;

export function isLoopViewNode(node: { kind: string }): node is LoopViewNode {
  return node.kind === 'loops' || node.kind === 'loop' || node.kind === 'loopIteration';
}

export class LoopsSection {
  readonly group = new LoopsGroupNode();
  /** One node per loop, as the provider keeps one per state group: getParent returns the same one. */
  private readonly loopNodes = new Map<string, LoopNode>();

  constructor(private readonly model: LoopsModel) {}

  /** Fires with whether the group appeared or went away (then the whole tree is redrawn). */
  onDidChange(listener: (rootChanged: boolean) => void): { dispose(): void } {
    let shown = this.model.entries.length > 0;
    return this.model.onDidChange(() => {
      const now = this.model.entries.length > 0;
      listener(now !== shown);
      shown = now;
    });
  }

  /** The group, when there is a loop to show. */
  roots(): LoopViewNode[] {
    return this.model.entries.length ? [this.group] : [];
  }

  children(node: LoopViewNode): LoopViewNode[] {
    if (node.kind === 'loops') {
      const nodes = this.model.entries.map((entry) => this.loopNode(entry));
      for (const id of this.loopNodes.keys()) if (!this.model.find(id)) this.loopNodes.delete(id);
      return nodes;
    }
    if (node.kind !== 'loop') return [];
    const entry = this.model.find(node.loopId);
    return (entry?.iterations ?? []).map((iteration) => new LoopIterationNode(entry!.loop, iteration));
  }

  parent(node: LoopViewNode): LoopViewNode | undefined {
    if (node.kind === 'loops') return undefined;
    if (node.kind === 'loop') return this.group;
    const entry = this.model.find(node.loop.id);
    return entry && this.loopNode(entry);
  }

  treeItem(node: LoopViewNode): vscode.TreeItem {
    if (node.kind === 'loops') {
      const running = this.model.entries.filter((e) => e.loop.state === 'running').length;
      return node.toTreeItem(this.model.entries.length, running);
    }
    // A loop's row shows the loop as the model has it now, whenever VS Code asks.
    if (node.kind === 'loop') node.entry = this.model.find(node.loopId) ?? node.entry;
    return node.toTreeItem();
  }

  /** The loop's node, holding the loop as the model has it now. */
  private loopNode(entry: LoopEntry): LoopNode {
    const node = this.loopNodes.get(entry.loop.id) ?? new LoopNode(entry);
    node.entry = entry;
    this.loopNodes.set(entry.loop.id, node);
    return node;
  }
}
