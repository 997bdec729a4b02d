/**
 * A scoring thread for the analyser's tests: the real analysis, except that an event whose agent
 * reply asks for it spins forever or exhausts the thread's heap first. The engine itself no longer
 * has such an event (its work is bounded); this keeps the containment around it tested.
 */
import { workerData } from 'node:worker_threads';
import { analyseBatch, type AnalysedBatch } from '../analysis.js';
import { unpackValues, type PackedValues } from '../packed-values.js';
import { analysisSettings, type ScoringInputs } from '../scoring-inputs.js';
import { EXHAUST_MEMORY, SPIN } from './events.js';

const settings = analysisSettings(workerData as ScoringInputs);

function misbehave(value: Buffer | null): void {
  const text = value?.toString('utf8') ?? '';
  if (text.includes(SPIN)) for (;;);
  if (text.includes(EXHAUST_MEMORY)) {
    const hoard: number[][] = [];
    for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i));
  }
}

export default function analysePacked(packed: PackedValues): AnalysedBatch {
  const { progress } = packed;
  const values = unpackValues(packed);
  return analyseBatch(values, settings, (i) => {
    if (progress) Atomics.store(progress, 0, i + 1);
    misbehave(values[i] ?? null);
  });
}
