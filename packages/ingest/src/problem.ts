/**
 * What went wrong with one piece of input, said so a person can fix it: where (file and record),
 * what (reason), and a stable code that scripts and the documentation can rely on.
 */
export const PROBLEM_CODES = {
  /** The file is not in the format asked for (not JSON, not a transcript, not an e-mail...). */
  UNREADABLE: 'INGEST_UNREADABLE',
  /** A record lacks a field the format documents as required, or has it in the wrong type. */
  BAD_RECORD: 'INGEST_BAD_RECORD',
  /** The adapted event breaks the InteractionEvent v1 contract. */
  CONTRACT: 'INGEST_CONTRACT_VIOLATION',
  /** Nothing customer-facing to score (only internal notes, empty bodies...). */
  NOTHING_TO_SCORE: 'INGEST_NOTHING_TO_SCORE',
  /** The same interaction came twice in one import; the first is kept. */
  DUPLICATE: 'INGEST_DUPLICATE',
  /** A speaker's role was guessed (first speaker = agent): worth checking. */
  SPEAKER_GUESSED: 'INGEST_SPEAKER_GUESSED',
  /** Part of a record was left out on purpose (internal notes on an e-mail ticket...). */
  PART_LEFT_OUT: 'INGEST_PART_LEFT_OUT',
  /** No agent could be found; the interaction is attributed to the mapping's fallback agent. */
  NO_AGENT: 'INGEST_NO_AGENT',
} as const;
export type ProblemCode = (typeof PROBLEM_CODES)[keyof typeof PROBLEM_CODES];

export interface Problem {
  /** `error`: the record was not imported; `warning`: it was, but look at it. */
  severity: 'error' | 'warning';
  code: ProblemCode;
  file: string;
  /** Which record in the file: "ticket 123", "line 7", "message 4 (<id@host>)". */
  record: string;
  reason: string;
}

export const problem = (
  severity: Problem['severity'],
  code: ProblemCode,
  file: string,
  record: string,
  reason: string,
): Problem => ({ severity, code, file, record, reason });

/** One line for a terminal or a log: "file, record: reason [CODE]". */
export const formatProblem = (p: Problem): string =>
  `${p.severity} ${p.file}, ${p.record}: ${p.reason} [${p.code}]`;
