/** Where the engine reports what it does; VS Code's LogOutputChannel and the CLI's stderr both fit. */
export interface EngineLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLog: EngineLog = { info() {}, warn() {}, error() {} };
