import { readFileSync } from 'node:fs';
import { createKafkaBusFromConfig, type Bus, type Consumer, type Producer } from '@rapport/messaging';
import { buildOpsServer, createMetricsRegistry, ShutdownManager, type Logger } from '@rapport/observability';
import type { Policy } from '@rapport/schemas';
import { DEFAULT_POLICY, loadKnowledgeBase, loadPolicy, type KnowledgeBase } from '@rapport/scoring';
import {
  connectStore,
  InteractionsRepository,
  type StoredInteraction,
  type StoreConnection,
} from '@rapport/store';
import { createAnalyser } from './analyser.js';
import type { ScorerConfig } from './config.js';
import { createScorerMetrics } from './metrics.js';
import { BatchAbandoned, BatchProcessor } from './processor.js';
import { CombinedWrites } from './combined-writes.js';

export interface RunningScorer {
  /** The HTTP address of /healthz, /readyz and /metrics. */
  opsUrl: string;
  shutdown(reason: string): Promise<void>;
  shutdownManager: ShutdownManager;
}

/** Reads the policy and knowledge base once; an invalid one stops startup naming the bad field. */
export function loadScoringInputs(config: ScorerConfig): {
  policy: Policy;
  knowledgeBase: KnowledgeBase | undefined;
} {
  const policy = config.POLICY_FILE
    ? loadPolicy(readFileSync(config.POLICY_FILE, 'utf8'), config.POLICY_FILE)
    : DEFAULT_POLICY;
  const knowledgeBase = config.KNOWLEDGE_BASE_FILE
    ? loadKnowledgeBase(readFileSync(config.KNOWLEDGE_BASE_FILE, 'utf8'), config.KNOWLEDGE_BASE_FILE)
    : undefined;
  return { policy, knowledgeBase };
}

/**
 * Wires the scorer: store, topics, consumer group, ops endpoints and the shutdown order
 * (stop fetching and finish the batch in hand, which commits; close HTTP; close Kafka; close the database).
 */
export async function startScorer(config: ScorerConfig, logger: Logger): Promise<RunningScorer> {
  const { policy, knowledgeBase } = loadScoringInputs(config);
  const analyser = createAnalyser(
    {
      policy,
      ...(knowledgeBase ? { knowledgeBase } : {}),
      mode: config.SCORING_MODE,
      passThroughFlagRate: config.PASS_THROUGH_FLAG_RATE,
      maxEventBytes: config.MAX_EVENT_BYTES,
    },
    config.SCORING_THREADS,
  );
  const registry = createMetricsRegistry('scorer');
  const metrics = createScorerMetrics(registry);
  metrics.scoringThreads.set(analyser.threads);
  const shutdownManager = new ShutdownManager(logger, config.SHUTDOWN_TIMEOUT_MS);

  const store: StoreConnection = await connectStore({
    uri: config.MONGODB_URI,
    dbName: config.MONGODB_DB,
    appName: 'rapport-scorer',
  });
  const interactions = new InteractionsRepository(store.db);
  await interactions.ensureIndexes();

  const bus: Bus = createKafkaBusFromConfig(config, logger);
  const replicationFactor = config.TOPIC_REPLICATION_FACTOR;
  await bus.ensureTopics([
    { topic: config.INTERACTIONS_TOPIC, partitions: config.TOPIC_PARTITIONS, replicationFactor },
    // Scored interactions carry flags and evidence: a few KiB each, up to a few MiB for huge inputs.
    {
      topic: config.SCORED_TOPIC,
      partitions: config.TOPIC_PARTITIONS,
      replicationFactor,
      config: { 'max.message.bytes': String(4 * 1024 * 1024) },
    },
    // Dead letters carry the original payload base64-encoded: allow them to be larger than the original.
    {
      topic: config.DEAD_LETTER_TOPIC,
      partitions: config.TOPIC_PARTITIONS,
      replicationFactor,
      config: { 'max.message.bytes': String(4 * 1024 * 1024) },
    },
  ]);
  const producer: Producer = await bus.producer();
  const consumer: Consumer = await bus.consumer({
    groupId: config.SCORER_GROUP_ID,
    topics: [config.INTERACTIONS_TOPIC],
    fromBeginning: true,
    partitionsConsumedConcurrently: config.PARTITIONS_CONCURRENCY,
    maxBytesPerPartition: config.MAX_BYTES_PER_PARTITION,
    sessionTimeoutMs: config.SESSION_TIMEOUT_MS,
  });
  let kafkaHealthy = true;
  consumer.onGroupEvent((e) => {
    if (e.type === 'crashed') {
      kafkaHealthy = e.willRestart ?? false;
      logger.error({ err: e.error, willRestart: e.willRestart }, 'consumer crashed');
      if (!e.willRestart)
        void shutdownManager.shutdown('consumer crashed without restart').then(() => process.exit(1));
    } else if (e.type === 'assigned') {
      kafkaHealthy = true;
      logger.info({ assignment: e.assignment }, 'partitions assigned');
    } else if (e.type === 'rebalancing') logger.info('rebalancing');
  });

  const processor = new BatchProcessor({
    producer,
    interactions,
    writes: new CombinedWrites((docs: readonly StoredInteraction[], now) =>
      interactions.saveEachStored(docs, now),
    ),
    analyser,
    topics: { scored: config.SCORED_TOPIC, deadLetters: config.DEAD_LETTER_TOPIC },
    maxEventBytes: config.MAX_EVENT_BYTES,
    logger,
    metrics,
    pause: () => consumer.pause(),
    resume: () => consumer.resume(),
  });

  const lagTimer = setInterval(() => {
    consumer.lag().then(
      (lag) => metrics.lag.set(lag),
      () => undefined,
    );
  }, 5_000);
  lagTimer.unref();

  const ops = buildOpsServer({
    logger,
    registry,
    checks: [
      { name: 'kafka', check: async () => kafkaHealthy && (await bus.ping()) },
      { name: 'mongodb', check: () => store.ping() },
    ],
  });
  const opsUrl = await ops.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });

  await consumer.run(async (batch, control) => {
    try {
      await processor.process(batch, control);
    } catch (err) {
      if (err instanceof BatchAbandoned) {
        logger.warn(
          { topic: batch.topic, partition: batch.partition, reason: err.message },
          'batch left uncommitted',
        );
        return;
      }
      throw err;
    }
  });

  shutdownManager.register('stop fetching and finish the batch in hand', () => consumer.stop());
  shutdownManager.register('stop the scoring threads', () => analyser.close());
  shutdownManager.register('disconnect consumer', () => consumer.disconnect());
  shutdownManager.register('close HTTP', () => ops.close());
  shutdownManager.register('disconnect producer', () => producer.disconnect());
  shutdownManager.register('close Kafka admin', () => {
    clearInterval(lagTimer);
    return bus.close();
  });
  shutdownManager.register('close the database', () => store.close());

  logger.info(
    {
      opsUrl,
      groupId: config.SCORER_GROUP_ID,
      topic: config.INTERACTIONS_TOPIC,
      policy: `${policy.id}@${policy.version}`,
      scoringThreads: analyser.threads,
    },
    'scorer running',
  );
  return { opsUrl, shutdown: (reason) => shutdownManager.shutdown(reason), shutdownManager };
}
