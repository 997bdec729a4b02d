import { DeadLetter, deadLetterKey, openDeadLetterPayload, type DeadLetterKey } from '@rapport/schemas';
import type { Env } from '@rapport/config';
import type { RawEvent } from './events-source.js';

/**
 * Dead letters among the events `replay` and `validate` read (lines of a topic dump, or files):
 * their payload is what is replayed or validated. Encrypted ones are opened with DEAD_LETTER_KEY
 * or one of DEAD_LETTER_OLD_KEYS; redacted ones give their redacted text, said so in the origin.
 */

/** The keys of the environment: the current one first; a malformed one names its variable. */
export function deadLetterKeys(env: Env): DeadLetterKey[] {
  const keys: DeadLetterKey[] = [];
  if (env.DEAD_LETTER_KEY) keys.push(deadLetterKey(env.DEAD_LETTER_KEY));
  for (const old of (env.DEAD_LETTER_OLD_KEYS ?? '').split(',').filter((k) => k.trim() !== ''))
    keys.push(deadLetterKey(old, 'DEAD_LETTER_OLD_KEYS'));
  return keys;
}

const looksLikeDeadLetter = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  'errorCode' in v &&
  'source' in v &&
  ('payload' in v || 'payloadBase64' in v);

/**
 * Gives a dead letter's payload in place of the record; anything else as it is. Keys are read
 * when the first encrypted record is met, so events without dead letters need none.
 */
export function deadLetterUnwrapper(keys: () => readonly DeadLetterKey[]): (event: RawEvent) => RawEvent {
  let known: readonly DeadLetterKey[] | undefined;
  return (event) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.value);
    } catch {
      return event;
    }
    if (!looksLikeDeadLetter(parsed)) return event;
    const letter = DeadLetter.safeParse(parsed);
    if (!letter.success) return event;
    const needsKey = letter.data.payload?.protection === 'aes-256-gcm';
    const opened = openDeadLetterPayload(letter.data, needsKey ? (known ??= keys()) : []);
    return {
      origin: opened.redacted
        ? `${event.origin} (dead letter, redacted payload)`
        : `${event.origin} (dead letter)`,
      value: opened.bytes.toString('utf8'),
      key: letter.data.source.key,
    };
  };
}
