/**
 * How usage-limit pauses read in the status bar and the Workers view: "claude paused · resumes
 * 15:00", "claude, codex paused · next resumes 15:00", and with `dispatch.usageLimit.autoResume`
 * off "claude paused · resets 15:00 · waits for Resume Now" — or "claude paused · resets 15:00"
 * once none of its tasks is paused any more (core/usageLimit.ts resumeWords). Pure, so it is
 * unit-tested.
 */
import { type AgentPause, localClock, resumeWords } from '../../core/usageLimit';

/**
 * One phrase for every paused agent, or undefined when none is paused. `pausedOf` counts each
 * agent's paused tasks; without it, they are taken to have some.
 */
export function pausesText(
  pauses: readonly AgentPause[],
  now: number,
  autoResume = true,
  pausedOf?: (agent: string) => number,
): string | undefined {
  if (pauses.length === 0) return undefined;
  const soonest = Math.min(...pauses.map((p) => p.resumeAt));
  const names = pauses.map((p) => p.agent).join(', ');
  const next = pauses.length > 1 ? 'next ' : '';
  const tasksWait = !pausedOf || tasksBehind(pauses, pausedOf);
  return `${names} paused · ${next}${resumeWords(soonest, now, autoResume, tasksWait)}`;
}

const tasksBehind = (pauses: readonly AgentPause[], pausedOf: (agent: string) => number) =>
  pauses.some((p) => pausedOf(p.agent) > 0);

/** "claude: paused at its usage limit until 15:00 — usage-limit: You've hit …", one line per agent. */
export function pauseLines(pauses: readonly AgentPause[], now: number): string[] {
  return pauses.map(
    (p) => `${p.agent}: paused at its usage limit until ${localClock(p.resumeAt, now)} — ${p.reason}`,
  );
}

/** What the status bar adds to its counts about usage limits. */
export interface PauseState {
  /** Agents paused now, soonest to resume first. */
  pauses: readonly AgentPause[];
  /** dispatch.usageLimit.autoResume */
  autoResume: boolean;
  /** Tasks paused at a usage limit (their agent's pause may have ended). */
  pausedTasks: number;
  /** How many of a paused agent's tasks are paused (AgentPausesModel.pausedTasks). */
  pausedOf?: (agent: string) => number;
}

const WAITING_LINE =
  'Paused tasks wait for Resume Now: dispatch.usageLimit.autoResume is off (an agent’s queued tasks still start at its reset).';

/**
 * The status bar's text and tooltip with the paused agents added: "… · claude paused · resumes
 * 15:00", or that alone instead of "idle" when nothing runs or waits. With autoResume off, tasks
 * still paused once their agent's pause has ended wait for the user, so the bar keeps saying so
 * ("1 paused · waits for Resume Now") instead of going back to "idle" — after the paused agents
 * too when none of those waiting tasks is theirs.
 */
export function withPauses(
  status: { text: string; tooltip: string },
  busy: boolean,
  state: PauseState,
  now: number,
): { text: string; tooltip: string } {
  const { pauses, autoResume, pausedTasks, pausedOf } = state;
  const waiting = !autoResume && pausedTasks > 0;
  const agents = pausesText(pauses, now, autoResume, pausedOf);
  // Whether the agents' phrase already says that tasks wait for Resume Now.
  const told = agents !== undefined && (!pausedOf || tasksBehind(pauses, pausedOf));
  const others = waiting && !told ? `${pausedTasks} paused · waits for Resume Now` : undefined;
  const paused = agents && others ? `${agents} · ${others}` : (agents ?? others);
  if (!paused) return status;
  const tooltip = [
    busy ? status.tooltip : 'Agent Dispatch: nothing running',
    ...pauseLines(pauses, now),
    ...(waiting ? [WAITING_LINE] : []),
  ].join('\n');
  return { text: busy ? `${status.text} · ${paused}` : `$(watch) ${paused}`, tooltip };
}
