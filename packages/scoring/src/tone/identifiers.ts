import { TokenKind, type Token } from '../text/tokenize.js';

/**
 * Codes people copy, not words they shout: flight numbers ("SK1234"), booking and order codes
 * ("AB12CD", "PNR X7Y2Z"), airport pairs ("CPH-LHR"), error names ("ERR_CONNECTION_RESET").
 * A capitalised code is never a raised voice, so shouting counts only real words.
 */

/** Characters that glue the parts of one code together when no space surrounds them. */
function isCodeJoiner(c: number): boolean {
  // - / _ . : # +
  return c === 45 || c === 47 || c === 95 || c === 46 || c === 58 || c === 35 || c === 43;
}

function hasDigit(text: string, t: Token): boolean {
  for (let i = t.start; i < t.end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function isCapsToken(text: string, t: Token): boolean {
  const raw = text.slice(t.start, t.end);
  return raw !== t.norm && raw === raw.toUpperCase();
}

/** Short capitalised tokens are code parts when they sit beside one ("PNR X7Y2Z", "CPH-LHR"). */
const SHORT_CODE_LETTERS = 4;

/** True when tokens a and b are written as one unit joined by a code character ("CPH-LHR"). */
function gluedTogether(text: string, a: Token, b: Token): boolean {
  const gap = b.start - a.end;
  return gap === 1 && isCodeJoiner(text.charCodeAt(a.end));
}

/**
 * Marks the tokens that are identifiers: any token with a digit; capitalised tokens glued to
 * another capitalised or digit token by - / _ . : # +; and short capitalised tokens right next to
 * a digit code ("PNR X7Y2Z", "order AB 1234").
 */
export function identifierTokens(text: string, tokens: readonly Token[]): Uint8Array {
  const n = tokens.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    if (t.kind === TokenKind.Number || (t.kind === TokenKind.Word && hasDigit(text, t))) out[i] = 1;
  }
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== TokenKind.Word || out[i] === 2) continue;
    const prev = i > 0 ? (tokens[i - 1] as Token) : undefined;
    const next = i + 1 < n ? (tokens[i + 1] as Token) : undefined;
    const caps = isCapsToken(text, t);
    if (!caps && out[i] === 0) continue;
    // Parts glued into one code: "CPH-LHR", "ERR_CONNECTION_RESET", "AB-12".
    for (const [a, b, j] of [
      [prev, t, i - 1],
      [t, next, i + 1],
    ] as const) {
      if (a === undefined || b === undefined) continue;
      const other = tokens[j] as Token;
      if (!gluedTogether(text, a, b)) continue;
      if (out[j] !== 0 || isCapsToken(text, other)) {
        if (out[i] === 0) out[i] = 2;
        if (out[j] === 0) out[j] = 2;
      }
    }
    // A short label or prefix beside a digit code: "PNR X7Y2Z", "SK 1234".
    if (out[i] === 0 && caps && t.end - t.start <= SHORT_CODE_LETTERS) {
      const nearDigitCode = (o: Token | undefined) =>
        o !== undefined && !o.breakBefore && hasDigit(text, o) && Math.abs(o.start - t.end) <= 1;
      const prevCode =
        prev !== undefined && !t.breakBefore && hasDigit(text, prev) && t.start - prev.end <= 1;
      if (nearDigitCode(next) || prevCode) out[i] = 2;
    }
  }
  return out;
}
