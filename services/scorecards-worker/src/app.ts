import {
  createKafkaBusFromConfig,
  runStreamWorker,
  type Bus,
  type Consumer,
  type Producer,
} from '@rapport/messaging';
import { createMetricsRegistry, ShutdownManager, type Logger } from '@rapport/observability';
import { connectStore, ScorecardsRepository, type StoreConnection } from '@rapport/store';
import type { ScorecardsWorkerConfig } from './config.js';
import { createScorecardsMetrics } from './metrics.js';
import { applyPort, routePort } from './ports.js';
import { ScorecardsProcessor } from './processor.js';

export interface RunningScorecardsWorker {
  /** The HTTP address of /healthz, /readyz and /metrics. */
  opsUrl: string;
  shutdown(reason: string): Promise<void>;
  shutdownManager: ShutdownManager;
}

/**
 * Wires the scorecards worker: store, topics, one consumer group over its three inputs, ops
 * endpoints and the shutdown order (stop fetching and finish the batch in hand, which commits;
 * close HTTP; close Kafka; close the database).
 */
export async function startScorecardsWorker(
  config: ScorecardsWorkerConfig,
  logger: Logger,
): Promise<RunningScorecardsWorker> {
  const registry = createMetricsRegistry('scorecards-worker');
  const metrics = createScorecardsMetrics(registry);
  const shutdownManager = new ShutdownManager(logger, config.SHUTDOWN_TIMEOUT_MS);

  const store: StoreConnection = await connectStore({
    uri: config.MONGODB_URI,
    dbName: config.MONGODB_DB,
    appName: 'rapport-scorecards',
  });
  const repo = new ScorecardsRepository(store.db, { concurrency: config.STORE_CONCURRENCY });
  await repo.ensureIndexes();

  const bus: Bus = createKafkaBusFromConfig(config, logger);
  const partitions = config.TOPIC_PARTITIONS;
  const replicationFactor = config.TOPIC_REPLICATION_FACTOR;
  // Inputs are created too when absent (the consumer cannot subscribe to a missing topic), with
  // the settings their producers use.
  await bus.ensureTopics([
    {
      topic: config.SCORED_TOPIC,
      partitions,
      replicationFactor,
      config: { 'max.message.bytes': String(4 * 1024 * 1024) },
    },
    { topic: config.REVIEWS_TOPIC, partitions, replicationFactor },
    { topic: config.SCORECARD_UPDATES_TOPIC, partitions, replicationFactor },
    // The latest scorecard per agent-day is the state; compaction keeps it without the history.
    {
      topic: config.SCORECARDS_TOPIC,
      partitions,
      replicationFactor,
      config: { 'cleanup.policy': 'compact' },
    },
  ]);
  const producer: Producer = await bus.producer();
  const consumer: Consumer = await bus.consumer({
    groupId: config.SCORECARDS_GROUP_ID,
    topics: [config.SCORED_TOPIC, config.REVIEWS_TOPIC, config.SCORECARD_UPDATES_TOPIC],
    fromBeginning: true,
    partitionsConsumedConcurrently: config.PARTITIONS_CONCURRENCY,
    maxBytesPerPartition: config.MAX_BYTES_PER_PARTITION,
    sessionTimeoutMs: config.SESSION_TIMEOUT_MS,
  });
  const topics = { updates: config.SCORECARD_UPDATES_TOPIC, scorecards: config.SCORECARDS_TOPIC };
  const processor = new ScorecardsProcessor({
    route: routePort(repo, producer, topics),
    apply: applyPort(repo, producer, topics),
    topics: {
      scored: config.SCORED_TOPIC,
      reviews: config.REVIEWS_TOPIC,
      updates: config.SCORECARD_UPDATES_TOPIC,
    },
    logger,
    metrics,
    pause: () => consumer.pause(),
    resume: () => consumer.resume(),
  });

  const { opsUrl } = await runStreamWorker({
    bus,
    consumer,
    producer,
    logger,
    registry,
    shutdownManager,
    http: { host: config.HTTP_HOST, port: config.HTTP_PORT },
    lag: metrics.lag,
    checks: [{ name: 'mongodb', check: () => store.ping() }],
    process: (batch, control) => processor.process(batch, control),
    last: [{ name: 'close the database', run: () => store.close() }],
  });

  logger.info(
    {
      opsUrl,
      groupId: config.SCORECARDS_GROUP_ID,
      inputs: [config.SCORED_TOPIC, config.REVIEWS_TOPIC, config.SCORECARD_UPDATES_TOPIC],
      output: config.SCORECARDS_TOPIC,
    },
    'scorecards worker running',
  );
  return { opsUrl, shutdown: (reason) => shutdownManager.shutdown(reason), shutdownManager };
}
