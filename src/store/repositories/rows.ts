/**
 * Rows to domain objects: snake_case columns become camelCase fields and every row is parsed with
 * the core zod schema, so a damaged or hand-edited row is reported at the boundary instead of
 * travelling on as a half-valid object.
 */
import type * as z from 'zod';
import { DispatchError } from '../../core/errors';
import { type Loop, type LoopIteration, loopIterationSchema, loopSchema } from '../../core/loop';
import { type Schedule, type ScheduleRun, scheduleRunSchema, scheduleSchema } from '../../core/schedule';
import {
  type EngineRecord,
  engineSchema,
  type Task,
  taskSchema,
  type WorkerRecord,
  workerSchema,
} from '../../core/task';
import { type AgentPause, agentPauseSchema } from '../../core/usageLimit';
import type { Row } from '../database/sql';

function camelize(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return out;
}

function parse<T>(schema: z.ZodType<T>, table: string, value: Record<string, unknown>): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(value.id ?? value.taskId ?? '?');
  throw new DispatchError(
    'state-corrupt',
    `A row of "${table}" (${key}) in state.db is invalid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}. ` +
      'Was the database edited by hand or by a newer version?',
  );
}

export function toTask(row: Row, prompt: string): Task {
  return parse(taskSchema, 'tasks', { ...camelize(row), prompt });
}

export function toWorker(row: Row): WorkerRecord {
  return parse(workerSchema, 'workers', camelize(row));
}

export function toEngine(row: Row): EngineRecord {
  return parse(engineSchema, 'engines', camelize(row));
}

export function toSchedule(row: Row): Schedule {
  return parse(scheduleSchema, 'schedules', camelize(row));
}

export function toScheduleRun(row: Row): ScheduleRun {
  return parse(scheduleRunSchema, 'schedule_runs', camelize(row));
}

export function toAgentPause(row: Row): AgentPause {
  return parse(agentPauseSchema, 'agent_pauses', camelize(row));
}

export function toLoop(row: Row): Loop {
  return parse(loopSchema, 'loops', camelize(row));
}

export function toLoopIteration(row: Row): LoopIteration {
  return parse(loopIterationSchema, 'loop_iterations', camelize(row));
}
