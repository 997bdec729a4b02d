import type { PiiType } from '@rapport/schemas';
import { cprDateValid, luhnValid, ssnValid } from './checks.js';
import {
  digitValue,
  isCloseParen,
  isOpenParen,
  isPlus,
  SEP_DASH,
  SEP_DOT,
  SEP_SPACE,
  separatorKind,
} from './chars.js';
import { bankCue, cprCue, numberCue } from './cues.js';

const MAX_NUMBER_RUN = 48;

/** Digits in groups, as written: "4111 1111 1111 1111", "+45 12 34 56 78", "(555) 123-4567". */
export interface NumberRun {
  start: number;
  end: number;
  /** The digits in ASCII, whatever width they were written in. */
  digits: string;
  groups: number[];
  /** Text offset after each group. */
  groupEnds: number[];
  /** Separator kind before each group after the first. */
  seps: number[];
  plus: boolean;
  paren: boolean;
}

/**
 * Reads digit groups from `from`. A separator is one space-like character, a pair of them ("4111  1111"
 * typed twice), one dash or one dot; anything else ends the run.
 */
export function numberRun(text: string, from: number): NumberRun {
  let i = from;
  // "(+45) 12 34 56 78", "(555) 123-4567", "+1 (555) 123-4567"
  let open = isOpenParen(text.charCodeAt(i));
  if (open) i++;
  const plus = isPlus(text.charCodeAt(i));
  if (plus) i++;
  let paren = false;
  let digits = '';
  const groups: number[] = [];
  const groupEnds: number[] = [];
  const seps: number[] = [];
  let group = 0;
  let end = i;
  while (i < text.length && i - from < MAX_NUMBER_RUN) {
    const c = text.charCodeAt(i);
    const d = digitValue(c);
    if (d >= 0) {
      digits += String.fromCharCode(48 + d);
      group++;
      i++;
      end = i;
      continue;
    }
    if (group === 0) break;
    if (open && isCloseParen(c)) {
      const skip = separatorKind(text.charCodeAt(i + 1)) === SEP_SPACE ? 2 : 1;
      if (digitValue(text.charCodeAt(i + skip)) < 0) break;
      open = false;
      paren = true;
      groups.push(group);
      groupEnds.push(end);
      seps.push(SEP_SPACE);
      group = 0;
      i += skip;
      continue;
    }
    const kind = separatorKind(c);
    if (kind === 0) break;
    let width = 1;
    if (kind === SEP_SPACE && separatorKind(text.charCodeAt(i + 1)) === SEP_SPACE) width = 2;
    // "+1 (555) 123-4567": an area code in parentheses after the country code.
    if (plus && !paren && !open && kind === SEP_SPACE && isOpenParen(text.charCodeAt(i + width))) {
      open = true;
      width++;
    }
    if (digitValue(text.charCodeAt(i + width)) < 0) break;
    groups.push(group);
    groupEnds.push(end);
    seps.push(kind);
    group = 0;
    i += width;
  }
  if (group > 0) {
    groups.push(group);
    groupEnds.push(end);
  }
  // Parentheses around the whole number ("(4111 1111 1111 1111)") are punctuation, not an area code.
  const start = !paren && isOpenParen(text.charCodeAt(from)) ? from + 1 : from;
  return { start, end, digits, groups, groupEnds, seps, plus, paren };
}

const same = (groups: readonly number[], ...shape: number[]): boolean =>
  groups.length === shape.length && groups.every((g, k) => g === shape[k]);
const uniform = (seps: readonly number[]): boolean => seps.every((s) => s === seps[0]);

/** Keeps the first `count` groups of a run. */
export function truncateRun(run: NumberRun, count: number): NumberRun {
  const digitsKept = run.groups.slice(0, count).reduce((a, b) => a + b, 0);
  return {
    ...run,
    end: run.groupEnds[count - 1] as number,
    digits: run.digits.slice(0, digitsKept),
    groups: run.groups.slice(0, count),
    groupEnds: run.groupEnds.slice(0, count),
    seps: run.seps.slice(0, count - 1),
  };
}

/** Card numbers are printed in fours (Amex and Diners 4-6-5 / 4-6-4), or not grouped at all. */
function cardGrouping(groups: readonly number[]): boolean {
  if (groups.length === 1) return true;
  if (same(groups, 4, 6, 5) || same(groups, 4, 6, 4)) return true;
  const last = groups.length - 1;
  return groups.every((g, k) => (k < last ? g === 4 : g >= 1 && g <= 4));
}

function isCard(run: NumberRun): boolean {
  const { digits } = run;
  const first = digits.charCodeAt(0) - 48;
  // Issuer ranges start with 2-6 (Mastercard 2-series, Amex/Diners, Visa, Mastercard/Dankort/Maestro,
  // Discover/Maestro); 13-digit numbers are EAN barcodes far more often than cards today.
  return (
    !run.plus &&
    !run.paren &&
    digits.length >= 14 &&
    digits.length <= 19 &&
    first >= 2 &&
    first <= 6 &&
    uniform(run.seps) &&
    cardGrouping(run.groups) &&
    luhnValid(digits)
  );
}

