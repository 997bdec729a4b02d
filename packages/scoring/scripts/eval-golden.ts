/**
 * Golden evaluation: scores every conversation of the golden corpus (test/fixtures/golden) with
 * the default policy and the example knowledge base, and compares the engine's flag codes with the
 * corpus' expectations. Prints TP/FP/FN, precision and recall per flag code, micro precision and
 * recall, the mismatching conversations, and as its last line one JSON object for dashboards.
 *
 *   pnpm eval:golden
 *
 * An evaluation, not a gate: it exits 0 whatever the scores (and 1 only when the corpus itself
 * cannot be read).
 */
import { DEFAULT_POLICY, EXAMPLE_KNOWLEDGE_BASE, scoreInteraction } from '@rapport/scoring';
import {
  codeSet,
  GOLDEN_FLAG_CODES,
  GoldenFixtureError,
  goldenClock,
  loadGoldenFixtures,
  type GoldenFixture,
} from '../../../test/golden/load-fixtures.js';

interface CodeStats {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}

interface Outcome {
  fixture: GoldenFixture;
  actual: string[];
  flagged: boolean | null;
  error?: string;
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);
const fmt = (v: number | null): string => (v === null ? '    -' : v.toFixed(3));
const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 10_000) / 10_000);

function main(): void {
  let fixtures: GoldenFixture[];
  try {
    fixtures = loadGoldenFixtures();
  } catch (err) {
    if (err instanceof GoldenFixtureError) {
      console.error(`golden corpus: a fixture does not parse\n  ${err.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }

  const outcomes: Outcome[] = fixtures.map((fixture) => {
    try {
      const scored = scoreInteraction(fixture.event, {
        policy: DEFAULT_POLICY,
        knowledgeBase: EXAMPLE_KNOWLEDGE_BASE,
        now: goldenClock,
      });
      return { fixture, actual: codeSet(scored.flags), flagged: scored.flagged };
    } catch (err) {
      return { fixture, actual: [], flagged: null, error: err instanceof Error ? err.message : String(err) };
    }
  });

  const codes = new Set<string>(GOLDEN_FLAG_CODES);
  for (const o of outcomes) for (const c of o.actual) codes.add(c);
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  for (const c of codes) counts.set(c, { tp: 0, fp: 0, fn: 0 });
  for (const o of outcomes) {
    const expected = new Set(o.fixture.expected.flags);
    const actual = new Set(o.actual);
    for (const c of codes) {
      const s = counts.get(c);
      if (s === undefined) continue;
      if (expected.has(c) && actual.has(c)) s.tp++;
      else if (actual.has(c)) s.fp++;
      else if (expected.has(c)) s.fn++;
    }
  }

  const perCode: Record<string, CodeStats> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of [...codes].sort()) {
    const s = counts.get(c) ?? { tp: 0, fp: 0, fn: 0 };
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
    perCode[c] = {
      ...s,
      precision: round(ratio(s.tp, s.tp + s.fp)),
      recall: round(ratio(s.tp, s.tp + s.fn)),
    };
  }
  const microPrecision = round(ratio(tp, tp + fp));
  const microRecall = round(ratio(tp, tp + fn));

  const mismatches = outcomes.filter(
    (o) =>
      o.error !== undefined ||
      o.flagged !== o.fixture.expected.flagged ||
      o.actual.join(' ') !== o.fixture.expected.flags.join(' '),
  );
  const flaggedAgree = outcomes.filter((o) => o.flagged === o.fixture.expected.flagged).length;

  const width = Math.max(...[...codes].map((c) => c.length), 'flag code'.length);
  console.log(
    `Golden corpus: ${fixtures.length} conversations, policy ${DEFAULT_POLICY.id} v${DEFAULT_POLICY.version}`,
  );
  console.log('');
  console.log(`${'flag code'.padEnd(width)}    TP    FP    FN  precision  recall`);
  for (const [c, s] of Object.entries(perCode)) {
    console.log(
      `${c.padEnd(width)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)}      ${fmt(s.precision)}   ${fmt(s.recall)}`,
    );
  }
  console.log(
    `${'micro'.padEnd(width)} ${String(tp).padStart(5)} ${String(fp).padStart(5)} ${String(fn).padStart(5)}      ${fmt(microPrecision)}   ${fmt(microRecall)}`,
  );
  console.log('');
  console.log(`"flagged" agrees with the expectation on ${flaggedAgree}/${fixtures.length} conversations.`);
  console.log('');
  console.log(`Mismatching conversations: ${mismatches.length}`);
  for (const o of mismatches) {
    const expected = o.fixture.expected;
    console.log(`  ${o.fixture.path}`);
    if (o.error !== undefined) {
      console.log(`    scoring threw: ${o.error}`);
      continue;
    }
    const missing = expected.flags.filter((c) => !o.actual.includes(c));
    const extra = o.actual.filter((c) => !expected.flags.includes(c));
    console.log(`    expected: [${expected.flags.join(', ')}] flagged=${String(expected.flagged)}`);
    console.log(`    actual:   [${o.actual.join(', ')}] flagged=${String(o.flagged)}`);
    if (missing.length > 0) console.log(`    missing:  ${missing.join(', ')}`);
    if (extra.length > 0) console.log(`    extra:    ${extra.join(', ')}`);
  }
  console.log('');
  console.log(
    JSON.stringify({
      metric: 'golden',
      conversations: fixtures.length,
      microPrecision,
      microRecall,
      perCode,
      mismatches: mismatches.length,
    }),
  );
}

main();
