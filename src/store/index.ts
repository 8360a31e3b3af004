/** The state layer's public surface (DESIGN §3-5). Only src/core below it; no `vscode`. */

export type { Disposable, StateChangeEvent } from './events/storeEvents';
export { hostName, isAlive, processStartTime } from './os/processInfo';
export { type OutputChunk, type OutputSlice, readTail } from './output/outputReader';
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
} from './repositories';
export { DEFAULT_RETENTION, type RetentionPolicy } from './retention';
export { defaultStateDir, ensureStateDir, type StatePaths, statePaths } from './stateDir';
export { openStateStore, type PruneResult, type StateStore, type StateStoreOptions } from './stateStore';
