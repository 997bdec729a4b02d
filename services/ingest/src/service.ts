import { createKafkaBus } from '@rapport/messaging';
import { createMetricsRegistry, ShutdownManager, type Logger } from '@rapport/observability';
import { buildApp } from './app.js';
import type { IngestServiceConfig } from './config.js';

export interface RunningIngestService {
  url: string;
  shutdownManager: ShutdownManager;
  shutdown: (reason: string) => Promise<void>;
}

/** Connects Kafka, serves the webhooks and ops endpoints, and registers the shutdown steps in order. */
export async function startIngestService(
  config: IngestServiceConfig,
  logger: Logger,
  fetchImpl?: typeof fetch,
): Promise<RunningIngestService> {
  const bus = createKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-ingest`,
    logger,
  });
  await bus.ensureTopics([{ topic: config.INTERACTIONS_TOPIC, partitions: 6 }]);
  const producer = await bus.producer();
  const registry = createMetricsRegistry('ingest');
  const app = buildApp({
    config,
    producer,
    logger,
    registry,
    checks: [{ name: 'kafka', check: () => bus.ping() }],
    ...(fetchImpl ? { fetchImpl } : {}),
  });
  const url = await app.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
  const shutdownManager = new ShutdownManager(logger, config.SHUTDOWN_TIMEOUT_MS);
  // Stop taking deliveries first (in-flight ones finish), then let the producer flush, then the bus.
  shutdownManager.register('http', () => app.close());
  shutdownManager.register('producer', () => producer.disconnect());
  shutdownManager.register('kafka', () => bus.close());
  return { url, shutdownManager, shutdown: (reason) => shutdownManager.shutdown(reason) };
}
