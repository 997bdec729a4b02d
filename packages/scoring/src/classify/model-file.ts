/**
 * The on-disk form of a classifier: JSON with its provenance, calibration and hashed weights.
 * Weights are quantised to int16 (the error, under 1/65535 of the largest weight, is far below
 * what changes a decision), deflated and base64-encoded: about a fifth of the Float32 bytes, and
 * still one readable JSON file per model.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { ScoringError } from '../errors.js';
import { DIM, FEATURE_VERSION } from './features.js';

export const MODEL_FORMAT = 'rapport-text-classifier/1';
export const CLASSIFIER_NAMES = ['offensive', 'condescending', 'dismissive', 'hostile'] as const;
export type ClassifierName = (typeof CLASSIFIER_NAMES)[number];
export type ClassifierLanguage = 'en' | 'da';

const OperatingPoint = z.object({
  maxFalseAlarmRate: z.number(),
  /** Calibrated probability at or above which the model flags, chosen on the calibrate split. */
  threshold: z.number(),
});

export const ModelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  name: z.enum(CLASSIFIER_NAMES),
  language: z.enum(['en', 'da']),
  features: z.literal(FEATURE_VERSION),
  dimension: z.literal(DIM),
  bias: z.number(),
  calibration: z.object({ method: z.literal('platt'), a: z.number().positive(), b: z.number() }),
  operatingPoints: z.array(OperatingPoint),
  training: z.record(z.string(), z.unknown()),
  weights: z.object({
    encoding: z.literal('int16-deflate-base64'),
    scale: z.number().positive(),
    data: z.string(),
  }),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

export function encodeWeights(weights: ArrayLike<number>): ModelFile['weights'] {
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i] as number));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round((weights[i] as number) / scale);
  const bytes = Buffer.from(q.buffer, q.byteOffset, q.byteLength);
  return {
    encoding: 'int16-deflate-base64',
    scale,
    data: deflateRawSync(bytes, { level: 9 }).toString('base64'),
  };
}

function invalid(source: string, what: string): ScoringError {
  return new ScoringError(
    'CLASSIFIER_MODEL_INVALID',
    `${source}: ${what}. Regenerate the classifier models with: pnpm train:classifiers`,
  );
}

export function decodeWeights(w: ModelFile['weights'], source: string): Float32Array {
  let bytes: Buffer;
  try {
    bytes = inflateRawSync(Buffer.from(w.data, 'base64'));
  } catch (err) {
    throw invalid(source, `weights do not inflate (${(err as Error).message})`);
  }
  if (bytes.byteLength !== DIM * 2) {
    throw invalid(source, `weights hold ${bytes.byteLength / 2} values, expected ${DIM}`);
  }
  // Int16Array needs an even byte offset; a pooled Buffer may not have one.
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : Buffer.from(bytes);
  const q = new Int16Array(aligned.buffer, aligned.byteOffset, DIM);
  const out = new Float32Array(DIM);
  for (let i = 0; i < DIM; i++) out[i] = (q[i] as number) * w.scale;
  return out;
}

/** Parses and checks a model file's text; every problem names the file and the command that fixes it. */
export function parseModelFile(text: string, source: string): ModelFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw invalid(source, `not JSON (${(err as Error).message})`);
  }
  const parsed = ModelFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw invalid(source, `not a ${MODEL_FORMAT} model with features ${FEATURE_VERSION} (${issues})`);
  }
  return parsed.data;
}
