/**
 * What this window knows of the shared state, re-read after every change any engine commits:
 * the Tasks, Workers, Schedules and Loops models, the agents paused at their usage limit, and the
 * finished tasks and new pauses this window should announce. Pure; the editor side
 * (liveStateHost.ts) calls refresh() from the engine host's change event.
 */
import type { Task } from '../../core/task';
import type { AgentPause } from '../../core/usageLimit';
import { AgentPausesModel } from './agentPausesModel';
import { FinishWatch } from './finishWatch';
import { Listeners } from './listeners';
import { LoopsModel } from './loopsModel';
import { PauseWatch } from './pauseWatch';
import { SchedulesModel } from './schedulesModel';
import { type StoreReader, TasksModel } from './tasksModel';
import { WorkersModel } from './workersModel';

/** The part of an Engine the models read. */
export interface EngineView {
  readonly id: string;
  readonly state: StoreReader;
}

export class LiveState {
  readonly tasks: TasksModel;
  readonly workers = new WorkersModel();
  readonly schedules = new SchedulesModel();
  /** Agents paused at their usage limit. */
  readonly pauses = new AgentPausesModel();
  readonly loops = new LoopsModel();
  private readonly watch = new FinishWatch();
  private readonly finished = new Listeners<Task[]>();
  private readonly pauseWatch = new PauseWatch();
  private readonly paused = new Listeners<AgentPause[]>();
  private engineId: string | undefined;

  constructor(pageSize?: number) {
    this.tasks = new TasksModel(pageSize);
  }

  /** Fires with the tasks that just finished and that this window announces (see finishWatch.ts). */
  readonly onDidFinish = this.finished.event;

  /** Fires with the agent pauses that just began and that this window tells (see pauseWatch.ts). */
  readonly onDidPause = this.paused.event;

  /** `autoResume`: dispatch.usageLimit.autoResume, for what the pauses say comes next. */
  refresh(engine: EngineView | undefined, autoResume = true): void {
    if (engine?.id !== this.engineId) {
      this.watch.reset();
      this.pauseWatch.reset();
      this.engineId = engine?.id;
    }
    this.tasks.refresh(engine?.state);
    this.workers.refresh(engine?.state, engine?.id);
    this.schedules.refresh(engine?.state);
    this.pauses.refresh(engine?.state, autoResume);
    this.loops.refresh(engine?.state);
    if (!engine) return;
    const ended = this.watch.update({
      store: engine.state,
      thisEngineId: engine.id,
      running: this.workers.entries.map((e) => ({ taskId: e.task.id, ownerId: e.worker.ownerId })),
      unfinished: this.tasks.unfinished(),
      engines: this.workers.engines,
    });
    if (ended.length) this.finished.fire(ended);
    const paused = this.pauseWatch.update({
      store: engine.state,
      thisEngineId: engine.id,
      pauses: this.pauses.pauses,
      engines: this.workers.engines,
    });
    if (paused.length) this.paused.fire(paused);
  }
}
