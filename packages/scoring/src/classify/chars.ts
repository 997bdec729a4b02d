/**
 * Per-char-code tables built once at module load, so the tokenizer lowercases and classifies a char
 * with one array read instead of allocating a one-char string for toLowerCase or a regex test.
 */

export const OTHER = 0;
export const LETTER = 1;
export const DIGIT = 2;
export const SPACE = 3;

export const LOWER = new Uint16Array(65536);
export const CHAR_CLASS = new Uint8Array(65536);

const letterOrMark = /[\p{L}\p{M}]/u;
const digit = /\p{Nd}/u;
const space = /\s/u;
for (let c = 0; c < 65536; c++) {
  const s = String.fromCharCode(c);
  const lower = s.toLowerCase();
  // A char whose lowercase is two chars (U+0130) keeps its first; the tokenizer works char by char.
  LOWER[c] = lower.charCodeAt(0);
  if (c >= 0xd800 && c <= 0xdfff) CHAR_CLASS[c] = OTHER;
  else if (letterOrMark.test(s)) CHAR_CLASS[c] = LETTER;
  else if (digit.test(s)) CHAR_CLASS[c] = DIGIT;
  else if (space.test(s)) CHAR_CLASS[c] = SPACE;
}

/** True when the char is an uppercase letter (it changes when lowercased). */
export function isUpper(code: number): boolean {
  return CHAR_CLASS[code] === LETTER && LOWER[code] !== code;
}
