/**
 * Agent output for people: the transcript (transcript.ts, rendered by render.ts and words.ts) and
 * the digest of a run that a continuing task's context is built from (digest.ts).
 */
export { createDigester, DIGEST_LIMITS, type Digester, type RunDigest } from './digest';
export {
  createTranscript,
  type LogStream,
  type Transcript,
  type TranscriptOptions,
  transcriptOf,
} from './transcript';
export type { TranscriptKind, TranscriptLine } from './types';
export { abridge } from './words';
