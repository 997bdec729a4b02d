/**
 * The outcome's points, chosen from what is known of customer satisfaction in service
 * conversations (the last word weighs most; getting what one came for drives satisfaction; asking
 * again and asking for a manager are the clearest signs of failure), not fitted to any rated
 * data: the rated dialogues at hand may only evaluate. One place, so the README can cite them.
 */
export const OUTCOME_POINTS = {
  /** Where a conversation with no sign either way lands. */
  neutral: 50,
  /** Range of the sentiment trajectory: its end-weighted mean (-1..1) times this. */
  trajectory: 20,
  /** A customer message's AFINN sum at which its sentiment counts as fully positive or negative. */
  sentimentSaturation: 4,
  /** Each earlier customer message weighs 2^(-1/halfLife) of the one after it. */
  trajectoryHalfLife: 2,
  /** Resolution ("that worked", "det virker") in the last customer messages. */
  resolved: 15,
  /** Thanks in the last customer messages. */
  thanks: 10,
  /** How many of the customer's last messages count as the ending. */
  endingMessages: 2,
  /** The customer's last message says it is not solved, or complains. */
  unresolvedComplaint: -15,
  /** The customer's last message is a question the agent never answered after it. */
  unansweredQuestion: -15,
  /** The customer's last message is a question, with a reply after it. */
  questionEnding: -5,
  /** Per repeated ask, up to repeatCap. */
  repeat: -8,
  repeatCap: -24,
  /** Asking for a manager, to complain, or threatening to leave: once per conversation. */
  escalation: -30,
  /** Corrections, confusion and frustration (the engine's customer lexicon), per message, up to frictionCap. */
  friction: -5,
  frictionCap: -15,
  /** The agent's answer to the customer's last requests was a "no" (nothing available, cannot be done). */
  unmetEnding: -15,
  /** Two customer messages are one ask repeated when their content words overlap this much (Jaccard). */
  repeatOverlap: 0.5,
  /** ... and share at least this many content words. */
  repeatMinShared: 3,
} as const;

/**
 * Weight of the customer outcome in the overall score; the mean of the judged agent dimensions
 * takes the rest. Half and half: the overall speaks for the customer's experience and the agent's
 * craft equally, and neither alone can carry it.
 */
export const OUTCOME_WEIGHT_IN_OVERALL = 0.5;
