import type { PreparedMessage } from '../engine/prepared.js';
import type { DurationUnit, Lexicon } from '../lexicons/types.js';
import { TokenKind, type Token } from '../text/tokenize.js';

/**
 * Factual claims in an agent's message: a number with a unit ("14 days", "3-5 business days",
 * "199 kr.", "100%") or an opening-hours range ("fra kl. 8 til 20", "8am-5pm"). Found with a
 * token scan that only looks closer at number tokens, so a message without numbers costs nothing
 * beyond the scan (no NLP parse).
 */
export type ClaimKind = 'duration' | 'money' | 'percent' | 'time_range';

export interface Claim {
  kind: ClaimKind;
  /** Durations in hours, money in its currency, percent as written, time ranges in minutes after midnight. */
  min: number;
  max: number;
  currency: string | undefined;
  /** As the agent wrote it, e.g. "7-10 business days". */
  text: string;
  messageIndex: number;
  sentence: number;
  firstToken: number;
  endToken: number;
  start: number;
  end: number;
}

export const HOURS_PER: Readonly<Record<DurationUnit, number>> = {
  minute: 1 / 60,
  hour: 1,
  day: 24,
  week: 24 * 7,
  month: 24 * 30,
  year: 24 * 365,
};

const TIME_CUES = new Set([
  'kl',
  'klokken',
  'from',
  'fra',
  'between',
  'mellem',
  'until',
  'indtil',
  'till',
  'at',
]);
const AM_PM = new Set(['am', 'pm', 'a', 'p']);
const DASHES = new Set(['-', '–', '—']);

/**
 * The lexicon's unit tables as Maps, built once per lexicon: plain-object lookups of arbitrary
 * words would also find "constructor" and friends on the prototype.
 */
interface UnitTables {
  numberWords: ReadonlyMap<string, number>;
  durationUnits: ReadonlyMap<string, DurationUnit>;
  currencies: ReadonlyMap<string, string>;
  percentWords: ReadonlySet<string>;
  rangeWords: ReadonlySet<string>;
  unitQualifiers: ReadonlySet<string>;
}
const tables = new WeakMap<Lexicon, UnitTables>();
function unitTables(lex: Lexicon): UnitTables {
  let t = tables.get(lex);
  if (!t) {
    t = {
      numberWords: new Map(Object.entries(lex.numberWords)),
      durationUnits: new Map(Object.entries(lex.durationUnits)),
      currencies: new Map(Object.entries(lex.currencies)),
      percentWords: new Set(lex.percentWords),
      rangeWords: new Set(lex.rangeWords),
      unitQualifiers: new Set(lex.unitQualifiers),
    };
    tables.set(lex, t);
  }
  return t;
}

function numberValue(t: Token | undefined, lex: Lexicon): number | undefined {
  if (t === undefined) return undefined;
  if (t.kind === TokenKind.Number) {
    const v = Number(t.norm.replace(',', '.'));
    return Number.isFinite(v) ? v : undefined;
  }
  return unitTables(lex).numberWords.get(t.norm);
}

/** True when the text between two tokens is just a dash ("3-5", "3 - 5"). */
function dashBetween(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start).trim();
  return DASHES.has(gap);
}

interface Range {
  min: number;
  max: number;
  /** Index after the last number token. */
  next: number;
}

function rangeAt(m: PreparedMessage, i: number, lex: Lexicon): Range | undefined {
  const tokens = m.tokens;
  const a = numberValue(tokens[i], lex);
  if (a === undefined) return undefined;
  const t = tokens[i] as Token;
  const n1 = tokens[i + 1];
  if (n1 !== undefined && !n1.breakBefore) {
    const b = numberValue(n1, lex);
    if (b !== undefined && dashBetween(m.text, t, n1) && b > a) return { min: a, max: b, next: i + 2 };
    const n2 = tokens[i + 2];
    if (unitTables(lex).rangeWords.has(n1.norm) && n2 !== undefined && !n2.breakBefore) {
      const c = numberValue(n2, lex);
      if (c !== undefined && c > a) return { min: a, max: c, next: i + 3 };
    }
  }
  return { min: a, max: a, next: i + 1 };
}

/** Hour (and minutes) at token i: "8", "08:00", "17.30", "5pm". */
function clockAt(m: PreparedMessage, i: number): { minutes: number; next: number } | undefined {
  const t = m.tokens[i];
  if (t === undefined || t.kind !== TokenKind.Number) return undefined;
  let value = Number(t.norm.replace(',', '.'));
  let minutes = 0;
  let next = i + 1;
  if (!Number.isInteger(value)) {
    // "17.30" is one token
    const [h, mm] = t.norm.split(/[.,]/);
    value = Number(h);
    minutes = Number(mm);
    if ((mm ?? '').length !== 2 || minutes >= 60) return undefined;
  } else if (m.text.charCodeAt(t.end) === 58 /* : */) {
    const mt = m.tokens[i + 1];
    if (mt !== undefined && mt.start === t.end + 1 && mt.kind === TokenKind.Number && mt.norm.length === 2) {
      minutes = Number(mt.norm);
      next = i + 2;
    }
  }
  if (!Number.isInteger(value) || value > 24 || minutes >= 60) return undefined;
  const ap = m.tokens[next];
  if (ap !== undefined && !ap.breakBefore && AM_PM.has(ap.norm)) {
    if ((ap.norm === 'pm' || ap.norm === 'p') && value < 12) value += 12;
    if ((ap.norm === 'am' || ap.norm === 'a') && value === 12) value = 0;
    next++;
    if (m.tokens[next]?.norm === 'm') next++; // "p.m."
  }
  return { minutes: value * 60 + minutes, next };
}

