import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isScoringError } from '../errors.js';
import { DIM, FEATURE_VERSION } from './features.js';
import { decodeWeights, encodeWeights, MODEL_FORMAT, parseModelFile, type ModelFile } from './model-file.js';
import { readModelFile } from './models.js';

function model(overrides: Partial<ModelFile> = {}): ModelFile {
  const w = new Float32Array(DIM);
  w[7] = 1.5;
  w[DIM - 1] = -0.25;
  return {
    format: MODEL_FORMAT,
    name: 'offensive',
    language: 'en',
    features: FEATURE_VERSION,
    dimension: DIM,
    bias: -0.5,
    calibration: { method: 'platt', a: 1.2, b: 0.1 },
    operatingPoints: [{ maxFalseAlarmRate: 0.03, threshold: 0.7 }],
    training: {},
    weights: encodeWeights(w),
    ...overrides,
  };
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('model files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-classify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips weights through int16 quantisation within 1/32767 of the largest', () => {
    const back = decodeWeights(model().weights, 'test');
    expect(back[7]).toBeCloseTo(1.5, 4);
    expect(back[DIM - 1]).toBeCloseTo(-0.25, 4);
    expect(back[0]).toBe(0);
  });

  it('refuses a malformed file with a stable code, the file name and the command that fixes it', () => {
    const path = join(dir, 'offensive-en.json');
    writeFileSync(path, '{"format": "rapport-text-classifier/1", "weights": ');
    const err = caught(() => readModelFile(pathToFileURL(path)));
    expect(isScoringError(err) && err.code).toBe('CLASSIFIER_MODEL_INVALID');
    expect((err as Error).message).toMatch(/offensive-en\.json: not JSON/);
    expect((err as Error).message).toMatch(/pnpm train:classifiers/);
  });

  it('refuses a model built for other features, naming the field', () => {
    const err = caught(() =>
      parseModelFile(JSON.stringify({ ...model(), features: 'rapport-text-features/0' }), 'x.json'),
    );
    expect((err as Error).message).toMatch(/x\.json: .*features/);
  });

  it('refuses weights of the wrong size', () => {
    const short = { ...model(), weights: encodeWeights(new Float32Array(10)) };
    const err = caught(() => decodeWeights(short.weights, 'y.json'));
    expect((err as Error).message).toMatch(/y\.json: weights hold 10 values, expected 262144/);
  });

  it('refuses a missing file with the command that regenerates it', () => {
    const err = caught(() => readModelFile(pathToFileURL(join(dir, 'hostile-en.json'))));
    expect(isScoringError(err) && err.code).toBe('CLASSIFIER_MODEL_INVALID');
    expect((err as Error).message).toMatch(/hostile-en\.json cannot be read.*pnpm train:classifiers/);
  });
});
