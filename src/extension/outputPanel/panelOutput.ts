/**
 * Which reader a panel gets: a transcript for a structured agent (with its reply thread), or the
 * agent's own output (plain-text agents, and Raw). The thread is the chain of `replyTo` links,
 * oldest first, cut at THREAD_TURNS so a long conversation still opens quickly.
 */
import type { Task } from '../../core/task';
import { outputFormatOf } from '../../engine/agents';
import type { Engine } from '../../engine/engine';
import { type PanelOutput, TaskOutput, type TaskOutputOptions } from './taskOutput';
import { type ThreadTurn, TranscriptOutput } from './transcriptOutput';

const THREAD_TURNS = 20;

export function openPanelOutput(
  engine: Engine,
  taskId: string,
  mode: 'raw' | 'transcript',
  handlers: Omit<TaskOutputOptions, 'outputDir' | 'taskId'>,
): Promise<PanelOutput> {
  const options = { outputDir: engine.state.paths.outputDir, taskId, ...handlers };
  const task = engine.state.read((r) => r.tasks.get(taskId));
  const format = task ? outputFormatOf(task.agent) : 'text';
  if (!task || mode === 'raw' || format === 'text') return TaskOutput.open(options);
  return TranscriptOutput.open({
    ...options,
    format,
    earlier: earlierTurns(engine, task),
    prompt: task.prompt,
    createdAt: task.createdAt,
  });
}

/** The tasks `task` replies to, oldest first. */
export function earlierTurns(engine: Engine, task: Task): ThreadTurn[] {
  const turns: ThreadTurn[] = [];
  const seen = new Set([task.id]);
  let id = task.replyTo;
  while (id && !seen.has(id) && turns.length < THREAD_TURNS) {
    seen.add(id);
    const earlier = engine.state.read((r) => r.tasks.get(id!));
    if (!earlier) break;
    turns.unshift({
      taskId: earlier.id,
      agent: earlier.agent,
      prompt: earlier.prompt,
      createdAt: earlier.createdAt,
    });
    id = earlier.replyTo;
  }
  return turns;
}
