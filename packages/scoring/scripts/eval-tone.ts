/**
 * Tone evaluation through the real engine: every text is the agent's reply to a neutral customer
 * line, scored by scoreInteraction with the default policy, so what is measured is what ships
 * (context handling, learned detectors, thresholds), not a model in isolation.
 *
 *   pnpm eval:tone --file F --text COL --label COL [--positive V] [--language en|da] [--detector D]
 *   pnpm eval:tone --preset davidson|olid|dkhate|ucc-condescending|ucc-dismissive|ucc-hostile
 *   pnpm eval:tone --preset polite-agents      ABCD chats and a courteous synthetic mix
 *   pnpm eval:tone --preset P --split calibrate  the rows thresholds are chosen on (default: test)
 *
 * Detectors: offensive (tone.rudeness or tone.profanity), hostile (tone.rudeness), condescending
 * (tone.condescension), dismissive (tone.dismissive). Prints recall at the policy threshold, the
 * false-alarm rate, precision, ROC AUC and recall at 1%, 3% and 5% false alarms; the last line is
 * one JSON object. Dataset presets evaluate on the held-out test split only.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { InteractionEvent, ScoredInteraction } from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import { thresholdAtFpr } from '../src/classify/metrics.js';
import {
  detectionReport,
  FALSE_ALARM_BUDGETS,
  type DetectionReport,
  type ScoredExample,
} from '../src/tone/detection-metrics.js';
import { readAbcd, summariseRouting, type RoutingSummary } from './tone-eval/conversations.js';
import { courteousMix } from './tone-eval/courteous-mix.js';
import { columnIndex, readTable, ToneEvalError } from './tone-eval/table.js';
import { DATASET_PRESETS, presetExamples } from './tone-eval/presets.js';

const SHARED = new URL('../../../../shared/data/', import.meta.url);
const ABCD_FILES = [
  'dialogues/abcd-sample/abcd_sample.json',
  'dialogues/abcd-sample/abcd_sample_50_first50train.json',
];
const FIXED_NOW = () => new Date('2025-06-02T12:00:00Z');

type Lang = 'en' | 'da';

/** Which flags count as the detector firing, and which model's probability ranks the examples. */
export const DETECTORS = {
  offensive: { flags: ['tone.rudeness', 'tone.profanity'], models: ['offensive', 'hostile'] },
  // Both models raise tone.rudeness, so either one's probability ranks a text for it.
  hostile: { flags: ['tone.rudeness'], models: ['hostile', 'offensive'] },
  condescending: { flags: ['tone.condescension'], models: ['condescending'] },
  dismissive: { flags: ['tone.dismissive'], models: ['dismissive'] },
} as const;
export type DetectorName = keyof typeof DETECTORS;

export interface Example {
  text: string;
  positive: boolean;
  lang: Lang;
}

const CUSTOMER_LINE: Record<Lang, string> = {
  en: 'Hi, I have a question about my account.',
  da: 'Hej, jeg har et spørgsmål om min konto.',
};

function asAgentReply(text: string, lang: Lang, i: number): InteractionEvent {
  const t = Date.parse('2025-06-02T08:00:00Z') + i * 60_000;
  return {
    schemaVersion: 1,
    interactionId: `eval-${i}`,
    revision: 1,
    tenantId: 'eval',
    occurredAt: new Date(t).toISOString(),
    language: lang,
    agent: { id: 'eval-agent', teamId: 'eval' },
    customer: { id: 'eval-customer' },
    source: { system: 'eval-tone' },
    channel: 'chat',
    messages: [
      { role: 'customer', sentAt: new Date(t).toISOString(), text: CUSTOMER_LINE[lang] },
      { role: 'agent', sentAt: new Date(t + 30_000).toISOString(), text },
    ],
  };
}

/** The detector's probability as the engine reports it (signal tone.model.<name>), 0 when absent. */
function modelProbability(s: ScoredInteraction, models: readonly string[]): number {
  let p = 0;
  for (const sig of s.scores.tone.signals)
    for (const m of models) if (sig.name === `tone.model.${m}`) p = Math.max(p, sig.value);
  return p;
}

