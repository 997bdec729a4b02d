/**
 * Learned text classifiers (offensive for English and Danish; condescending, dismissive and
 * hostile for English): hashed word and char n-gram features, logistic regression, Platt-calibrated
 * probabilities and evidence spans. Features are extracted once per message and shared by every
 * model of the language. How the models were trained and how well they do: models/CLASSIFIERS.md.
 */
import { FeatureBuffer } from './features.js';
import { applyPlatt } from './calibration.js';
import type { ClassifierLanguage, ClassifierName } from './model-file.js';
import { languageModels } from './models.js';
import { topSpans, type ClassifierSpan } from './spans.js';

export type { ClassifierName, ClassifierLanguage } from './model-file.js';
export type { ClassifierSpan } from './spans.js';

export interface Classification {
  name: ClassifierName;
  /** Calibrated probability that the text is of this class (see the model card for the base rate). */
  probability: number;
  /** The words that pushed the decision up most, merged, strongest first, at most five. */
  spans: ClassifierSpan[];
}

const features = new FeatureBuffer();
let contrib = new Float64Array(256);
let margin = new Float64Array(4);

/** Every model available for `lang` applied to `text`. Empty array when the language has no model. */
export interface ClassifyOptions {
  /**
   * Work out the evidence spans (default true). The hot path asks first without them: most
   * replies pass no threshold, and attributing every feature to its words costs as much again
   * as the decision itself.
   */
  spans?: boolean;
}

export function classifyText(
  lang: ClassifierLanguage,
  text: string,
  options: ClassifyOptions = {},
): Classification[] {
  const lm = languageModels(lang);
  if (lm.names.length === 0) return [];
  const m = lm.vectors;
  const fb = features.extract(text);
  if (margin.length < m) margin = new Float64Array(m);
  for (let v = 0; v < m; v++) margin[v] = lm.bias[v] as number;
  const w = lm.weights;
  const withSpans = options.spans ?? true;
  const tokens = fb.tokens;
  if (withSpans) {
    const need = tokens.count * m;
    if (contrib.length < need) contrib = new Float64Array(need * 2);
    else contrib.fill(0, 0, need);
    for (let k = 0; k < fb.count; k++) {
      const base = (fb.index[k] as number) * m;
      const x = fb.value[k] as number;
      const a = fb.tokenA[k] as number;
      const b = fb.tokenB[k] as number;
      for (let v = 0; v < m; v++) {
        const c = (w[base + v] as number) * x;
        margin[v] = (margin[v] as number) + c;
        if (a < 0) continue;
        if (b < 0) contrib[a * m + v] = (contrib[a * m + v] as number) + c;
        else {
          contrib[a * m + v] = (contrib[a * m + v] as number) + c / 2;
          contrib[b * m + v] = (contrib[b * m + v] as number) + c / 2;
        }
      }
    }
  } else {
    for (let k = 0; k < fb.count; k++) {
      const base = (fb.index[k] as number) * m;
      const x = fb.value[k] as number;
      for (let v = 0; v < m; v++) margin[v] = (margin[v] as number) + (w[base + v] as number) * x;
    }
  }
  const out: Classification[] = [];
  const spans: ClassifierSpan[][] = [];
  for (let j = 0; j < lm.names.length; j++) {
    const v = lm.vectorOf[j] as number;
    // Models sharing a weight vector share its evidence; each gets its own copy of the spans.
    const s = withSpans ? (spans[v] ??= topSpans(tokens, contrib, m, v)) : [];
    out.push({
      name: lm.names[j] as ClassifierName,
      probability: applyPlatt({ a: lm.plattA[j] as number, b: lm.plattB[j] as number }, margin[v] as number),
      spans: s.map((x) => ({ ...x })),
    });
  }
  return out;
}

export function classifierNames(lang: ClassifierLanguage): readonly ClassifierName[] {
  return languageModels(lang).names;
}

/**
 * The probability thresholds that allowed 1%, 3% and 5% false alarms on the model's calibrate
 * split (models/CLASSIFIERS.md): starting points for policy thresholds. Empty for an unknown model.
 */
export function classifierOperatingPoints(
  lang: ClassifierLanguage,
  name: ClassifierName,
): readonly { maxFalseAlarmRate: number; threshold: number }[] {
  return languageModels(lang).files.find((f) => f.name === name)?.operatingPoints ?? [];
}

/** Models load with this module; this also runs the hot path once so the first message is not slow. */
export function warmUpClassifiers(): void {
  classifyText('en', 'Warm-up: you are welcome, thanks!');
  classifyText('da', 'Opvarmning: tak for hjælpen!');
}
