import {
  formatIssues,
  InteractionEvent,
  toValidationIssues,
  type InteractionEventInput,
} from '@rapport/schemas';
import { PROBLEM_CODES, problem, type Problem } from './problem.js';

/** An event an adapter made, with where it came from so a contract violation can be traced back. */
export interface Candidate {
  event: InteractionEventInput;
  file: string;
  record: string;
  /** Messages or segments it carries, for the import's totals. */
  messages: number;
}

export interface Checked {
  valid: { event: InteractionEvent; file: string; record: string; messages: number }[];
  problems: Problem[];
}

/**
 * Every event is checked with the real contract before anything is published: an adapter bug or
 * odd source data shows up here, named by file and record, instead of in the scorer's dead letters.
 * The same interaction twice (overlapping exports) is kept once, the highest revision winning.
 */
export function checkCandidates(candidates: Iterable<Candidate>): Checked {
  const problems: Problem[] = [];
  const byId = new Map<string, Checked['valid'][number]>();
  for (const c of candidates) {
    const parsed = InteractionEvent.safeParse(c.event);
    if (!parsed.success) {
      problems.push(
        problem(
          'error',
          PROBLEM_CODES.CONTRACT,
          c.file,
          c.record,
          formatIssues(toValidationIssues(parsed.error)),
        ),
      );
      continue;
    }
    const key = `${parsed.data.tenantId}\u0000${parsed.data.interactionId}`;
    const seen = byId.get(key);
    if (seen) {
      const keepNew = parsed.data.revision > seen.event.revision;
      problems.push(
        problem(
          'warning',
          PROBLEM_CODES.DUPLICATE,
          c.file,
          c.record,
          `interaction ${parsed.data.interactionId} also came from ${seen.file}, ${seen.record}; the ${keepNew ? 'newer revision here' : 'first'} is kept`,
        ),
      );
      if (!keepNew) continue;
    }
    byId.set(key, { event: parsed.data, file: c.file, record: c.record, messages: c.messages });
  }
  return { valid: [...byId.values()], problems };
}

/**
 * checkCandidates one at a time, for imports that stream: each event is checked with the
 * contract as it is made; only ids and revisions are remembered. A later, higher revision of an
 * interaction already passed is passed too (the store keeps the newest); an equal or lower one is
 * reported as a duplicate and dropped.
 */
export class ContractChecker {
  private readonly seen = new Map<string, { revision: number; file: string; record: string }>();

  check(c: Candidate): { valid?: InteractionEvent; problems: Problem[] } {
    const parsed = InteractionEvent.safeParse(c.event);
    if (!parsed.success)
      return {
        problems: [
          problem(
            'error',
            PROBLEM_CODES.CONTRACT,
            c.file,
            c.record,
            formatIssues(toValidationIssues(parsed.error)),
          ),
        ],
      };
    const key = `${parsed.data.tenantId}\u0000${parsed.data.interactionId}`;
    const before = this.seen.get(key);
    if (before && before.revision >= parsed.data.revision)
      return {
        problems: [
          problem(
            'warning',
            PROBLEM_CODES.DUPLICATE,
            c.file,
            c.record,
            `interaction ${parsed.data.interactionId} also came from ${before.file}, ${before.record}; the first is kept`,
          ),
        ],
      };
    this.seen.set(key, { revision: parsed.data.revision, file: c.file, record: c.record });
    return { valid: parsed.data, problems: [] };
  }
}
