import type { PiiType } from '@rapport/schemas';
import { isWordCode } from '../text/chars.js';
import { cprDateValid, IBAN_LENGTHS, ibanValid, luhnValid, ssnValid } from './checks.js';

export interface PiiSpan {
  type: PiiType;
  start: number;
  end: number;
}

const MAX_NUMBER_RUN = 40;
const PHONE_CUES = [
  'tlf',
  'telefon',
  'phone',
  'mobile',
  'mobil',
  'call',
  'ring',
  'nummer',
  'number',
  'tel',
  'sms',
  'cell',
];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isAlnumAscii(c: number): boolean {
  return isDigit(c) || isUpper(c) || (c >= 97 && c <= 122);
}
function isEmailLocal(c: number): boolean {
  return isAlnumAscii(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}
function isEmailDomain(c: number): boolean {
  return isAlnumAscii(c) || c === 46 || c === 45;
}

function emailAt(text: string, at: number): PiiSpan | undefined {
  let s = at;
  while (s > 0 && at - s < 64 && isEmailLocal(text.charCodeAt(s - 1))) s--;
  while (s < at && text.charCodeAt(s) === 46) s++;
  if (s === at) return undefined;
  let e = at + 1;
  while (e < text.length && e - at < 254 && isEmailDomain(text.charCodeAt(e))) e++;
  while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
  const domain = text.slice(at + 1, e);
  const dot = domain.lastIndexOf('.');
  if (dot <= 0 || domain.length - dot - 1 < 2) return undefined;
  return { type: 'email', start: s, end: e };
}

interface NumberRun {
  start: number;
  end: number;
  digits: string;
  groups: number[];
  seps: string;
  plus: boolean;
  paren: boolean;
}

/** Digits in groups separated by single spaces, dashes or dots, optionally "+" or "(area)" first. */
function numberRun(text: string, from: number): NumberRun {
  let i = from;
  const plus = text.charCodeAt(i) === 43;
  if (plus) i++;
  let paren = false;
  let digits = '';
  const groups: number[] = [];
  let seps = '';
  let group = 0;
  let end = i;
  while (i < text.length && i - from < MAX_NUMBER_RUN) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      digits += text[i];
      group++;
      i++;
      end = i;
      continue;
    }
    if (c === 40 /* ( */ && digits.length === 0 && group === 0) {
      paren = true;
      i++;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    const sep = c === 32 || c === 45 || c === 46 || c === 41; /* ) */
    if (sep && group > 0 && (isDigit(next) || (c === 41 && next === 32 && isDigit(text.charCodeAt(i + 2))))) {
      groups.push(group);
      group = 0;
      seps += text[i];
      i += c === 41 && next === 32 ? 2 : 1;
      continue;
    }
    break;
  }
  if (group > 0) groups.push(group);
  return { start: from, end, digits, groups, seps, plus, paren };
}

function sameGroups(groups: readonly number[], ...shape: number[]): boolean {
  return groups.length === shape.length && groups.every((g, k) => g === shape[k]);
}

function hasPhoneCue(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 24), at).toLowerCase();
  return PHONE_CUES.some((c) => before.includes(c));
}

function classifyNumber(text: string, run: NumberRun): PiiType | undefined {
  const { digits, groups, seps } = run;
  const n = digits.length;
  const dotted = seps.includes('.');
  if (!run.plus && !run.paren && !dotted && n >= 13 && n <= 19 && luhnValid(digits)) return 'card';
  if (
    !run.plus &&
    n === 10 &&
    (sameGroups(groups, 10) || (sameGroups(groups, 6, 4) && (seps === '-' || seps === ' '))) &&
    cprDateValid(digits)
  )
    return 'cpr';
  if (!run.plus && sameGroups(groups, 3, 2, 4) && (seps === '--' || seps === '  ')) {
    if (ssnValid(digits.slice(0, 3), digits.slice(3, 5), digits.slice(5))) return 'ssn';
  }
  if (run.plus) return n >= 8 && n <= 15 ? 'phone' : undefined;
  if (run.paren) return n >= 8 && n <= 12 ? 'phone' : undefined;
  // Dates ("2026-03-01", "01.03.2026") and decimals are not phone numbers.
  if (
    sameGroups(groups, 4, 2, 2) ||
    sameGroups(groups, 2, 2, 4) ||
    sameGroups(groups, 1, 2, 4) ||
    sameGroups(groups, 2, 1, 4)
  )
    return undefined;
  if (groups.length >= 2 && n >= 8 && n <= 12 && !dotted) return 'phone';
  if (groups.length >= 3 && n >= 8 && n <= 12) return 'phone';
  if (groups.length === 1 && n >= 8 && n <= 12 && hasPhoneCue(text, run.start)) return 'phone';
  return undefined;
}

/** Without a known country, the longest valid prefix of 34 down to 15 characters wins. */
const ANY_IBAN_LENGTHS: readonly number[] = Array.from({ length: 20 }, (_, k) => 34 - k);

function ibanAt(text: string, at: number): PiiSpan | undefined {
  const country = text.slice(at, at + 2).toUpperCase();
  const expected = IBAN_LENGTHS[country];
  const c0 = text.charCodeAt(at);
  if (!isUpper(c0) && expected === undefined) return undefined;
  if (!isDigit(text.charCodeAt(at + 2)) || !isDigit(text.charCodeAt(at + 3))) return undefined;
  let compact = '';
  const ends: number[] = []; // ends[k] = text offset after the (k+1)-th character
  let i = at;
  while (i < text.length && compact.length < 34) {
    const c = text.charCodeAt(i);
    if (isAlnumAscii(c)) {
      compact += text[i];
      i++;
      ends.push(i);
      continue;
    }
    if (c === 32 && compact.length >= 4 && isAlnumAscii(text.charCodeAt(i + 1))) {
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

/**
 * Finds PII in one linear pass: e-mail addresses, IBANs (mod-97), payment cards (Luhn), Danish
 * CPR numbers (valid date), US SSNs and phone numbers. Spans are sorted and do not overlap.
 */
export function detectPii(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const n = text.length;
  let i = 0;
  let lastEnd = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (c === 64 /* @ */) {
      const span = emailAt(text, i);
      if (span) {
        // An e-mail found at its "@" may start before a span already found; keep the first.
        if (span.start >= lastEnd) {
          spans.push(span);
          lastEnd = span.end;
        }
        i = Math.max(i + 1, span.end);
        continue;
      }
      i++;
      continue;
    }
    if (isWordCode(prev) && prev !== 32) {
      i++;
      continue;
    }
    if (isAlnumAscii(c) && !isDigit(c) && i + 3 < n && isDigit(text.charCodeAt(i + 2))) {
      const span = ibanAt(text, i);
      if (span) {
        if (span.start >= lastEnd) {
          spans.push(span);
          lastEnd = span.end;
        }
        i = span.end;
        continue;
      }
    }
    const startsNumber = isDigit(c) || ((c === 43 || c === 40) && isDigit(text.charCodeAt(i + 1)));
    if (startsNumber) {
      const run = numberRun(text, i);
      const after = run.end < n ? text.charCodeAt(run.end) : 32;
      const type = isWordCode(after) ? undefined : classifyNumber(text, run);
      if (type && run.start >= lastEnd) {
        spans.push({ type, start: run.start, end: run.end });
        lastEnd = run.end;
      }
      i = Math.max(i + 1, run.end);
      continue;
    }
    i++;
  }
  return spans;
}
