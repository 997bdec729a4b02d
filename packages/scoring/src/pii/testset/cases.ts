/**
 * The PII test set's shape and its scoring. A case is a text and the PII values it contains; a
 * value counts as found only when one detected span of the expected type covers all of it (a
 * partly redacted card number still leaks digits).
 */

/** The kinds of PII the test set measures; `bank_account` is a Danish reg. nr. with its account. */
export const TESTSET_TYPES = ['card', 'cpr', 'iban', 'email', 'phone', 'bank_account', 'ssn'] as const;
export type TestsetType = (typeof TESTSET_TYPES)[number];

export interface ExpectedPii {
  type: TestsetType;
  /** The exact characters in the text that must be hidden. */
  value: string;
}

export interface PiiCase {
  id: string;
  lang: 'en' | 'da';
  source: 'generated' | 'handwritten';
  /** What the case exercises, e.g. "card/dot4/line-end" or "negative/date". */
  format: string;
  text: string;
  /** Empty for negative cases: nothing in the text may be redacted. */
  pii: ExpectedPii[];
}

export interface DetectedSpan {
  type: string;
  start: number;
  end: number;
}

export interface TypeScore {
  expected: number;
  found: number;
  /** Covered by a span of another type: hidden, but counted as a miss for this type. */
  hiddenAsOther: number;
  misses: { id: string; value: string; text: string }[];
}

export interface Evaluation {
  byType: Record<TestsetType, TypeScore>;
  negatives: number;
  /** Negative cases where anything was detected. */
  falsePositiveCases: { id: string; text: string; detected: string[] }[];
  /** Spans in positive cases that cover none of the expected values. */
  strayDetections: { id: string; detected: string }[];
}

interface Located extends ExpectedPii {
  start: number;
  end: number;
}

/** Finds each expected value in order of appearance; a value missing from the text is a test-set bug. */
export function locate(c: PiiCase): Located[] {
  const out: Located[] = [];
  let from = 0;
  for (const p of c.pii) {
    const at = c.text.indexOf(p.value, from);
    if (at < 0) throw new Error(`test case ${c.id}: "${p.value}" is not in its text (or not in order)`);
    out.push({ ...p, start: at, end: at + p.value.length });
    from = at + p.value.length;
  }
  return out;
}

const emptyScore = (): TypeScore => ({ expected: 0, found: 0, hiddenAsOther: 0, misses: [] });

export function evaluate(cases: readonly PiiCase[], detect: (text: string) => DetectedSpan[]): Evaluation {
  const byType = Object.fromEntries(TESTSET_TYPES.map((t) => [t, emptyScore()])) as Record<
    TestsetType,
    TypeScore
  >;
  const falsePositiveCases: Evaluation['falsePositiveCases'] = [];
  const strayDetections: Evaluation['strayDetections'] = [];
  let negatives = 0;
  for (const c of cases) {
    const spans = detect(c.text);
    const show = (s: DetectedSpan) => `${s.type}:${c.text.slice(s.start, s.end)}`;
    if (c.pii.length === 0) {
      negatives++;
      if (spans.length > 0) falsePositiveCases.push({ id: c.id, text: c.text, detected: spans.map(show) });
      continue;
    }
    const located = locate(c);
    for (const p of located) {
      const score = byType[p.type];
      score.expected++;
      const covering = spans.filter((s) => s.start <= p.start && s.end >= p.end);
      if (covering.some((s) => s.type === p.type)) score.found++;
      else {
        if (covering.length > 0) score.hiddenAsOther++;
        score.misses.push({ id: c.id, value: p.value, text: c.text });
      }
    }
    for (const s of spans) {
      if (!located.some((p) => s.start < p.end && s.end > p.start))
        strayDetections.push({ id: c.id, detected: show(s) });
    }
  }
  return { byType, negatives, falsePositiveCases, strayDetections };
}
