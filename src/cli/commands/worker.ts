import type { DispatchConfig } from '../../core/config';
import { positiveInteger, positiveNumber } from '../args';
import { stderrLog } from '../context';
import { watchWorkspaceSettings } from '../liveSettings';
import { type CliCommand, print } from './command';

export const worker: CliCommand = {
  usage: 'dispatch worker [--max-workers N] [--idle-exit SECONDS]',
  summary: 'run an engine in the foreground, as an editor window does (Ctrl+C stops it; tasks keep running)',
  positionals: [],
  options: { 'max-workers': { type: 'string' }, 'idle-exit': { type: 'string' } },
  async run(ctx, { values }) {
    const maxWorkers = positiveInteger(values['max-workers'], '--max-workers');
    const idleExitSeconds = positiveNumber(values['idle-exit'], '--idle-exit');
    const withFlags = (read: DispatchConfig) => ({ ...read, ...(maxWorkers ? { maxWorkers } : {}) });
    let config = withFlags(ctx.config);
    const log = { ...stderrLog, info: (m: string) => process.stderr.write(`dispatch: ${m}\n`) };
    const engine = await ctx.openEngine({
      runTasks: true,
      config: () => config,
      log,
      label: `dispatch worker`,
    });
    // Settings changed while it runs apply at once, as in an editor window (liveSettings.ts).
    const settings = watchWorkspaceSettings(
      ctx.workspace,
      (read) => {
        config = withFlags(read);
        engine.poke();
      },
      log,
    );
    print(`worker ${engine.id} on ${ctx.stateDir} (max ${config.maxWorkers} workers across all engines)`);

    await new Promise<void>((resolve) => {
      let idleSince = Date.now();
      const idleCheck = idleExitSeconds
        ? setInterval(() => {
            const busy = engine.state.read((r) => {
              const counts = r.tasks.counts();
              return counts.queued + counts.running + counts.blocked > 0;
            });
            if (busy) idleSince = Date.now();
            else if (Date.now() - idleSince >= idleExitSeconds * 1000) stop();
          }, 250)
        : undefined;
      const stop = () => {
        if (idleCheck) clearInterval(idleCheck);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    settings.dispose();
    await engine.dispose();
    return 0;
  },
};
