import type { Evidence, Flag, ScoredInteraction, Signal } from './scored-interaction.js';

/**
 * The parts of a scored interaction that copy the conversation's words: transcript, evidence
 * text, flag messages (they quote the evidence), signals' evidence and the customer's keyphrases.
 * These helpers give the same shapes without those words, so a message or a document past
 * retention still satisfies the contract while holding codes, severities, scores, positions and
 * rules only. Pure; one definition for the scorer's published message and for retention.
 */

/** The generic, catalog-level explanation of a flag code: never text from the conversation. */
export type FlagExplanation = (code: string) => string;

/** Offsets and rule stay (they say where and why, not what was said); the quoted words go. */
export const evidenceWithoutText = (evidence: Evidence): Evidence => ({ ...evidence, text: '' });

export function signalWithoutText(signal: Signal): Signal {
  return signal.evidence === undefined
    ? signal
    : { ...signal, evidence: signal.evidence.map(evidenceWithoutText) };
}

/** The flag's own message quotes the evidence, so it is replaced by the code's generic explanation. */
export function flagWithoutText(flag: Flag, explain: FlagExplanation): Flag {
  return { ...flag, message: explain(flag.code), evidence: (flag.evidence ?? []).map(evidenceWithoutText) };
}

/** A scored interaction without any of the conversation's words (see above). */
export function scoredWithoutConversationText(
  scored: ScoredInteraction,
  explain: FlagExplanation,
): ScoredInteraction {
  const scores = Object.fromEntries(
    Object.entries(scored.scores).map(([dimension, s]) => [
      dimension,
      { ...s, signals: s.signals.map(signalWithoutText) },
    ]),
  ) as ScoredInteraction['scores'];
  return {
    ...scored,
    transcript: [],
    scores,
    flags: scored.flags.map((flag) => flagWithoutText(flag, explain)),
    ...(scored.outcome
      ? { outcome: { ...scored.outcome, signals: scored.outcome.signals.map(signalWithoutText) } }
      : {}),
    ...(scored.insight ? { insight: { ...scored.insight, keyphrases: [] } } : {}),
  };
}
