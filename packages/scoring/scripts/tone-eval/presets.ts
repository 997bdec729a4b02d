/**
 * The shared labelled datasets as eval:tone presets. Rows come from the classifiers' loaders and
 * their one deterministic split, so a preset reads exactly the rows no model was trained or
 * calibrated on (`test`), or, for choosing the policy's thresholds, the `calibrate` rows.
 */
import { DatasetError, loadDataset, splitOf, type DatasetName, type Split } from '../datasets/index.js';
import type { DetectorName, Example } from '../eval-tone.js';
import { ToneEvalError } from './table.js';

export interface DatasetPreset {
  dataset: DatasetName;
  detector: DetectorName;
}

export const DATASET_PRESETS: Readonly<Record<string, DatasetPreset | undefined>> = {
  davidson: { dataset: 'davidson', detector: 'offensive' },
  olid: { dataset: 'olid', detector: 'offensive' },
  'olid-insult': { dataset: 'olid-insult', detector: 'offensive' },
  dkhate: { dataset: 'dkhate', detector: 'offensive' },
  'ucc-condescending': { dataset: 'ucc-condescending', detector: 'condescending' },
  'ucc-dismissive': { dataset: 'ucc-dismissive', detector: 'dismissive' },
  'ucc-hostile': { dataset: 'ucc-hostile', detector: 'hostile' },
};

export function presetExamples(name: string, split: Split = 'test'): Example[] {
  const preset = DATASET_PRESETS[name];
  if (preset === undefined)
    throw new ToneEvalError(
      'TONE_EVAL_USAGE',
      `unknown preset "${name}"; choose one of ${Object.keys(DATASET_PRESETS).join(', ')}`,
    );
  try {
    return loadDataset(preset.dataset)
      .filter((r) => splitOf(r.id) === split)
      .map((r) => ({ text: r.text, positive: r.label === 1, lang: r.lang }));
  } catch (err) {
    if (err instanceof DatasetError) throw new ToneEvalError('TONE_EVAL_DATASET_UNAVAILABLE', err.message);
    throw err;
  }
}
