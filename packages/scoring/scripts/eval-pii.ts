/**
 * Measures PII redaction on the PII test set (seeded generated cases plus hand-written messages,
 * English and Danish, with negatives): recall per type, the false-positive rate on negatives, and
 * the time redaction takes per message on realistic help-desk messages.
 *
 *   pnpm eval:pii              figures, then up to 10 misses per type
 *   pnpm eval:pii --all        every miss and every false positive
 *
 * The last line printed is one JSON object with the result, for machines.
 */
import { parseArgs } from 'node:util';
import type { PiiType } from '@rapport/schemas';
import { PII_TYPES } from '@rapport/schemas';
import { detectPii } from '../src/pii/detect.js';
import { redactPii } from '../src/pii/redact.js';
import { evaluate, TESTSET_TYPES, type PiiCase } from '../src/pii/testset/cases.js';
import { generateCases } from '../src/pii/testset/generate.js';
import { handwrittenCases } from '../src/pii/testset/handwritten.js';
import { holdoutCases } from '../src/pii/testset/holdout.js';
import { corpus } from './synthetic-corpus.js';

const { values: args } = parseArgs({ options: { all: { type: 'boolean', default: false } } });
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

const limit = args.all ? Infinity : 10;

interface Summary {
  cases: number;
  negatives: number;
  recall: Record<string, number | null>;
  falsePositiveRate: number;
  falsePositives: number;
  straySpans: number;
}

function report(title: string, cases: readonly PiiCase[]): Summary {
  const count = (f: (c: PiiCase) => boolean) => cases.filter(f).length;
  console.log(
    `${title}: ${cases.length} cases (${count((c) => c.source === 'generated')} generated, ` +
      `${count((c) => c.source === 'handwritten')} hand-written; ${count((c) => c.lang === 'da')} Danish, ` +
      `${count((c) => c.lang === 'en')} English; ${count((c) => c.pii.length === 0)} negatives)`,
  );
  const result = evaluate(cases, detectPii);
  const recall: Record<string, number | null> = {};
  console.log('recall by type (a value counts only when one span of its type covers all of it):');
  for (const type of TESTSET_TYPES) {
    const s = result.byType[type];
    const r = s.expected === 0 ? null : s.found / s.expected;
    recall[type] = r === null ? null : round4(r);
    const other = s.hiddenAsOther > 0 ? `, ${s.hiddenAsOther} hidden under another type` : '';
    console.log(
      `  ${type.padEnd(13)} ${r === null ? '    n/a' : pct(r).padStart(7)}  ${s.found}/${s.expected}${other}`,
    );
  }
  const fpRate = result.negatives === 0 ? 0 : result.falsePositiveCases.length / result.negatives;
  console.log(
    `false positives: ${result.falsePositiveCases.length}/${result.negatives} negative cases (${pct(fpRate)}); ` +
      `${result.strayDetections.length} stray spans in positive cases`,
  );
  for (const type of TESTSET_TYPES) {
    const misses = result.byType[type].misses;
    if (misses.length === 0) continue;
    console.log(`  missed ${type} (${misses.length}):`);
    for (const m of misses.slice(0, limit))
      console.log(`    ${m.id}: ${JSON.stringify(m.value)} in ${JSON.stringify(m.text)}`);
  }
  if (result.falsePositiveCases.length > 0)
    console.log(`  false positives (${result.falsePositiveCases.length}):`);
  for (const f of result.falsePositiveCases.slice(0, limit))
    console.log(`    ${f.id}: ${JSON.stringify(f.text)} -> ${f.detected.join(', ')}`);
  if (result.strayDetections.length > 0) console.log(`  stray spans (${result.strayDetections.length}):`);
  for (const s of result.strayDetections.slice(0, limit)) console.log(`    ${s.id}: ${s.detected}`);
  console.log('');
  return {
    cases: cases.length,
    negatives: result.negatives,
    recall,
    falsePositiveRate: round4(fpRate),
    falsePositives: result.falsePositiveCases.length,
    straySpans: result.strayDetections.length,
  };
}

// Speed on what the scorer really sees, every message of a seeded synthetic corpus, timed before
// the evaluation runs: the figure should not depend on what the detector ran before.
const texts: string[] = [];
for (const event of corpus(7, 2000)) {
  if (event.channel === 'call') for (const s of event.segments) texts.push(s.text);
  else for (const m of event.messages) texts.push('text' in m ? m.text : (m.bodyText ?? m.bodyHtml ?? ''));
}
const options = { types: new Set<PiiType>(PII_TYPES), allow: new Set<string>() };
function microsPerMessage(inputs: readonly string[]): number {
  for (let k = 0; k < 10; k++) for (const t of inputs) redactPii(t, options);
  const runs: number[] = [];
  for (let k = 0; k < 11; k++) {
    // CPU time, not wall time: the figure should not depend on what else the machine runs.
    const t0 = process.cpuUsage();
    for (const t of inputs) redactPii(t, options);
    const used = process.cpuUsage(t0);
    runs.push((used.user + used.system) / inputs.length);
  }
  runs.sort((a, b) => a - b);
  return runs[5] as number;
}
const corpusMicros = microsPerMessage(texts);
const cases: PiiCase[] = [...generateCases(), ...handwrittenCases()];
const testsetMicros = microsPerMessage(cases.map((c) => c.text));
const main = report('PII test set', cases);
const holdout = report('held-out hand-written set (never tuned on)', holdoutCases());

const meanChars = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length);
console.log(
  `speed (CPU time, median of 11 runs): ${corpusMicros.toFixed(2)} µs per message on ${texts.length} corpus messages ` +
    `(mean ${meanChars} chars); ${testsetMicros.toFixed(2)} µs per test-set case`,
);

console.log(
  JSON.stringify({
    ...main,
    holdout,
    microsPerMessage: Math.round(corpusMicros * 100) / 100,
    microsPerTestCase: Math.round(testsetMicros * 100) / 100,
  }),
);