function timeRangeAt(m: PreparedMessage, i: number, lex: Lexicon): Claim | undefined {
  const tokens = m.tokens;
  const t = tokens[i] as Token;
  const prev = tokens[i - 1];
  const cue = prev !== undefined && !t.breakBefore && TIME_CUES.has(prev.norm);
  const hhmm = m.text.charCodeAt(t.end) === 58;
  const from = clockAt(m, i);
  if (from === undefined) return undefined;
  const ampm =
    from.next > i + 1 &&
    tokens[from.next - 1] !== undefined &&
    AM_PM.has((tokens[from.next - 1] as Token).norm);
  if (!cue && !hhmm && !ampm) return undefined;
  let j = from.next;
  const link = tokens[j];
  if (link === undefined || link.breakBefore) return undefined;
  const prevTok = tokens[j - 1] as Token;
  if (
    unitTables(lex).rangeWords.has(link.norm) ||
    link.norm === 'til' ||
    link.norm === 'to' ||
    link.norm === 'until'
  )
    j++;
  else if (!dashBetween(m.text, prevTok, link)) return undefined;
  if (tokens[j]?.norm === 'kl' || tokens[j]?.norm === 'klokken') j++;
  const to = clockAt(m, j);
  if (to === undefined || to.minutes <= from.minutes) return undefined;
  const last = tokens[to.next - 1] as Token;
  return {
    kind: 'time_range',
    min: from.minutes,
    max: to.minutes,
    currency: undefined,
    text: m.text.slice(t.start, last.end),
    messageIndex: m.index,
    sentence: t.sentence,
    firstToken: i,
    endToken: to.next,
    start: t.start,
    end: last.end,
  };
}

export function extractClaims(m: PreparedMessage, lex: Lexicon): Claim[] {
  const claims: Claim[] = [];
  const units = unitTables(lex);
  const tokens = m.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== TokenKind.Number && !units.numberWords.has(t.norm)) continue;
    const timeRange = t.kind === TokenKind.Number ? timeRangeAt(m, i, lex) : undefined;
    if (timeRange) {
      claims.push(timeRange);
      i = timeRange.endToken - 1;
      continue;
    }
    const range = rangeAt(m, i, lex);
    if (!range) continue;
    let j = range.next;
    let skipped = 0;
    while (skipped < 2 && tokens[j] !== undefined && units.unitQualifiers.has((tokens[j] as Token).norm)) {
      j++;
      skipped++;
    }
    const unitTok = tokens[j];
    const prev = tokens[i - 1];
    let kind: ClaimKind | undefined;
    let { min, max } = range;
    let currency: string | undefined;
    let firstToken = i;
    let endToken = j + 1;
    if (unitTok !== undefined && !unitTok.breakBefore) {
      const duration = units.durationUnits.get(unitTok.norm);
      const unitCurrency = units.currencies.get(unitTok.norm);
      if (duration !== undefined) {
        const f = HOURS_PER[duration];
        min *= f;
        max *= f;
        kind = 'duration';
      } else if (unitCurrency !== undefined && unitTok.norm !== '$' && unitTok.norm !== '£') {
        kind = 'money';
        currency = unitCurrency;
      } else if (units.percentWords.has(unitTok.norm)) {
        kind = 'percent';
      }
    }
    if (kind === undefined && prev !== undefined && !t.breakBefore && t.kind === TokenKind.Number) {
      const prevCurrency = units.currencies.get(prev.norm);
      if (prevCurrency !== undefined) {
        kind = 'money';
        currency = prevCurrency;
        firstToken = i - 1;
        endToken = range.next;
      }
    }
    if (kind === undefined) continue;
    const first = tokens[firstToken] as Token;
    const last = tokens[endToken - 1] as Token;
    // Keep the "." of "kr." in the quote.
    const end = m.text.charCodeAt(last.end) === 46 && last.norm === 'kr' ? last.end + 1 : last.end;
    // One literal with every field, not spreads of partial claims: spreading allocated three
    // objects per claim and gave claims several hidden classes on this hot path.
    claims.push({
      kind,
      min,
      max,
      currency,
      text: m.text.slice(first.start, end),
      messageIndex: m.index,
      sentence: t.sentence,
      firstToken,
      endToken,
      start: first.start,
      end,
    });
    i = endToken - 1;
  }
  return claims;
}

export function formatClaimValue(c: Pick<Claim, 'kind' | 'min' | 'max' | 'currency'>): string {
  if (c.kind === 'time_range') return `${clock(c.min)}-${clock(c.max)}`;
  return c.min === c.max ? `${round(c.min)}` : `${round(c.min)}-${round(c.max)}`;
}

function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function round(v: number): string {
  return String(Math.round(v * 100) / 100);
}
