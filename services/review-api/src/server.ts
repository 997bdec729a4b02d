import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import {
  auditHeadsTopic,
  createKafkaBusFromConfig,
  publishAuditHead,
  retentionConfig,
  type Bus,
  type Producer,
} from '@rapport/messaging';
import { createMetricsRegistry, Counter, Gauge, ShutdownManager, type Logger } from '@rapport/observability';
import type { AuditEntry, Policy, ReviewEvent } from '@rapport/schemas';
import { QueueIndex } from '@rapport/review';
import { DEFAULT_POLICY, loadPolicy } from '@rapport/scoring';
import {
  AuditLog,
  parseAuditKeys,
  connectStore,
  InteractionsRepository,
  PeopleRepository,
  ReviewsRepository,
  ScorecardsRepository,
  InsightsRepository,
  StaffingRepository,
  TrainingRepository,
  type StoreConnection,
} from '@rapport/store';
import { buildApp } from './app.js';
import type { ReviewApiConfig } from './config.js';
import { ReviewDesk } from './desk.js';
import { IndexFeed } from './index-feed.js';
import { SessionSweep } from './auth/sweep.js';

export interface RunningReviewApi {
  url: string;
  app: FastifyInstance;
  index: QueueIndex;
  feed: IndexFeed;
  shutdown(reason: string): Promise<void>;
  shutdownManager: ShutdownManager;
}

/**
 * Wires the review service: store, topics, the queue index and its feed, the HTTP app; shutdown
 * in order: stop taking requests, stop the feed, close Kafka, close the database.
 */
