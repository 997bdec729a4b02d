import { isDigitCode, isSpaceCode, isWordCode } from './chars.js';

export const TokenKind = { Word: 0, Number: 1, Symbol: 2 } as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/** A word, number or currency/percent symbol, with UTF-16 offsets into the message text. */
export interface Token {
  /** Lower-cased, with typographic apostrophes folded to "'". */
  norm: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** True when the gap before this token holds punctuation that ends a phrase (. ! ? ; : or a line break). */
  breakBefore: boolean;
  /** Index of the sentence holding the token. */
  sentence: number;
}

const APOSTROPHE = 39;
const RIGHT_SINGLE_QUOTE = 0x2019;

function isSymbolCode(c: number): boolean {
  // "%", "$", "€", "£": they carry meaning for claims ("100%", "$49").
  return c === 37 || c === 36 || c === 0x20ac || c === 0xa3;
}

/** Abbreviations whose "." ends neither a phrase nor a sentence ("kl. 8", "199 kr. om måneden"). */
const ABBREVIATIONS = new Set([
  'kl',
  'ca',
  'kr',
  'nr',
  'fx',
  'mr',
  'mrs',
  'ms',
  'dr',
  'approx',
  'vs',
  'etc',
  'eg',
  'ie',
  'st',
  'tlf',
  'inkl',
  'evt',
  'bl',
  'mht',
  'osv',
  'dvs',
  'jf',
  'pr',
  'min',
  'mdr',
  'md',
  'stk',
  'incl',
  'tel',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'okt',
  'oct',
  'nov',
  'dec',
  'tir',
  'ons',
  'tor',
  'fre',
  'lør',
  'søn',
]);

function isPhraseBreak(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 58 || c === 10 || c === 0x2026;
}

function isTerminator(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/**
 * Splits text into tokens in one linear pass, numbering sentences on the way. Apostrophes inside
 * words ("don't") and decimal separators inside numbers ("49.99", "1,5") stay in the token.
 * `limit` bounds the work on huge messages: text after it is not tokenized.
 */
export function tokenize(text: string, limit = text.length): Token[] {
  const tokens: Token[] = [];
  const n = Math.min(text.length, limit);
  let i = 0;
  let pendingBreak = true;
  let pendingSentence = false;
  let sentence = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const symbol = isSymbolCode(c);
    if (symbol || isWordCode(c)) {
      const start = i;
      let kind: TokenKind = TokenKind.Symbol;
      let hasApostrophe = false;
      i++;
      if (!symbol) {
        let allDigits = isDigitCode(c);
        while (i < n) {
          const d = text.charCodeAt(i);
          if (isWordCode(d)) {
            if (allDigits && !isDigitCode(d)) allDigits = false;
            i++;
            continue;
          }
          const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
          if (
            (d === APOSTROPHE || d === RIGHT_SINGLE_QUOTE) &&
            !allDigits &&
            next !== 0 &&
            isWordCode(next)
          ) {
            hasApostrophe = true;
            i += 2;
            continue;
          }
          if ((d === 46 || d === 44) && allDigits && isDigitCode(next)) {
            i += 2;
            continue;
          }
          break;
        }
        kind = allDigits ? TokenKind.Number : TokenKind.Word;
      }
      let norm = text.slice(start, i).toLowerCase();
      if (hasApostrophe) norm = norm.replaceAll('\u2019', "'");
      if (pendingSentence && tokens.length > 0) sentence++;
      tokens.push({ norm, start, end: i, kind, breakBefore: pendingBreak, sentence });
      pendingBreak = false;
      pendingSentence = false;
      continue;
    }
    if (isPhraseBreak(c)) {
      const last = tokens[tokens.length - 1];
      if (c === 46 && last !== undefined && last.end === i && ABBREVIATIONS.has(last.norm)) {
        i++;
        continue;
      }
      pendingBreak = true;
      if (c === 10) pendingSentence = true;
      else if (isTerminator(c)) {
        // "acme.com" and "3.5" are no sentence ends: a terminator needs space or the end after it.
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 32;
        if (isSpaceCode(next) || isTerminator(next) || next === 34 || next === 41 || next === 0x201d)
          pendingSentence = true;
      }
    }
    i++;
  }
  return tokens;
}
