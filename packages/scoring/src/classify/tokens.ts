/**
 * Tokenizer for the classifiers. It writes normalised tokens into reused typed arrays (no string
 * per token) and keeps each token's UTF-16 offsets in the original text, so evidence can point
 * back at what the writer typed.
 *
 * Normalisation makes features generalise beyond the training tweets: lowercase; a letter
 * repeated three or more times kept twice ("stuuuupid" = "stuupid" = "stuupiiid"'s shape);
 * user mentions, links and numbers become one placeholder each, so a handle or a figure never
 * becomes evidence for a label; "*" and apostrophes inside a word stay in it ("f**k", "don't").
 */
import { CHAR_CLASS, DIGIT, LETTER, LOWER, SPACE, isUpper } from './chars.js';

export const WORD = 0;
export const MENTION = 1;
export const LINK = 2;
export const NUMBER = 3;
export const MARK = 4;
export type TokenKind = typeof WORD | typeof MENTION | typeof LINK | typeof NUMBER | typeof MARK;

const PLACEHOLDER: Record<number, string> = { [MENTION]: '@user', [LINK]: '<url>', [NUMBER]: '<num>' };

/** Longer words are cut for features: they are URLs without a scheme, keysmashes or base64. */
export const MAX_WORD = 32;

export class TokenBuffer {
  count = 0;
  /** Normalised chars of all tokens, back to back. */
  norm = new Uint16Array(1024);
  normLength = 0;
  kind = new Uint8Array(128);
  normStart = new Int32Array(128);
  normEnd = new Int32Array(128);
  start = new Int32Array(128);
  end = new Int32Array(128);
  /** 1 when the token opens a sentence (first token, or after . ! ? or a line break). */
  sentenceStart = new Uint8Array(128);
  /** Words of two or more letters written all in capitals (tokens with digits are not counted). */
  capsWords = 0;
  /** Words of two or more letters with no digit: the denominator of the capitals ratio. */
  plainWords = 0;

  reset(): void {
    this.count = 0;
    this.normLength = 0;
    this.capsWords = 0;
    this.plainWords = 0;
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const g8 = (a: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const g32 = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.kind = g8(this.kind);
    this.sentenceStart = g8(this.sentenceStart);
    this.normStart = g32(this.normStart);
    this.normEnd = g32(this.normEnd);
    this.start = g32(this.start);
    this.end = g32(this.end);
  }

  private ensureNorm(extra: number): void {
    if (this.normLength + extra <= this.norm.length) return;
    const b = new Uint16Array(Math.max(this.norm.length * 2, this.normLength + extra));
    b.set(this.norm);
    this.norm = b;
  }

  /** Opens a token; its normalised chars follow through pushChar. */
  open(kind: TokenKind, start: number, sentenceStart: boolean, maxChars: number): void {
    if (this.count === this.kind.length) this.grow();
    this.ensureNorm(maxChars);
    const t = this.count;
    this.kind[t] = kind;
    this.start[t] = start;
    this.sentenceStart[t] = sentenceStart ? 1 : 0;
    this.normStart[t] = this.normLength;
    const p = PLACEHOLDER[kind];
    if (p !== undefined) for (let i = 0; i < p.length; i++) this.norm[this.normLength++] = p.charCodeAt(i);
  }

  pushChar(code: number): void {
    this.norm[this.normLength++] = code;
  }

  close(end: number): void {
    const t = this.count;
    this.end[t] = end;
    this.normEnd[t] = this.normLength;
    this.count = t + 1;
  }
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const cls = CHAR_CLASS[c];
  return cls === LETTER || cls === DIGIT || c === 0x5f; // "_" in handles
}

function startsLink(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== 0x68 && c !== 0x48 && c !== 0x77 && c !== 0x57) return false; // h H w W
  return (
    text.startsWith('http://', i) ||
    text.startsWith('https://', i) ||
    text.startsWith('www.', i) ||
    text.startsWith('HTTP', i)
  );
}

/** Inner apostrophes and censoring stars belong to the word when a letter follows them. */
function isInnerJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2a;
}

