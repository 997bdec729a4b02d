import type { ThreadFacts } from './email.js';

// RFC 2047 encoded words: =?charset?Q|B?text?=
const ENCODED_WORD = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(ENCODED_WORD, (whole, charset: string, enc: string, text: string) => {
      try {
        const bytes =
          enc.toUpperCase() === 'B'
            ? Buffer.from(text, 'base64')
            : Buffer.from(
                text
                  .replace(/_/g, ' ')
                  .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
                'latin1',
              );
        return new TextDecoder(charset.toLowerCase()).decode(bytes);
      } catch {
        return whole;
      }
    });
}

// A match is a slice of the whole message's text, and V8 keeps the whole text alive for as long
// as the slice lives; the thread index keeps ids for the entire mailbox, so they are copied out.
const own = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

const ADDRESS = /[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+/g;
const MESSAGE_ID = /<[^<>\s]+>/g;

/**
 * What threading needs of a message, from its header block alone: a cheap first pass over a
 * large mailbox (no MIME parsing), so its threads are known before the second pass reads bodies.
 */
export function scanThreadFacts(raw: Buffer): ThreadFacts {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // The first occurrence counts, as in mailparser.
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  const ids = (name: string) => (fields.get(name)?.match(MESSAGE_ID) ?? []).map(own);
  const addresses = (name: string) =>
    (fields.get(name)?.match(ADDRESS) ?? []).map((a) => own(a.toLowerCase()));
  const subject = fields.get('subject');
  const messageId = ids('message-id')[0];
  const inReplyTo = ids('in-reply-to')[0];
  const from = addresses('from')[0];
  return {
    ...(messageId ? { messageId } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    references: ids('references'),
    ...(subject !== undefined ? { subject: own(decodeWords(subject)) } : {}),
    ...(from ? { from } : {}),
    to: [...addresses('to'), ...addresses('cc')],
  };
}
