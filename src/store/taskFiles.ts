/**
 * The part of the store's public surface that a task's supervisor needs: the files it writes
 * beside the database (the output log, the exit and pid records) and process identity. Nothing
 * here loads sql.js, so the supervisor, which imports only this, stays a ~45 KB bundle: it
 * starts once per task, and through index.ts it measured 525 KB. index.ts re-exports all of it.
 */
export { hostName, isAlive, processStartTime } from './os/processInfo';
export { type OutputFiles, outputFiles } from './output/outputFormat';
export { type OutputLogWriter, openOutputLog } from './output/outputLog';
export {
  type AgentResult,
  type CheckRecord,
  type ExitReason,
  type ExitRecord,
  type PidRecord,
  type RetryRecord,
  readExitRecord,
  readPidRecord,
  readRetryRecord,
  removeRetryRecord,
  writeExitRecord,
  writeJsonAtomic,
  writePidRecord,
  writeRetryRecord,
} from './output/taskRecords';
