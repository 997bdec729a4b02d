export { startScorecardsWorker, type RunningScorecardsWorker } from './app.js';
export { loadScorecardsWorkerConfig, ScorecardsWorkerConfig } from './config.js';
export { ScorecardsProcessor, type Input, type ProcessorDeps } from './processor.js';
export { applyPort, routePort, scorecardMessage, updateMessage } from './ports.js';
export { createScorecardsMetrics, type ScorecardsMetrics } from './metrics.js';
