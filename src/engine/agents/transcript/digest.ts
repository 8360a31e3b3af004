/**
 * What a run amounted to, for the context of a task that continues it (core/context.ts): the
 * agent's final message, the commands it ran, the actions it was refused, and the end of its
 * transcript — never its raw JSON events. Bounded, however long the run was.
 */
import type { AgentEvent } from '../events';
import type { OutputFormat } from '../types';
import { createTranscript, type LogStream } from './transcript';
import type { TranscriptLine } from './types';

export interface RunDigest {
  /** The agent's final message (or its error), when its output had a verdict. */
  summary?: string;
  isError?: boolean;
  /** Tool calls as transcript lines (`$ npm test`, `edit src/a.ts`), the last MAX_COMMANDS. */
  commands: string[];
  /** How many earlier commands `commands` leaves out. */
  commandsLeftOut: number;
  /** `Bash \`touch x\`` for each refused action. */
  denials: string[];
  /** The last transcript lines, without start-up noise. */
  tail: string[];
  /** True when `tail` leaves earlier transcript lines out. */
  tailCut: boolean;
}

export const DIGEST_LIMITS = { commands: 40, denials: 20, tailLines: 80 } as const;

export interface Digester {
  chunks(chunks: readonly { stream: LogStream; data: Buffer }[]): void;
  end(): RunDigest;
}

export function createDigester(format: OutputFormat): Digester {
  const digest: RunDigest = { commands: [], commandsLeftOut: 0, denials: [], tail: [], tailCut: false };
  const onEvent = (event: AgentEvent) => {
    if (event.kind === 'tool') {
      digest.commands.push(event.summary);
      if (digest.commands.length > DIGEST_LIMITS.commands) {
        digest.commands.shift();
        digest.commandsLeftOut++;
      }
    } else if (event.kind === 'denial' && digest.denials.length < DIGEST_LIMITS.denials) {
      digest.denials.push(`${event.tool}${event.detail ? ` \`${event.detail}\`` : ''}`);
    } else if (event.kind === 'result') {
      digest.summary = event.summary;
      digest.isError = event.isError;
    }
  };
  const transcript = createTranscript(format, { onEvent });
  const keep = (lines: TranscriptLine[]) => {
    for (const line of lines) {
      if (line.kind === 'noise') continue;
      digest.tail.push(line.text);
      if (digest.tail.length > DIGEST_LIMITS.tailLines) {
        digest.tail.shift();
        digest.tailCut = true;
      }
    }
  };
  return {
    chunks: (chunks) => keep(transcript.chunks(chunks)),
    end() {
      keep(transcript.end());
      return digest;
    },
  };
}
