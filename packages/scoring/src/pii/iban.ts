import { isWordCode } from '../text/chars.js';
import { IBAN_LENGTHS, ibanValid } from './checks.js';
import { isAsciiAlnum, separatorKind, SEP_DOT } from './chars.js';
import type { PiiSpan } from './span.js';

const MAX_IBAN = 34;
/** Without a known country, the longest valid prefix of 34 down to 15 characters wins. */
const ANY_IBAN_LENGTHS: readonly number[] = Array.from({ length: 20 }, (_, k) => 34 - k);

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;

/** Whether an IBAN can start at `at`: two letters and two check digits. */
export function mayStartIban(text: string, at: number): boolean {
  const c0 = text.charCodeAt(at);
  const c1 = text.charCodeAt(at + 1);
  return (
    (c0 | 32) >= 97 &&
    (c0 | 32) <= 122 &&
    (c1 | 32) >= 97 &&
    (c1 | 32) <= 122 &&
    isDigit(text.charCodeAt(at + 2)) &&
    isDigit(text.charCodeAt(at + 3))
  );
}

/**
 * The IBAN (mod-97 valid) starting at `at`, printed compact or in groups separated by spaces,
 * no-break spaces or dashes, in either case.
 */
export function ibanAt(text: string, at: number): PiiSpan | undefined {
  const country = text.slice(at, at + 2).toUpperCase();
  const expected = IBAN_LENGTHS[country];
  // Lower case only for countries we know: "dk50..." is an IBAN, "ab12..." is a product code.
  if (!isUpper(text.charCodeAt(at)) && expected === undefined) return undefined;
  let compact = '';
  const ends: number[] = []; // ends[k] = text offset after the (k+1)-th character
  let i = at;
  while (i < text.length && compact.length < MAX_IBAN) {
    const c = text.charCodeAt(i);
    if (isAsciiAlnum(c)) {
      compact += text[i];
      i++;
      ends.push(i);
      continue;
    }
    const sep = separatorKind(c);
    if (sep !== 0 && sep !== SEP_DOT && compact.length >= 4 && isAsciiAlnum(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    break;
  }
  compact = compact.toUpperCase();
  const lengths = expected !== undefined ? [expected] : ANY_IBAN_LENGTHS;
  for (const len of lengths) {
    if (len > compact.length) continue;
    const end = ends[len - 1] as number;
    if (end < text.length && isWordCode(text.charCodeAt(end)) && len === compact.length) continue;
    if (ibanValid(compact.slice(0, len))) return { type: 'iban', start: at, end };
  }
  return undefined;
}