/** How many leading groups are a date: "2026-03-01", "01.03.2026", "1-3-2026". */
export function datePrefix(run: NumberRun): number {
  const { groups, seps, digits } = run;
  if (groups.length < 3 || seps[0] !== seps[1] || seps[0] === SEP_SPACE) return 0;
  const [a, b, c] = groups as [number, number, number];
  const num = (from: number, len: number) => Number(digits.slice(from, from + len));
  if (a === 4 && b <= 2 && c <= 2) {
    const m = num(a, b);
    const d = num(a + b, c);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? 3 : 0;
  }
  if (a <= 2 && b <= 2 && (c === 4 || c === 2)) {
    const d = num(0, a);
    const m = num(a, b);
    return d >= 1 && d <= 31 && m >= 1 && m <= 12 ? 3 : 0;
  }
  return 0;
}

const isYear = (s: string) => {
  const y = Number(s);
  return s.length === 4 && y >= 1900 && y <= 2099;
};

/** "1.250.000", "12 500 000": thousands, as Danish and French amounts are written. */
function thousandsShaped(groups: readonly number[]): boolean {
  return groups.length >= 2 && (groups[0] as number) <= 3 && groups.slice(1).every((g) => g === 3);
}

function ipShaped(run: NumberRun): boolean {
  if (run.groups.length !== 4 || !run.seps.every((s) => s === SEP_DOT)) return false;
  let at = 0;
  return run.groups.every((g) => {
    const v = Number(run.digits.slice(at, at + g));
    at += g;
    return g <= 3 && v <= 255;
  });
}

function classifyPhone(text: string, run: NumberRun): boolean {
  const { digits, groups, seps } = run;
  const n = digits.length;
  if (run.plus) return n >= 8 && n <= 15;
  if (run.paren) return n >= 8 && n <= 13;
  // "0045 12 34 56 78", "0044 20 7946 0958": the international prefix written out.
  if (digits.startsWith('00') && (groups[0] as number) >= 4 && n >= 10 && n <= 16 && groups.length >= 2)
    return true;
  if (n < 8 || n > 12) return false;
  if (groups.length === 1) return numberCue(text, run.start) === 'phone';
  // Time ranges ("09.30-16.00") mix separators; phone numbers keep one.
  if (!uniform(seps)) return false;
  if (ipShaped(run)) return false;
  if (same(groups, 4, 4) && isYear(digits.slice(0, 4)) && isYear(digits.slice(4))) return false;
  const cue = numberCue(text, run.start);
  if (cue === 'other-id') return false;
  if (cue === 'phone') return true;
  if (thousandsShaped(groups)) return false;
  // Dotted groups are amounts, versions and dates far more often than phones, except US 555.123.4567.
  if (seps[0] === SEP_DOT) return same(groups, 3, 3, 4);
  return true;
}

/** A Danish account: reg. nr. (4 digits) and account number (up to 10 digits), "1234-0001234567". */
function isBankAccount(text: string, run: NumberRun): boolean {
  const { groups, seps } = run;
  if (run.plus || run.paren || groups.length !== 2 || groups[0] !== 4) return false;
  if (seps[0] !== SEP_DASH && seps[0] !== SEP_SPACE) return false;
  const account = groups[1] as number;
  if (account === 10)
    return numberCue(text, run.start) !== 'other-id' || bankCue(text, run.start) !== undefined;
  return account >= 6 && account <= 10 && bankCue(text, run.start) !== undefined;
}

function isCpr(text: string, run: NumberRun): boolean {
  const { groups, seps, digits } = run;
  if (run.plus || run.paren || digits.length !== 10 || !cprDateValid(digits)) return false;
  if (same(groups, 6, 4)) return seps[0] === SEP_DASH || seps[0] === SEP_SPACE;
  // Ten bare digits after "ordre", "sag", "kundenr." are that, not a CPR number.
  return groups.length === 1 && (cprCue(text, run.start) || numberCue(text, run.start) !== 'other-id');
}

function isSsn(run: NumberRun): boolean {
  const { groups, seps, digits } = run;
  if (run.plus || run.paren || !same(groups, 3, 2, 4) || !uniform(seps)) return false;
  if (seps[0] !== SEP_DASH && seps[0] !== SEP_SPACE) return false;
  return ssnValid(digits.slice(0, 3), digits.slice(3, 5), digits.slice(5));
}

/** What a run of digits is, if it is PII. */
export function classifyNumber(text: string, run: NumberRun): PiiType | undefined {
  if (isCard(run)) return 'card';
  if (isBankAccount(text, run)) return 'bank_account';
  if (isCpr(text, run)) return 'cpr';
  if (isSsn(run)) return 'ssn';
  if (classifyPhone(text, run)) return 'phone';
  return undefined;
}