export interface EngineScore extends ScoredExample {
  /** The detector's model probability alone (0 when the language has no model). */
  probability: number;
}

export function scoreExamples(examples: readonly Example[], detector: DetectorName): EngineScore[] {
  const d = DETECTORS[detector];
  return examples.map((e, i) => {
    const s = scoreInteraction(asAgentReply(e.text, e.lang, i), { policy: DEFAULT_POLICY, now: FIXED_NOW });
    const fired = s.flags.some((f) => (d.flags as readonly string[]).includes(f.code));
    const probability = modelProbability(s, d.models);
    // A raised flag outranks any probability, so the ranking agrees with the operating point.
    return { score: probability + (fired ? 1 : 0), probability, positive: e.positive, fired };
  });
}

/** Model probabilities at which 1%, 3% and 5% of the negatives would fire: where flagAt may go. */
function printThresholds(scored: readonly EngineScore[]): Record<string, number> {
  const p = scored.map((e) => e.probability);
  const y = scored.map((e) => (e.positive ? 1 : 0));
  const out: Record<string, number> = {};
  for (const b of FALSE_ALARM_BUDGETS) out[`${b * 100}%`] = r4(thresholdAtFpr(p, y, b)) ?? 0;
  console.log(
    `  model probability for 1% / 3% / 5% false alarms: ${Object.values(out)
      .map((v) => v.toFixed(3))
      .join(' / ')}`,
  );
  return out;
}

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
const r4 = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 1e4) / 1e4);

function printReport(name: string, detector: DetectorName, r: DetectionReport): object {
  console.log(
    `${name}: detector ${detector}, ${r.n} texts (${r.positives} positive, ${r.negatives} negative)`,
  );
  console.log(
    `  at the policy threshold: recall ${pct(r.recall)}, false alarms ${pct(r.falseAlarmRate)}, precision ${pct(r.precision)}`,
  );
  console.log(`  ROC AUC ${r.rocAuc === null ? '-' : r.rocAuc.toFixed(3)}`);
  console.log(
    `  recall at 1% / 3% / 5% false alarms: ${Object.values(r.recallAtFalseAlarm).map(pct).join(' / ')}`,
  );
  return {
    name,
    detector,
    n: r.n,
    positives: r.positives,
    recall: r4(r.recall),
    falseAlarmRate: r4(r.falseAlarmRate),
    precision: r4(r.precision),
    rocAuc: r4(r.rocAuc),
    recallAtFalseAlarm: Object.fromEntries(Object.entries(r.recallAtFalseAlarm).map(([k, v]) => [k, r4(v)])),
  };
}

function printRouting(name: string, r: RoutingSummary): object {
  console.log(
    `${name}: ${r.conversations} conversations; routed to review for tone or politeness: ${r.routedForTonePoliteness} (${pct(r.share)}); with a medium or high tone flag: ${r.mediumOrHighTone}`,
  );
  for (const f of r.flags.slice(0, 25))
    console.log(
      `  ${f.id} ${f.code} (${f.severity}): ${f.evidence.map((e) => JSON.stringify(e)).join(', ')}`,
    );
  if (r.flags.length > 25) console.log(`  ... and ${r.flags.length - 25} more flags`);
  return {
    name,
    conversations: r.conversations,
    routed: r.routedForTonePoliteness,
    share: r4(r.share),
    mediumOrHighTone: r.mediumOrHighTone,
    agentFlags: r.flags.length,
  };
}

function politeAgents(): object[] {
  const score = (events: InteractionEvent[]) =>
    events.map((e) => scoreInteraction(e, { policy: DEFAULT_POLICY, now: FIXED_NOW }));
  const abcd = ABCD_FILES.flatMap((f) => {
    const path = fileURLToPath(new URL(f, SHARED));
    try {
      return readAbcd(path);
    } catch {
      throw new ToneEvalError(
        'TONE_EVAL_DATASET_UNAVAILABLE',
        `cannot read ${path}: the ABCD sample belongs in shared/data/dialogues/abcd-sample beside the repository`,
      );
    }
  });
  // The two files overlap (the 3-chat sample is part of the first 50); score each chat once.
  const seen = new Set<string>();
  const unique = abcd.filter((e) => !seen.has(e.interactionId) && seen.add(e.interactionId));
  return [
    printRouting('abcd (polite agents)', summariseRouting(score(unique), DEFAULT_POLICY.reviewThreshold)),
    printRouting(
      'courteous synthetic mix (seed 7)',
      summariseRouting(score(courteousMix(7, 400)), DEFAULT_POLICY.reviewThreshold),
    ),
  ];
}

