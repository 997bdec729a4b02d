import type { Dimension, Severity } from '@rapport/schemas';

export interface FlagDefinition {
  code: string;
  dimension: Dimension;
  defaultSeverity: Severity;
  /** What the flag means, for managers and auditors. */
  description: string;
}

const def = (code: string, dimension: Dimension, defaultSeverity: Severity, description: string) =>
  ({ code, dimension, defaultSeverity, description }) as const;

/**
 * Every flag the engine can raise. Codes are a contract (stored, queried, used by golden tests):
 * add new ones, never rename.
 */
export const FLAG_CATALOG = [
  def(
    'tone.condescension',
    'tone',
    'medium',
    'The agent talked down to the customer ("as I already said", "obviously, you ...", "read the manual"), by phrase or by the condescension model.',
  ),
  def(
    'tone.rudeness',
    'tone',
    'high',
    'The agent was rude or insulting to the customer ("shut up", "you are an idiot"), by phrase or by the offensive or hostile model. Insults the agent aims at themself or at a thing, and the customer\'s own words quoted back, do not count.',
  ),
  def(
    'tone.profanity',
    'tone',
    'high',
    'The agent swore: low when the swearing praises something ("damn good"), high when aimed at the customer.',
  ),
  def(
    'tone.dismissive',
    'tone',
    'medium',
    'The agent brushed the customer off ("not my problem", "whatever"), by phrase or by the dismissiveness model.',
  ),
  def('tone.blame', 'tone', 'medium', 'The agent blamed the customer ("your fault").'),
  def(
    'tone.shouting',
    'tone',
    'medium',
    'The agent wrote several words in capitals in a row (codes such as flight numbers and booking references do not count).',
  ),
  def('tone.excessive_punctuation', 'tone', 'low', 'The agent used runs of "!" or "?".'),
  def(
    'tone.negative_sentiment',
    'tone',
    'low',
    "The agent's wording was clearly negative overall; sentences that apologise or empathise do not count.",
  ),
  def(
    'tone.abusive_customer',
    'tone',
    'medium',
    "The customer insulted, swore at or threatened the agent. This never lowers the agent's scores; it is raised so the agent can be supported.",
  ),
  def(
    'tone.customer_frustration',
    'tone',
    'low',
    'The customer showed frustration. Context for the review, not a fault of the agent by itself.',
  ),
  def(
    'politeness.impolite',
    'politeness',
    'medium',
    "The agent's messages scored low on politeness (few courtesy markers, blunt or imperative wording).",
  ),
  def(
    'accuracy.hedging',
    'accuracy',
    'low',
    'The agent guessed or hedged ("I think", "probably", "not sure") instead of giving a firm answer.',
  ),
  def(
    'accuracy.overpromise',
    'accuracy',
    'medium',
    'The agent made an absolute promise or guarantee ("I guarantee", "100%", "never happen again").',
  ),
  def(
    'accuracy.contradiction',
    'accuracy',
    'medium',
    'The agent gave two different values (durations, prices) for the same thing.',
  ),
  def(
    'accuracy.kb_mismatch',
    'accuracy',
    'high',
    'The agent stated a value that contradicts the knowledge base (e.g. a 14-day refund window when it is 30 days).',
  ),
  def(
    'accuracy.customer_correction',
    'accuracy',
    'medium',
    'The customer said the agent was wrong or had been told something else ("that\'s not what you said", "I was told").',
  ),
  def(
    'accuracy.unanswered_question',
    'accuracy',
    'low',
    'A customer question was not addressed by the agent.',
  ),
  def(
    'clarity.low_readability',
    'clarity',
    'low',
    "The agent's messages were hard to read (long sentences, many long words).",
  ),
  def(
    'clarity.jargon',
    'clarity',
    'low',
    'The agent used technical or internal jargon the customer may not know.',
  ),
  def(
    'clarity.customer_confusion',
    'clarity',
    'low',
    'The customer said they did not understand ("what do you mean", "jeg forstår ikke").',
  ),
  def(
    'responsiveness.slow_first_response',
    'responsiveness',
    'medium',
    "The agent's first response came later than the policy allows.",
  ),
  def(
    'responsiveness.long_wait',
    'responsiveness',
    'low',
    'The customer waited longer than the policy allows for a reply.',
  ),
  def(
    'responsiveness.dead_air',
    'responsiveness',
    'low',
    'The call had silence longer than the policy allows.',
  ),
  def(
    'responsiveness.overtalk',
    'responsiveness',
    'low',
    'Agent and customer spoke over each other for longer than the policy allows.',
  ),
  def(
    'responsiveness.talk_ratio',
    'responsiveness',
    'low',
    "The agent's share of the talking was outside the policy's band.",
  ),
  def('compliance.missing_greeting', 'compliance', 'low', 'The agent did not greet the customer.'),
  def(
    'compliance.missing_closing',
    'compliance',
    'low',
    'The agent did not close the conversation properly.',
  ),
  def(
    'compliance.missing_recording_disclosure',
    'compliance',
    'high',
    'The agent did not tell the caller that the call is recorded.',
  ),
  def('compliance.forbidden_phrase', 'compliance', 'high', 'The agent used a phrase the policy forbids.'),
  def(
    'compliance.pii_exposed',
    'compliance',
    'high',
    'The agent wrote out personal data (a full card number, CPR number, IBAN or SSN). It has been redacted.',
  ),
  def(
    'compliance.pii_customer_shared',
    'compliance',
    'low',
    'The customer shared their own personal data. It has been redacted; not a fault of the agent.',
  ),
] as const satisfies readonly FlagDefinition[];

export type FlagCode = (typeof FLAG_CATALOG)[number]['code'];

const BY_CODE: ReadonlyMap<string, FlagDefinition> = new Map(FLAG_CATALOG.map((d) => [d.code, d]));

export function flagDefinition(code: FlagCode): FlagDefinition {
  // Every FlagCode is in the catalog by construction.
  return BY_CODE.get(code) as FlagDefinition;
}

export function isFlagCode(code: string): code is FlagCode {
  return BY_CODE.has(code);
}

/** Same test without narrowing, for validation messages that quote the unknown code. */
export function isKnownFlagCode(code: string): boolean {
  return BY_CODE.has(code);
}
