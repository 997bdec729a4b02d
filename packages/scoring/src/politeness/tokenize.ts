/**
 * A hand-written scanner instead of regexes: it is linear in the input on every string (no
 * backtracking), keeps UTF-16 offsets for evidence spans, and costs well under a microsecond for a
 * short message.
 */

export interface Token {
  /** UTF-16 offsets into the input; `text.slice(start, end)` is the token's surface form. */
  start: number;
  end: number;
  /** Lower-cased surface with typographic apostrophes folded to ASCII. */
  norm: string;
  /** Word (letters/digits) or a single symbol such as punctuation or an emoji. */
  isWord: boolean;
  /** First word of a sentence: of the text, or after . ! ? or a line break. */
  sentenceStart: boolean;
}

const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

function isSpace(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x7f ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/**
 * Letters and digits of the scripts a help desk sees. Symbols, general punctuation, emoji
 * (surrogates) and the Latin-1 signs are excluded so they split words instead of gluing to them.
 */
function isWordChar(c: number): boolean {
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
  }
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c < 0x2000) return true;
  if (c >= 0x3040 && c < 0xd800) return true;
  return c >= 0xf900 && c < 0xfe00;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isSentenceEnd(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let atSentenceStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (isLineBreak(c)) atSentenceStart = true;
      i++;
      continue;
    }
    if (isWordChar(c)) {
      const start = i;
      let curly = false;
      // Lower-casing only tokens that may need it saves a string allocation on most words.
      let upper = c < 0x61 || c > 0x7a;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isWordChar(d)) {
          if (d < 0x61 || d > 0x7a) upper = true;
          i++;
          continue;
        }
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        // Keep contractions ("don't", "I’m") and numbers ("3.5", "1,000") in one token.
        if ((d === APOSTROPHE || d === RIGHT_SINGLE_QUOTE) && isWordChar(next) && !isDigit(next)) {
          if (d === RIGHT_SINGLE_QUOTE) curly = true;
          if (next < 0x61 || next > 0x7a) upper = true;
          i += 2;
          continue;
        }
        if ((d === 0x2e || d === 0x2c) && isDigit(next) && isDigit(text.charCodeAt(i - 1))) {
          i += 2;
          continue;
        }
        break;
      }
      let norm = text.slice(start, i);
      if (upper) norm = norm.toLowerCase();
      if (curly) norm = norm.replaceAll('\u2019', "'");
      tokens.push({ start, end: i, norm, isWord: true, sentenceStart: atSentenceStart });
      atSentenceStart = false;
      continue;
    }
    // One symbol per token; a surrogate pair (emoji) stays whole so spans never split it.
    const start = i;
    i += c >= 0xd800 && c < 0xdc00 && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    tokens.push({ start, end: i, norm: text.slice(start, i), isWord: false, sentenceStart: false });
    if (isSentenceEnd(c)) atSentenceStart = true;
  }
  return tokens;
}
