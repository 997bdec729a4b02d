/**
 * Character classes for the tokenizer, decided once per code unit and cached: the hot path
 * classifies every character of every message, so no regex runs per character.
 */
const WORD = 1;
const OTHER = 2;
const cache = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;

for (let c = 0; c < 128; c++) {
  const isWord = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  cache[c] = isWord ? WORD : OTHER;
}
// Surrogates are never word characters on their own (emoji, lone halves).
cache.fill(OTHER, 0xd800, 0xe000);

/** True for letters, combining marks and digits in the BMP (astral letters count as separators). */
export function isWordCode(c: number): boolean {
  let k = cache[c];
  if (k === 0) {
    k = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? WORD : OTHER;
    cache[c] = k;
  }
  return k === WORD;
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isSpaceCode(c: number): boolean {
  return (
    c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x3000
  );
}
