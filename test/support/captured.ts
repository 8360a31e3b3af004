/**
 * The real agent CLIs' output in test/fixtures/agents/captured (its README names each run), fed
 * through the decoders as the supervisor would: every stdout line, every stderr line, then end().
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type AgentEvent, createDecoder } from '../../src/engine/agents/events';
import type { OutputFormat } from '../../src/engine/agents/types';

export const capturedDir = path.resolve(__dirname, '../../..', 'test', 'fixtures', 'agents', 'captured');

export const FORMATS: Record<string, OutputFormat> = {
  claude: 'claude-stream-json',
  codex: 'codex-json',
  gemini: 'gemini-stream-json',
};

/** Every capture's name (`claude-text`, …), from its .stdout.jsonl file. */
export function captureNames(): string[] {
  return readdirSync(capturedDir)
    .filter((file) => file.endsWith('.stdout.jsonl'))
    .map((file) => file.slice(0, -'.stdout.jsonl'.length))
    .sort();
}

export const formatOf = (name: string): OutputFormat => FORMATS[name.split('-')[0]];

/** The capture's lines by stream (a missing stderr file is no stderr). */
export function captureLines(name: string): { stdout: string[]; stderr: string[] } {
  const read = (suffix: string) => {
    const file = path.join(capturedDir, `${name}${suffix}`);
    if (!existsSync(file)) return [];
    const lines = readFileSync(file, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines;
  };
  return { stdout: read('.stdout.jsonl'), stderr: read('.stderr.txt') };
}

export interface DecodedEvent {
  event: AgentEvent;
  stream: 'stdout' | 'stderr';
}

/** The capture decoded: stdout first, then stderr (the files do not keep their interleaving). */
export function decodeCapture(name: string): DecodedEvent[] {
  const decoder = createDecoder(formatOf(name));
  if (!decoder) throw new Error(`no decoder for ${name}`);
  const { stdout, stderr } = captureLines(name);
  const out: DecodedEvent[] = [];
  for (const line of stdout)
    for (const event of decoder.line(line, 'stdout')) out.push({ event, stream: 'stdout' });
  for (const line of stderr)
    for (const event of decoder.line(line, 'stderr')) out.push({ event, stream: 'stderr' });
  for (const event of decoder.end()) out.push({ event, stream: 'stderr' });
  return out;
}

/** Just the events of one kind, in order. */
export function eventsOf<K extends AgentEvent['kind']>(
  name: string,
  kind: K,
): Extract<AgentEvent, { kind: K }>[] {
  return decodeCapture(name)
    .map((d) => d.event)
    .filter((e): e is Extract<AgentEvent, { kind: K }> => e.kind === kind);
}
