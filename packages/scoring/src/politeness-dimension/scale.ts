/**
 * The points of the politeness scale, in one place: the model card's "The 0-100 scale" explains
 * them and a test pins its example replies to the bands they claim.
 */

/** A courteous, factual, professional reply with no warmth and no impoliteness. */
export const BASE = 55;

export type WarmthKind = 'greeting' | 'gratitude' | 'apology' | 'please' | 'offer' | 'wellwish';

/** Warmth that cushions a command; a greeting or a sign-off is ritual and does not. */
export const COURTESY: ReadonlySet<WarmthKind> = new Set<WarmthKind>([
  'gratitude',
  'apology',
  'please',
  'offer',
]);

/**
 * Each kind of warmth counts once per conversation: a manager reads a thank-you as courtesy, the
 * fifth one adds nothing. All six together reach 94, below 100 so that 100 needs no flag-free
 * padding to mean "warm".
 */
export const WARMTH: Readonly<Record<WarmthKind, number>> = {
  greeting: 6,
  gratitude: 8,
  apology: 6,
  please: 5,
  offer: 8,
  wellwish: 6,
};

export const IMPOLITE_WORDING = {
  /** Mean request politeness 0..1 moves the score by (p - 0.5) times this: at most 10 points either way. */
  requestSpan: 20,
  /**
   * Per unsoftened command at the customer ("Send the receipt."): instructions are normal help,
   * so a command costs little where the agent is courteous elsewhere (thanks, please, sorry, an
   * offer of help) and twice as much where it is not. A command that demands haste counts twice.
   */
  bareCommand: 4,
  bareCommandUncushioned: 8,
  bareCommandCap: 24,
  /** Uncushioned bare commands needed before they are evidence of curtness by themselves. */
  curtCommands: 2,
  /** Per piece of talking down, sarcasm or rude wording, and at most this much per kind. */
  marker: 20,
  markerCap: 40,
} as const;
