#!/usr/bin/env node
// Composition root of the scorer: read config, start, stop on SIGTERM/SIGINT.
import { ConfigError } from '@rapport/config';
import { createLogger } from '@rapport/observability';
import { isScoringError } from '@rapport/scoring';
import { startScorer } from './app.js';
import { loadScorerConfig } from './config.js';

try {
  const config = loadScorerConfig(process.env);
  const logger = createLogger({ name: 'scorer', level: config.LOG_LEVEL });
  const scorer = await startScorer(config, logger);
  scorer.shutdownManager.installSignalHandlers();
} catch (err) {
  // Configuration and policy problems are the operator's to fix: say what, not a stack trace.
  if (err instanceof ConfigError || isScoringError(err)) console.error(err.message);
  else console.error('scorer failed to start:', err);
  process.exit(78);
}