export function tokenize(text: string, out: TokenBuffer): TokenBuffer {
  out.reset();
  const n = text.length;
  let i = 0;
  let sentenceStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = CHAR_CLASS[c];
    if (cls === SPACE) {
      if (c === 0x0a) sentenceStart = true;
      i++;
      continue;
    }
    if (c === 0x40 && i + 1 < n && isWordChar(text, i + 1)) {
      // @handle
      const s = i;
      i++;
      while (i < n && isWordChar(text, i)) i++;
      out.open(MENTION, s, sentenceStart, 0);
      out.close(i);
      sentenceStart = false;
      continue;
    }
    if (startsLink(text, i)) {
      const s = i;
      while (i < n && CHAR_CLASS[text.charCodeAt(i)] !== SPACE) i++;
      out.open(LINK, s, sentenceStart, 0);
      out.close(i);
      sentenceStart = false;
      continue;
    }
    if (cls === LETTER || (cls === DIGIT && i + 1 < n && CHAR_CLASS[text.charCodeAt(i + 1)] === LETTER)) {
      const s = i;
      // Scan the word's extent first: OLID writes links as the bare word "URL".
      let e = i;
      let letters = 0;
      let upper = 0;
      let digits = 0;
      while (e < n) {
        const d = text.charCodeAt(e);
        const dc = CHAR_CLASS[d];
        if (dc === LETTER) {
          letters++;
          if (isUpper(d)) upper++;
        } else if (dc === DIGIT) digits++;
        else if (isInnerJoiner(d) && e > s) {
          // A run of joiners stays in the word only when a letter follows it ("f**k", not "ok**").
          let f = e + 1;
          while (f < n && isInnerJoiner(text.charCodeAt(f))) f++;
          if (f >= n || CHAR_CLASS[text.charCodeAt(f)] !== LETTER) break;
          e = f;
          continue;
        } else break;
        e++;
      }
      if (e - s === 3 && text.startsWith('URL', s)) {
        out.open(LINK, s, sentenceStart, 0);
        out.close(e);
        sentenceStart = false;
        i = e;
        continue;
      }
      if (digits === 0 && letters >= 2) {
        out.plainWords++;
        if (upper === letters) out.capsWords++;
      }
      out.open(WORD, s, sentenceStart, Math.min(e - s, MAX_WORD));
      let prev = -1;
      let run = 0;
      let kept = 0;
      for (let k = s; k < e && kept < MAX_WORD; k++) {
        let code = text.charCodeAt(k);
        const kc = CHAR_CLASS[code];
        if (kc === DIGIT) code = 0x30;
        else if (code === 0x2019) code = 0x27;
        else code = LOWER[code] as number;
        run = code === prev ? run + 1 : 1;
        prev = code;
        if (run > 2) continue;
        out.pushChar(code);
        kept++;
      }
      out.close(e);
      sentenceStart = false;
      i = e;
      continue;
    }
    if (cls === DIGIT) {
      const s = i;
      while (
        i < n &&
        (CHAR_CLASS[text.charCodeAt(i)] === DIGIT ||
          ((text.charCodeAt(i) === 0x2e || text.charCodeAt(i) === 0x2c || text.charCodeAt(i) === 0x3a) &&
            i + 1 < n &&
            CHAR_CLASS[text.charCodeAt(i + 1)] === DIGIT))
      )
        i++;
      out.open(NUMBER, s, sentenceStart, 0);
      out.close(i);
      sentenceStart = false;
      continue;
    }
    if (c === 0x21 || c === 0x3f) {
      // A run of ! and ?: "!" and "!!" differ, longer runs are "!!".
      const s = i;
      while (i < n && (text.charCodeAt(i) === 0x21 || text.charCodeAt(i) === 0x3f)) i++;
      out.open(MARK, s, false, 2);
      out.pushChar(c);
      if (i - s > 1) out.pushChar(text.charCodeAt(s + 1));
      out.close(i);
      sentenceStart = true;
      continue;
    }
    if (c === 0x2e) sentenceStart = true;
    i++;
  }
  return out;
}
