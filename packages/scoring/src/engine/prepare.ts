import type { InteractionEvent } from '@rapport/schemas';
import { cleanEmailBody } from '../normalise/email.js';
import { htmlToText } from '../normalise/html.js';
import { sanitiseText, tidyLines } from '../normalise/sanitise.js';
import { redactPii, type RedactOptions } from '../pii/redact.js';
import { sentencesOf } from '../text/sentences.js';
import { tokenize } from '../text/tokenize.js';
import type { PreparedInteraction, PreparedMessage, Role } from './prepared.js';

/**
 * Analyses read at most this many characters of one message: a 256 KiB paste is still stored
 * (redacted) but only its start is scored, which bounds the work per message.
 */
export const MAX_ANALYSED_CHARS = 20_000;

interface RawMessage {
  role: Role;
  at?: string;
  startSec?: number;
  endSec?: number;
  subject?: string;
  text: string;
}

function rawMessages(event: InteractionEvent, counts: PreparedInteraction['emailCleaning']): RawMessage[] {
  switch (event.channel) {
    case 'chat':
      return event.messages.map((m) => ({
        role: m.role,
        at: m.sentAt,
        text: tidyLines(sanitiseText(m.text).split('\n')),
      }));
    case 'call':
      return event.segments.map((s) => ({
        role: s.speaker,
        startSec: s.startSec,
        endSec: s.endSec,
        text: tidyLines(sanitiseText(s.text).split('\n')),
      }));
    case 'email':
      return event.messages.map((m) => {
        // The plain-text part is what the sender's client rendered from the same source; prefer it.
        const body =
          m.bodyText !== undefined && m.bodyText.trim() !== ''
            ? sanitiseText(m.bodyText)
            : htmlToText(sanitiseText(m.bodyHtml ?? ''));
        const cleaned = cleanEmailBody(body);
        if (cleaned.quoted) counts.quoted++;
        if (cleaned.signature) counts.signatures++;
        if (cleaned.disclaimer) counts.disclaimers++;
        return {
          role: m.role,
          at: m.sentAt,
          subject: m.subject === undefined ? undefined : sanitiseText(m.subject),
          text: tidyLines(cleaned.text.split('\n')),
        };
      });
  }
}

export function prepareInteraction(event: InteractionEvent, pii: RedactOptions): PreparedInteraction {
  const redactionCounts: Record<string, number> = {};
  const emailCleaning = { quoted: 0, signatures: 0, disclaimers: 0 };
  const messages: PreparedMessage[] = rawMessages(event, emailCleaning).map((raw, index) => {
    // Redaction happens before anything else reads or stores the text.
    const { text, redactions } = redactPii(raw.text, pii);
    for (const r of redactions) redactionCounts[r.type] = (redactionCounts[r.type] ?? 0) + 1;
    let subject = raw.subject;
    if (subject !== undefined) {
      const red = redactPii(subject, pii);
      subject = red.text;
      for (const r of red.redactions) redactionCounts[r.type] = (redactionCounts[r.type] ?? 0) + 1;
    }
    const party = raw.role === 'agent' || raw.role === 'customer';
    const tokens = party ? tokenize(text, MAX_ANALYSED_CHARS) : [];
    const atMs = raw.at === undefined ? undefined : Date.parse(raw.at);
    return {
      index,
      role: raw.role,
      at: raw.at,
      atMs: atMs === undefined || Number.isNaN(atMs) ? undefined : atMs,
      startSec: raw.startSec,
      endSec: raw.endSec,
      subject,
      text,
      redactions,
      tokens,
      sentences: party ? sentencesOf(text, tokens) : [],
      truncated: party && text.length > MAX_ANALYSED_CHARS,
    };
  });
  return {
    channel: event.channel,
    messages,
    durationSec: event.channel === 'call' ? event.durationSec : undefined,
    redactionCounts,
    emailCleaning,
  };
}