function fileExamples(v: Record<string, string | undefined>): Example[] {
  if (v.file === undefined || v.text === undefined || v.label === undefined)
    throw new ToneEvalError('TONE_EVAL_USAGE', '--file needs --text COLUMN and --label COLUMN');
  const table = readTable(v.file);
  const ti = columnIndex(table, v.text, '--text');
  const li = columnIndex(table, v.label, '--label');
  const lang: Lang = v.language === 'da' ? 'da' : 'en';
  const positive = v.positive ?? '1';
  const out: Example[] = [];
  for (const row of table.rows) {
    const text = (row[ti] ?? '').trim();
    if (text === '') continue;
    out.push({ text, positive: (row[li] ?? '').trim() === positive, lang });
  }
  return out;
}

function main(): void {
  const { values: v } = parseArgs({
    options: {
      file: { type: 'string' },
      text: { type: 'string' },
      label: { type: 'string' },
      positive: { type: 'string' },
      language: { type: 'string' },
      detector: { type: 'string' },
      preset: { type: 'string' },
      split: { type: 'string' },
    },
  });
  if (v.language !== undefined && v.language !== 'en' && v.language !== 'da')
    throw new ToneEvalError('TONE_EVAL_USAGE', `--language must be en or da, not "${v.language}"`);
  if (v.detector !== undefined && !(v.detector in DETECTORS))
    throw new ToneEvalError(
      'TONE_EVAL_USAGE',
      `--detector must be one of ${Object.keys(DETECTORS).join(', ')}, not "${v.detector}"`,
    );
  const results: object[] = [];
  if (v.preset === 'polite-agents') results.push(...politeAgents());
  else if (v.preset !== undefined) {
    const preset = DATASET_PRESETS[v.preset];
    if (preset === undefined)
      throw new ToneEvalError(
        'TONE_EVAL_USAGE',
        `unknown --preset "${v.preset}"; choose one of polite-agents, ${Object.keys(DATASET_PRESETS).join(', ')}`,
      );
    // The calibrate split is where the policy's thresholds are chosen; the test split is the measure.
    const split = v.split === 'calibrate' ? 'calibrate' : 'test';
    const examples = presetExamples(v.preset, split);
    const detector = (v.detector as DetectorName | undefined) ?? preset.detector;
    const scored = scoreExamples(examples, detector);
    const report = printReport(`${v.preset} (${split} split)`, detector, detectionReport(scored));
    results.push(split === 'calibrate' ? { ...report, thresholds: printThresholds(scored) } : report);
  } else if (v.file !== undefined) {
    const examples = fileExamples(v);
    if (!examples.some((e) => e.positive) || examples.every((e) => e.positive))
      throw new ToneEvalError(
        'TONE_EVAL_NO_EXAMPLES',
        `${v.file}: the labels need both classes; no row of "${v.label}" equals --positive "${v.positive ?? '1'}", or every row does`,
      );
    const detector = (v.detector as DetectorName | undefined) ?? 'offensive';
    results.push(printReport(v.file, detector, detectionReport(scoreExamples(examples, detector))));
  } else
    throw new ToneEvalError(
      'TONE_EVAL_USAGE',
      'pass --preset NAME or --file F --text COL --label COL (see the comment at the top of eval-tone.ts)',
    );
  console.log(JSON.stringify({ metric: 'tone', results }));
}

try {
  main();
} catch (err) {
  if (err instanceof ToneEvalError) {
    console.error(`eval:tone [${err.code}]: ${err.message}`);
    process.exitCode = 2;
  } else throw err;
}
