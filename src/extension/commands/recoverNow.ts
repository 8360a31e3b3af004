import * as vscode from 'vscode';
import type { RecoveryReport } from '../../engine/recovery/recovery';
import type { CommandDeps } from './deps';

// Keys the engine adds later are still reported, by their own name.
const WORDS: Partial<Record<keyof RecoveryReport, string>> = {
  adopted: 'adopted (their window had closed; they keep running here)',
  finished: 'finished from their exit records',
  failed: 'failed (their supervisor had died)',
  requeued: 'queued again (they never started)',
  released: 'released (everything they waited for completed)',
  cancelled: 'cancelled (a task they waited for failed or was cancelled)',
};

/** What a recovery pass did, in words. */
export function describeRecovery(report: RecoveryReport): string {
  const parts = Object.entries(report as unknown as Record<string, string[]>)
    .filter(([, ids]) => ids.length)
    .map(([key, ids]) => `${ids.length} ${WORDS[key as keyof RecoveryReport] ?? key}: ${ids.join(', ')}`);
  return parts.length
    ? `Recovery: ${parts.join('; ')}.`
    : 'Recovery found nothing to do: every running task has a live supervisor and owner.';
}

/** Dispatch: Recover Now — the pass every window runs every few seconds, now, with a report. */
export function recoverNow(deps: CommandDeps) {
  return async () => {
    const engine = await deps.host.require();
    const report = await engine.recoverNow();
    const text = describeRecovery(report);
    deps.log.info(text);
    void vscode.window.showInformationMessage(text);
    return report;
  };
}
