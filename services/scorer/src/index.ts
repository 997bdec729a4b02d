export { startScorer, loadScoringInputs, type RunningScorer } from './app.js';
export { loadScorerConfig, ScorerConfig } from './config.js';
export { inControlSample } from './control-sample.js';
