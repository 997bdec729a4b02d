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
const margin = new Float64Array(8);

/** Every model available for `lang` applied to `text`. Empty array when the language has no model. */
export function classifyText(lang: ClassifierLanguage, text: string): Classification[] {
  const lm = languageModels(lang);
  const m = lm.names.length;
  if (m === 0) return [];
  const fb = features.extract(text);
  const tokens = fb.tokens;
  const need = tokens.count * m;
  if (contrib.length < need) contrib = new Float64Array(need * 2);
  else contrib.fill(0, 0, need);
  for (let j = 0; j < m; j++) margin[j] = lm.bias[j] as number;
  const w = lm.weights;
  for (let k = 0; k < fb.count; k++) {
    const base = (fb.index[k] as number) * m;
    const v = fb.value[k] as number;
    const a = fb.tokenA[k] as number;
    const b = fb.tokenB[k] as number;
    for (let j = 0; j < m; j++) {
      const c = (w[base + j] as number) * v;
      margin[j] = (margin[j] as number) + c;
      if (a < 0) continue;
      if (b < 0) contrib[a * m + j] = (contrib[a * m + j] as number) + c;
      else {
        contrib[a * m + j] = (contrib[a * m + j] as number) + c / 2;
        contrib[b * m + j] = (contrib[b * m + j] as number) + c / 2;
      }
    }
  }
  const out: Classification[] = [];
  for (let j = 0; j < m; j++) {
    out.push({
      name: lm.names[j] as ClassifierName,
      probability: applyPlatt({ a: lm.plattA[j] as number, b: lm.plattB[j] as number }, margin[j] as number),
      spans: topSpans(tokens, contrib, m, j),
    });
  }
  return out;
}

export function classifierNames(lang: ClassifierLanguage): readonly ClassifierName[] {
  return languageModels(lang).names;
}

/** Models load with this module; this also runs the hot path once so the first message is not slow. */
export function warmUpClassifiers(): void {
  classifyText('en', 'Warm-up: you are welcome, thanks!');
  classifyText('da', 'Opvarmning: tak for hjælpen!');
}
