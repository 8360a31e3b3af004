import * as vscode from 'vscode';
import type { ScheduleEntry } from '../../model/schedulesModel';
import { scheduleDescription } from '../scheduleFormat';
import { scheduleTooltip } from '../scheduleTooltip';

const STATUS_ICONS = {
  active: new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.blue')),
  paused: new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.yellow')),
  finished: new vscode.ThemeIcon('pass', new vscode.ThemeColor('disabledForeground')),
  cancelled: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
} as const;

/** A schedule in the Schedules view; its contextValue (`schedule.<status>`) selects its actions. */
export class ScheduleNode {
  readonly kind = 'schedule';

  constructor(readonly entry: ScheduleEntry) {}

  get scheduleId(): string {
    return this.entry.schedule.id;
  }

  toTreeItem(now: number, localZone: string): vscode.TreeItem {
    const { schedule, runs } = this.entry;
    const item = new vscode.TreeItem(
      schedule.title || schedule.id,
      runs.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `schedule:${schedule.id}`;
    item.description = scheduleDescription(schedule, now, localZone);
    item.iconPath = STATUS_ICONS[schedule.status];
    item.contextValue = `schedule.${schedule.status}`;
    item.tooltip = scheduleTooltip(schedule, now, localZone);
    item.accessibilityInformation = { label: `${schedule.title}, ${schedule.status}, ${item.description}` };
    return item;
  }
}
