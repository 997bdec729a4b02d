import { flagDefinition, isFlagCode } from './catalog.js';

/**
 * The message a flag keeps where the conversation's words may not go (the scored topic, an
 * interaction past retention): the catalog's explanation of its code, which quotes only the
 * catalog's own examples, never the conversation. A code the catalog does not know (a newer
 * engine's) still gets a sentence that names it.
 */
export function genericFlagMessage(code: string): string {
  const rule: string = code;
  return isFlagCode(code)
    ? flagDefinition(code).description
    : `Flagged by rule ${rule}; the quoted words are not kept here.`;
}
