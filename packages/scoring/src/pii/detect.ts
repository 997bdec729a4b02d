import { isWordCode } from '../text/chars.js';
import { digitValue, isAsciiLetter, isAt, isLetterCode, isOpenParen, isPlus } from './chars.js';
import { followsRegLabel, isAccountLabelGap } from './cues.js';
import { emailAt } from './email.js';
import { ibanAt, mayStartIban } from './iban.js';
import { classifyNumber, datePrefix, numberRun, truncateRun, type NumberRun } from './numbers.js';
import type { PiiSpan } from './span.js';

export type { PiiSpan } from './span.js';

const MAX_ACCOUNT_GAP = 32;
const MIN_DIGITS = 8;
const REG_DIGITS = 4;
const MIN_CARD_DIGITS = 14;

/** "reg. 1234 konto 0001234567": the account number after a labelled reg. nr., as one span. */
function regAndAccount(text: string, reg: NumberRun): PiiSpan | undefined {
  if (reg.digits.length !== REG_DIGITS || reg.groups.length !== 1 || !followsRegLabel(text, reg.start))
    return undefined;
  let k = reg.end;
  const limit = Math.min(text.length, reg.end + MAX_ACCOUNT_GAP);
  while (k < limit && digitValue(text.charCodeAt(k)) < 0) k++;
  if (k >= limit || !isAccountLabelGap(text.slice(reg.end, k))) return undefined;
  const account = numberRun(text, k);
  const after = account.end < text.length ? text.charCodeAt(account.end) : 32;
  if (account.groups.length !== 1 || account.digits.length < 6 || account.digits.length > 10)
    return undefined;
  return isWordCode(after) ? undefined : { type: 'bank_account', start: reg.start, end: account.end };
}

/** A span found at its "@" may start before one already found; the first one stays. */
function add(spans: PiiSpan[], span: PiiSpan): void {
  const last = spans[spans.length - 1];
  if (last === undefined || span.start >= last.end) spans.push(span);
}

/**
 * Finds PII in one linear pass: e-mail addresses, IBANs (mod-97), payment cards (Luhn), Danish
 * bank accounts, Danish CPR numbers (valid date), US SSNs and phone numbers. Spans are sorted and
 * do not overlap.
 */
export function detectPii(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // Most characters are letters inside words, where nothing can start: the cheapest test first.
    if (isAsciiLetter(c) && i > 0 && isAsciiLetter(text.charCodeAt(i - 1))) {
      i++;
      continue;
    }
    if (isAt(c)) {
      const span = emailAt(text, i);
      if (span) add(spans, span);
      i = span ? Math.max(i + 1, span.end) : i + 1;
      continue;
    }
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    const d = digitValue(c);
    // Inside a word only a number can start, and only one glued to a label ("Visa4111...").
    const glued = isWordCode(prev);
    if (glued && (d < 0 || !isLetterCode(prev))) {
      i++;
      continue;
    }
    if (!glued && d < 0 && mayStartIban(text, i)) {
      const span = ibanAt(text, i);
      if (span) {
        add(spans, span);
        i = span.end;
        continue;
      }
    }
    const startsNumber =
      d >= 0 ||
      ((isPlus(c) || isOpenParen(c)) &&
        (digitValue(text.charCodeAt(i + 1)) >= 0 || isPlus(text.charCodeAt(i + 1))));
    if (!startsNumber) {
      i++;
      continue;
    }
    let run = numberRun(text, i);
    // Every kind of number we look for has 8 digits or more, except a reg. nr. (4) before its account.
    if (run.digits.length < MIN_DIGITS && run.digits.length !== REG_DIGITS) {
      i = Math.max(i + 1, run.end);
      continue;
    }
    const date = run.plus || run.paren ? 0 : datePrefix(run);
    if (date > 0) {
      i = run.groupEnds[date - 1] as number;
      continue;
    }
    if (run.groups.length === 0) {
      i++;
      continue;
    }
    const after = run.end < n ? text.charCodeAt(run.end) : 32;
    let type = isWordCode(after) ? undefined : classifyNumber(text, run);
    // A label glued to the number only ever precedes a card number.
    if (glued && type !== 'card') type = undefined;
    if (type === undefined && !glued) {
      const account = regAndAccount(text, run);
      if (account) {
        add(spans, account);
        i = account.end;
        continue;
      }
    }
    if (type === undefined && run.groups.length > 1 && run.digits.length > MIN_CARD_DIGITS && !glued) {
      // "4111 1111 1111 1111 12/27": the expiry makes the whole run no card; try its first part.
      run = truncateRun(run, run.groups.length - 1);
      type = classifyNumber(text, run) === 'card' ? 'card' : undefined;
    }
    if (type) add(spans, { type, start: run.start, end: run.end });
    i = Math.max(i + 1, run.end);
  }
  return spans;
}
