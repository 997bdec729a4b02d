import type { Channel, Evidence } from '@rapport/schemas';
import type { Redaction } from '../pii/redact.js';
import type { Sentence } from '../text/sentences.js';
import type { Token } from '../text/tokenize.js';

export type Role = 'agent' | 'customer' | 'bot' | 'system';

/** One message or call segment after normalisation and redaction: what every analysis reads. */
export interface PreparedMessage {
  index: number;
  role: Role;
  /** ISO timestamp as given (e-mail/chat). */
  at: string | undefined;
  /** Milliseconds since epoch, for responsiveness. */
  atMs: number | undefined;
  startSec: number | undefined;
  endSec: number | undefined;
  subject: string | undefined;
  /** Normalised, redacted text: the text stored in the transcript and quoted by evidence. */
  text: string;
  redactions: Redaction[];
  /** Tokens of the analysed prefix (agent and customer messages only). */
  tokens: Token[];
  sentences: Sentence[];
  /** True when the message was longer than the analysis bound and only its start was analysed. */
  truncated: boolean;
}

export interface PreparedInteraction {
  channel: Channel;
  messages: PreparedMessage[];
  durationSec: number | undefined;
  redactionCounts: Record<string, number>;
  emailCleaning: { quoted: number; signatures: number; disclaimers: number };
}

const MAX_EVIDENCE_CHARS = 300;

/** Evidence quoting message text; the quote is always exactly text.slice(start, end). */
export function evidenceOf(m: PreparedMessage, start: number, end: number, rule: string): Evidence {
  const s = Math.max(0, Math.min(start, m.text.length));
  let e = Math.max(s, Math.min(end, m.text.length, s + MAX_EVIDENCE_CHARS));
  // Never cut a surrogate pair in half.
  if (e > s && e < m.text.length) {
    const c = m.text.charCodeAt(e - 1);
    if (c >= 0xd800 && c <= 0xdbff) e--;
  }
  return { messageIndex: m.index, start: s, end: e, text: m.text.slice(s, e), rule };
}

export function isParty(m: PreparedMessage): boolean {
  return m.role === 'agent' || m.role === 'customer';
}
