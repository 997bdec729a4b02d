import type { InteractionEvent, Policy, ScoredInteraction } from '@rapport/schemas';
import { scoreInteraction, warmUp, type KnowledgeBase } from '@rapport/scoring';
import type { AnalysisSettings } from './analysis.js';
import { createPassThrough } from './pass-through.js';

/**
 * Everything a scoring thread needs, as plain data: it crosses to worker threads as workerData
 * (structured clone), so no functions or class instances.
 */
export interface ScoringInputs {
  policy: Policy;
  knowledgeBase?: KnowledgeBase;
  mode: 'full' | 'pass-through';
  passThroughFlagRate: number;
  maxEventBytes: number;
}

/**
 * The analysis settings with the scoring function bound, on whichever thread scores. The engine
 * is warmed up here (about half a second of CPU), so a new thread does not spend its first few
 * thousand events at twice the cost while V8 compiles the hot path.
 */
export function analysisSettings(inputs: ScoringInputs): AnalysisSettings {
  const { policy, knowledgeBase } = inputs;
  if (inputs.mode === 'full') warmUp({ policy, ...(knowledgeBase ? { knowledgeBase } : {}) });
  const score: (event: InteractionEvent) => ScoredInteraction =
    inputs.mode === 'pass-through'
      ? createPassThrough(policy, inputs.passThroughFlagRate)
      : (event) => scoreInteraction(event, { policy, ...(knowledgeBase ? { knowledgeBase } : {}) });
  return { policy, score, maxEventBytes: inputs.maxEventBytes };
}
