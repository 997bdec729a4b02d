import { isWordCode } from '../text/chars.js';
import { isAsciiAlnum, isAsciiLetter } from './chars.js';
import type { PiiSpan } from './span.js';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

// Internationalised addresses (RFC 6531) put letters of any script on both sides of the "@":
// "søren@example.dk", "jens@søren.dk".
const isNonAsciiLetter = (c: number): boolean => c >= 128 && isWordCode(c);

function isLocalChar(c: number): boolean {
  return (
    isAsciiAlnum(c) ||
    c === 46 /* . */ ||
    c === 95 /* _ */ ||
    c === 37 /* % */ ||
    c === 43 /* + */ ||
    c === 45 /* - */ ||
    c === 39 /* ' */ ||
    isNonAsciiLetter(c)
  );
}

function isDomainChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 46 || c === 45 || isNonAsciiLetter(c);
}

/** The e-mail address around the "@" at `at`, if there is one. */
export function emailAt(text: string, at: number): PiiSpan | undefined {
  let s = at;
  while (s > 0 && at - s < MAX_LOCAL && isLocalChar(text.charCodeAt(s - 1))) s--;
  // A quote or dot before the address is punctuation around it, not part of it.
  while (s < at && (text.charCodeAt(s) === 46 || text.charCodeAt(s) === 39)) s++;
  if (s === at) return undefined;
  let e = at + 1;
  while (e < text.length && e - at <= MAX_DOMAIN && isDomainChar(text.charCodeAt(e))) e++;
  while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
  const dot = text.lastIndexOf('.', e - 1);
  if (dot <= at + 1 || e - dot - 1 < 2) return undefined;
  // A top-level domain has letters ("dk", "рф", "xn--p1ai"), never only digits ("10.30").
  let letters = false;
  for (let k = dot + 1; k < e && !letters; k++) {
    const c = text.charCodeAt(k);
    letters = isAsciiLetter(c) || isNonAsciiLetter(c);
  }
  return letters ? { type: 'email', start: s, end: e } : undefined;
}
