#!/usr/bin/env node
// Composition root of the review service: read config, start, stop on SIGTERM/SIGINT.
import { ConfigError } from '@rapport/config';
import { createLogger } from '@rapport/observability';
import { isScoringError } from '@rapport/scoring';
import { loadReviewApiConfig } from './config.js';
import { startReviewApi } from './server.js';

try {
  const config = loadReviewApiConfig(process.env);
  const logger = createLogger({ name: 'review-api', level: config.LOG_LEVEL });
  const api = await startReviewApi(config, logger);
  api.shutdownManager.installSignalHandlers();
} catch (err) {
  if (err instanceof ConfigError || isScoringError(err)) console.error(err.message);
  else console.error('review-api failed to start:', err);
  process.exit(78);
}
