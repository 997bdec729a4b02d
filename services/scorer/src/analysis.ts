import {
  decodeInteractionEvent,
  type DeadLetterCode,
  type InteractionEvent,
  type Policy,
  type ScoredInteraction,
  type Severity,
  type ValidationIssue,
  scoredWithoutConversationText,
} from '@rapport/schemas';
import { genericFlagMessage } from '@rapport/scoring';
import { toStoredInteraction, type StoredInteraction } from '@rapport/store';
import { inControlSample } from './control-sample.js';

/** What the scorer does with one message, worked out without I/O (on a scoring thread). */
export type Analysis = ScoredAnalysis | RejectedAnalysis;

export interface ScoredAnalysis {
  ok: true;
  tenantId: string;
  interactionId: string;
  channel: ScoredInteraction['channel'];
  flagged: boolean;
  maxSeverity: Severity | null;
  /** The message for the scored topic: scores and flags, never the conversation's words. */
  value: string;
  /** The document for the store; storedAt and producedAt are stamped on the I/O thread. */
  doc: StoredInteraction;
}

export interface RejectedAnalysis {
  ok: false;
  code: DeadLetterCode;
  message: string;
  issues: ValidationIssue[];
  /** Known when the event was valid and the engine failed on it. */
  interactionId?: string;
  /** The engine's stack, for the log (never published). */
  stack?: string;
}

export interface AnalysisSettings {
  policy: Policy;
  /** The scoring engine with its policy and knowledge base bound (or the pass-through baseline). */
  score: (event: InteractionEvent) => ScoredInteraction;
  maxEventBytes: number;
}

// An engine error's message may quote the text it failed on, and the dead letter's errorMessage
// and the logs must not carry payload text: they get the error's name (and code), and the stack
// without its message line. The payload itself is in the dead letter for whoever debugs it.
function engineFailure(err: unknown): string {
  const name = err instanceof Error ? err.name : typeof err;
  const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? ` ${err.code}` : '';
  return `the scoring engine failed (${name}${code}); the event is in the dead letter's payload, the stack in the scorer's log`;
}

function framesOf(err: unknown): string | undefined {
  const stack = err instanceof Error ? err.stack : undefined;
  const at = stack?.indexOf('\n    at ') ?? -1;
  return stack !== undefined && at >= 0 ? stack.slice(at + 1) : undefined;
}

/** Decodes, validates and scores one message and prepares what is published and stored. */
export function analyse(value: Buffer | null, settings: AnalysisSettings): Analysis {
  const decoded = decodeInteractionEvent(value, settings.maxEventBytes);
  if (!decoded.ok) return { ok: false, code: decoded.code, message: decoded.message, issues: decoded.issues };
  const event = decoded.event;
  let scored: ScoredInteraction;
  try {
    scored = settings.score(event);
  } catch (err) {
    // A valid event the engine cannot score is a bug to look at, not a reason to stop the partition.
    return {
      ok: false,
      code: 'SCORING_FAILED',
      message: engineFailure(err),
      issues: [],
      interactionId: event.interactionId,
      ...(framesOf(err) ? { stack: framesOf(err) } : {}),
    };
  }
  const { policy } = settings;
  const control =
    !scored.flagged &&
    inControlSample(scored.tenantId, scored.interactionId, policy.review.controlSampleRate);
  return {
    ok: true,
    tenantId: scored.tenantId,
    interactionId: scored.interactionId,
    channel: scored.channel,
    flagged: scored.flagged,
    maxSeverity: scored.maxSeverity,
    // The scored topic is read by scorecards and the review queue, which need codes, severities,
    // scores and ids: no transcript, evidence text, quoting flag message or keyphrase goes on it.
    value: JSON.stringify({
      ...scoredWithoutConversationText(scored, genericFlagMessage),
      controlSample: control,
    }),
    doc: toStoredInteraction({
      scored,
      control,
      keepTranscript: scored.flagged || control || policy.storage.transcripts === 'all',
    }),
  };
}

/** What a scoring thread answers for one batch. */
export interface AnalysedBatch {
  analyses: Analysis[];
  busyMs: number;
}

/**
 * Analyses a batch and times it (on whichever thread runs it). `onEvent(i)` is told before event
 * i starts, so a watchdog on another thread knows which event a stuck or crashed thread was on.
 */
export function analyseBatch(
  values: readonly (Buffer | null)[],
  settings: AnalysisSettings,
  onEvent?: (index: number) => void,
): AnalysedBatch {
  const started = performance.now();
  const analyses: Analysis[] = [];
  for (let i = 0; i < values.length; i++) {
    onEvent?.(i);
    analyses.push(analyse(values[i] ?? null, settings));
  }
  return { analyses, busyMs: performance.now() - started };
}
