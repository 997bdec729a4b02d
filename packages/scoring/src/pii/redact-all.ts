import { PII_TYPES } from '@rapport/schemas';
import { redactPii } from './redact.js';

const ALL = { types: new Set(PII_TYPES), allow: new Set<string>() };

/**
 * Every kind of PII the engine knows replaced by its placeholder, no allow-list: for text kept
 * outside a scored interaction (a dead letter without an encryption key), where no policy applies.
 */
export function redactAllPii(text: string): string {
  return redactPii(text, ALL).text;
}
