#!/usr/bin/env node
// Composition root of the webhook service: read config, start, stop on SIGTERM/SIGINT.
import { ConfigError } from '@rapport/config';
import { createLogger } from '@rapport/observability';
import { loadIngestServiceConfig } from './config.js';
import { startIngestService } from './service.js';

try {
  const config = loadIngestServiceConfig(process.env);
  const logger = createLogger({ name: 'ingest', level: config.LOG_LEVEL });
  const service = await startIngestService(config, logger);
  service.shutdownManager.installSignalHandlers();
  logger.info({ url: service.url }, 'ingest webhooks listening');
} catch (err) {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('ingest service failed to start:', err);
  process.exit(78);
}
