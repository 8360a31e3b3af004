/**
 * The state layer's public surface (architecture.md §3-5): everything outside src/store imports from
 * here, except the supervisor, which imports taskFiles.ts (see there). Only src/core below it;
 * no `vscode`.
 */
export type { Disposable, StateChangeEvent } from './events/storeEvents';
export { type OutputChunk, type OutputSlice, readFrom, readTail } from './output/outputReader';
export {
  type OutputBatch,
  type OutputTail,
  type OutputTailOptions,
  openOutputTail,
  type TailOpening,
  type TailStart,
} from './output/outputTail';
export type {
  ClaimOptions,
  FinishRecord,
  Launch,
  ListFilter,
  PruneDeadOptions,
  Repositories,
  StateChange,
  TaskResultColumns,
} from './repositories';
export { overBudget } from './repositories';
export { DEFAULT_RETENTION, deleteTaskFiles, type RetentionPolicy } from './retention';
export { defaultStateDir, ensureStateDir, type StatePaths, statePaths } from './stateDir';
export {
  openStateStore,
  type PruneResult,
  readerOf,
  type StateReader,
  type StateStore,
  type StateStoreOptions,
} from './stateStore';
export * from './taskFiles';
