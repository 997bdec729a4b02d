import { readFileSync } from 'node:fs';
import {
  createKafkaBusFromConfig,
  retentionConfig,
  runStreamWorker,
  type Bus,
  type Consumer,
  type Producer,
} from '@rapport/messaging';
import { createMetricsRegistry, ShutdownManager, type Logger } from '@rapport/observability';
import { deadLetterKey, sealDeadLetterPayload, type Policy } from '@rapport/schemas';
import {
  DEFAULT_POLICY,
  loadKnowledgeBase,
  loadPolicy,
  redactAllPii,
  type KnowledgeBase,
} from '@rapport/scoring';
import {
  connectStore,
  InteractionsRepository,
  type StoredInteraction,
  type StoreConnection,
} from '@rapport/store';
import { createAnalyser } from './analyser.js';
import type { ScorerConfig } from './config.js';
import { createScorerMetrics } from './metrics.js';
import { BatchProcessor } from './processor.js';
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
 * Wires the scorer: store, topics, consumer group, scoring threads, ops endpoints and the
 * shutdown order (stop fetching and finish the batch in hand, which commits; stop the scoring
 * threads; close HTTP; close Kafka; close the database).
 */
export async function startScorer(config: ScorerConfig, logger: Logger): Promise<RunningScorer> {
  const { policy, knowledgeBase } = loadScoringInputs(config);
  // A bad key stops startup naming the variable; no key means redacted, not encrypted, payloads.
  const letterKey = config.DEAD_LETTER_KEY ? deadLetterKey(config.DEAD_LETTER_KEY) : undefined;
  if (!letterKey)
    logger.warn(
      'DEAD_LETTER_KEY is not set: dead letters carry their payload redacted (PII replaced), not encrypted; set it to keep the original bytes, encrypted',
    );
  const registry = createMetricsRegistry('scorer');
  // The scoring threads start once Kafka and the store are there; until then they were idle.
  const busy = { scoringSeconds: () => 0 };
  const metrics = createScorerMetrics(registry, busy);
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
  // Every topic here carries conversations or their scores: none keeps them longer than the policy.
  const retention = retentionConfig(policy.retention.days);
  await bus.ensureTopics([
    {
      topic: config.INTERACTIONS_TOPIC,
      partitions: config.TOPIC_PARTITIONS,
      replicationFactor,
      config: retention,
    },
    // Scored interactions carry flags and evidence: a few KiB each, up to a few MiB for huge inputs.
    {
      topic: config.SCORED_TOPIC,
      partitions: config.TOPIC_PARTITIONS,
      replicationFactor,
      config: { 'max.message.bytes': String(4 * 1024 * 1024), ...retention },
    },
    // Dead letters carry the original payload base64-encoded: allow them to be larger than the original.
    {
      topic: config.DEAD_LETTER_TOPIC,
      partitions: config.TOPIC_PARTITIONS,
      replicationFactor,
      config: { 'max.message.bytes': String(4 * 1024 * 1024), ...retention },
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
  const analyser = createAnalyser(
    {
      policy,
      ...(knowledgeBase ? { knowledgeBase } : {}),
      mode: config.SCORING_MODE,
      passThroughFlagRate: config.PASS_THROUGH_FLAG_RATE,
      maxEventBytes: config.MAX_EVENT_BYTES,
    },
    config.SCORING_THREADS,
    { budget: { eventMs: config.SCORING_EVENT_BUDGET_MS, threadHeapMb: config.SCORING_THREAD_HEAP_MB } },
  );
  metrics.scoringThreads.set(analyser.threads);
  busy.scoringSeconds = () => analyser.busySeconds();
  const processor = new BatchProcessor({
    producer,
    interactions,
    writes: new CombinedWrites((docs: readonly StoredInteraction[], now) =>
      interactions.saveEachStored(docs, now),
    ),
    analyser,
    topics: { scored: config.SCORED_TOPIC, deadLetters: config.DEAD_LETTER_TOPIC },
    logger,
    metrics,
    pause: () => consumer.pause(),
    resume: () => consumer.resume(),
    sealPayload: (payload, source) => sealDeadLetterPayload(payload, source, letterKey, redactAllPii),
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
    afterFetchingStopped: [{ name: 'stop the scoring threads', run: () => analyser.close() }],
    last: [{ name: 'close the database', run: () => store.close() }],
  });

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
