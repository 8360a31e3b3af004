/**
 * How usage-limit pauses read in the status bar and the Workers view: "claude paused · resumes
 * 15:00", "claude, codex paused · next resumes 15:00". Pure, so it is unit-tested.
 */
import { type AgentPause, localClock } from '../../core/usageLimit';

/** One phrase for every paused agent, or undefined when none is paused. */
export function pausesText(pauses: readonly AgentPause[], now: number): string | undefined {
  if (pauses.length === 0) return undefined;
  const soonest = Math.min(...pauses.map((p) => p.resumeAt));
  const names = pauses.map((p) => p.agent).join(', ');
  const next = pauses.length > 1 ? 'next resumes' : 'resumes';
  return `${names} paused · ${next} ${localClock(soonest, now)}`;
}

/** "claude: paused at its usage limit until 15:00 — usage-limit: You've hit …", one line per agent. */
export function pauseLines(pauses: readonly AgentPause[], now: number): string[] {
  return pauses.map(
    (p) => `${p.agent}: paused at its usage limit until ${localClock(p.resumeAt, now)} — ${p.reason}`,
  );
}

/**
 * The status bar's text and tooltip with the paused agents added: "… · claude paused · resumes
 * 15:00", or that alone instead of "idle" when nothing runs or waits.
 */
export function withPauses(
  status: { text: string; tooltip: string },
  busy: boolean,
  pauses: readonly AgentPause[],
  now: number,
): { text: string; tooltip: string } {
  const paused = pausesText(pauses, now);
  if (!paused) return status;
  const tooltip = [
    busy ? status.tooltip : 'Agent Dispatch: nothing running',
    ...pauseLines(pauses, now),
  ].join('\n');
  return { text: busy ? `${status.text} · ${paused}` : `$(watch) ${paused}`, tooltip };
}
