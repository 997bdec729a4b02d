#!/usr/bin/env node
// Composition root of the scorecards worker: read config, start, stop on SIGTERM/SIGINT.
import { ConfigError } from '@rapport/config';
import { createLogger } from '@rapport/observability';
import { startScorecardsWorker } from './app.js';
import { loadScorecardsWorkerConfig } from './config.js';

try {
  const config = loadScorecardsWorkerConfig(process.env);
  const logger = createLogger({ name: 'scorecards-worker', level: config.LOG_LEVEL });
  const worker = await startScorecardsWorker(config, logger);
  worker.shutdownManager.installSignalHandlers();
} catch (err) {
  // Configuration problems are the operator's to fix: say what, not a stack trace.
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('scorecards worker failed to start:', err);
  process.exit(78);
}