export async function startReviewApi(config: ReviewApiConfig, logger: Logger): Promise<RunningReviewApi> {
  const policy: Policy = config.POLICY_FILE
    ? loadPolicy(readFileSync(config.POLICY_FILE, 'utf8'), config.POLICY_FILE)
    : DEFAULT_POLICY;
  const registry = createMetricsRegistry('review-api');
  const index = new QueueIndex();
  new Gauge({
    name: 'rapport_review_queue_items',
    help: 'Reviewable interactions held in the queue index',
    registers: [registry],
    collect() {
      this.set(index.size);
    },
  });
  const malformed = new Counter({
    name: 'rapport_review_feed_malformed_total',
    help: 'Messages on the scored or review topics that did not match their contract (skipped, logged)',
    labelNames: ['topic'],
    registers: [registry],
  });
  const unpublished = new Counter({
    name: 'rapport_review_events_unpublished_total',
    help: 'Review changes saved and audited but not published to Kafka (scorecards catch up at the next change)',
    registers: [registry],
  });
  const shutdownManager = new ShutdownManager(logger, config.SHUTDOWN_TIMEOUT_MS);

  const store: StoreConnection = await connectStore({
    uri: config.MONGODB_URI,
    dbName: config.MONGODB_DB,
    appName: 'rapport-review-api',
  });
  const interactions = new InteractionsRepository(store.db);
  const reviews = new ReviewsRepository(store.db);
  const people = new PeopleRepository(store.db);
  const keyring = config.AUDIT_KEYS === undefined ? undefined : parseAuditKeys(config.AUDIT_KEYS);
  if (!keyring)
    logger.warn(
      'AUDIT_KEYS is not set: audit entries are written unsealed, so a database writer could rewrite the log unnoticed; set it (see README, Audit)',
    );
  // Each new head goes to Kafka once the producer is up (below): the log's anchor outside the database.
  let anchorHead: (entry: AuditEntry) => Promise<void> = () => Promise.resolve();
  const audit = new AuditLog(store.db, { ...(keyring ? { keyring } : {}), onAppend: (e) => anchorHead(e) });
  await audit.ensureIndexes();

  const bus: Bus = createKafkaBusFromConfig(config, logger, 'review-api');
  const replicationFactor = config.TOPIC_REPLICATION_FACTOR;
  // Review events carry notes and comments: kept no longer than the policy keeps conversations.
  const retention = retentionConfig(policy.retention.days);
  await bus.ensureTopics([
    {
      topic: config.SCORED_TOPIC,
      partitions: config.TOPIC_PARTITIONS,
      replicationFactor,
      config: { 'max.message.bytes': String(4 * 1024 * 1024), ...retention },
    },
    {
      topic: config.REVIEWS_TOPIC,
      partitions: config.TOPIC_PARTITIONS,
      replicationFactor,
      config: retention,
    },
    auditHeadsTopic(replicationFactor),
  ]);
  const producer: Producer = await bus.producer();
  anchorHead = (entry) =>
    publishAuditHead(producer, store.db.databaseName, entry).catch((err: unknown) => {
      // The entry is written; the next one anchors the chain again, and verify says the anchor lags.
      logger.error({ err, tenantId: entry.tenantId, seq: entry.seq }, 'audit head not published to Kafka');
    });

  const publishReview = async (event: ReviewEvent) => {
    try {
      await producer.send(config.REVIEWS_TOPIC, [
        {
          key: `${event.review.tenantId}:${event.review.interactionId}`,
          value: JSON.stringify(event),
          headers: { 'rapport-tenant': event.review.tenantId },
        },
      ]);
    } catch (err) {
      unpublished.inc();
      logger.error(
        { err, interactionId: event.review.interactionId },
        'review saved but not published to Kafka',
      );
    }
  };
  const desk = new ReviewDesk({ interactions, reviews, audit, index, policy, logger, publishReview });
  const feed = new IndexFeed({
    bus,
    index,
    interactions,
    reviews,
    logger,
    scoredTopic: config.SCORED_TOPIC,
    reviewsTopic: config.REVIEWS_TOPIC,
    groupPrefix: config.INDEX_GROUP_PREFIX,
    reconcileMs: config.INDEX_RECONCILE_MS,
    onMalformed: (topic) => malformed.inc({ topic }),
  });

  const app = await buildApp({
    desk,
    index,
    people,
    audit,
    scorecards: new ScorecardsRepository(store.db),
    insights: new InsightsRepository(store.db),
    staffing: new StaffingRepository(store.db),
    training: new TrainingRepository(store.db),
    policy,
    logger,
    registry,
    checks: [
      { name: 'mongodb', check: () => store.ping() },
      { name: 'kafka', check: () => bus.ping() },
      { name: 'queue-index', check: () => feed.ready },
    ],
    settings: {
      sessionTtlMs: config.SESSION_TTL_HOURS * 3600_000,
      sessionIdleMs: config.SESSION_IDLE_MINUTES * 60_000,
      tokenTtlMs: config.TOKEN_TTL_DAYS * 86_400_000,
      cookieSecure: config.COOKIE_SECURE,
      loginMaxFailures: config.LOGIN_MAX_FAILURES,
      loginWindowMs: config.LOGIN_WINDOW_MINUTES * 60_000,
      loginThrottleEntries: config.LOGIN_THROTTLE_ENTRIES,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      probeRateLimitPerMinute: config.PROBE_RATE_LIMIT_PER_MINUTE,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      trustProxy: config.TRUST_PROXY,
    },
  });
  const sweep = new SessionSweep(people, logger);

  shutdownManager.register('close HTTP', () => app.close());
  shutdownManager.register('stop the session sweep', () => sweep.stop());
  shutdownManager.register('stop the queue feed', () => feed.stop());
  shutdownManager.register('close Kafka', async () => {
    await producer.disconnect();
    await bus.close();
  });
  shutdownManager.register('close the database', () => store.close());

  await feed.start();
  sweep.start();
  const address = await app.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
  logger.info({ url: address, items: index.size }, 'review service listening');
  return {
    url: address,
    app,
    index,
    feed,
    shutdownManager,
    shutdown: (reason) => shutdownManager.shutdown(reason),
  };
}
