/**
 * A scoring thread (see analyser.ts): its workerData is the ScoringInputs; each task is one
 * batch's packed message values, answered with their analyses in order.
 */
import { workerData } from 'node:worker_threads';
import { analyseBatch, type AnalysedBatch } from './analysis.js';
import { unpackValues, type PackedValues } from './packed-values.js';
import { analysisSettings, type ScoringInputs } from './scoring-inputs.js';

const settings = analysisSettings(workerData as ScoringInputs);

export default function analysePacked(packed: PackedValues): AnalysedBatch {
  const { progress } = packed;
  return analyseBatch(
    unpackValues(packed),
    settings,
    progress ? (i) => Atomics.store(progress, 0, i + 1) : undefined,
  );
}
