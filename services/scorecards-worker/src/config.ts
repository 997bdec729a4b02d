import { z } from 'zod';
import { httpFields, kafkaFields, logFields, mongoFields, parseConfig, type Env } from '@rapport/config';
import { TOPICS } from '@rapport/messaging';

/** The scorecards worker's configuration, parsed once at startup from the environment. */
export const ScorecardsWorkerConfig = z.object({
  ...kafkaFields,
  ...mongoFields,
  ...logFields,
  ...httpFields(9465),
  /** Consumer group of every scorecards worker of a deployment: they share the partitions. */
  SCORECARDS_GROUP_ID: z.string().default('rapport-scorecards'),
  SCORED_TOPIC: z.string().default(TOPICS.scored),
  REVIEWS_TOPIC: z.string().default(TOPICS.reviews),
  /** Where changed scorecards go, for HR and workforce systems (compacted: the latest per agent-day). */
  SCORECARDS_TOPIC: z.string().default(TOPICS.scorecards),
  /**
   * The worker's own topic between its two stages, keyed by agent, so that exactly one consumer
   * writes an agent's days (FerretDB has no atomic read-modify-write to fall back on).
   */
  SCORECARD_UPDATES_TOPIC: z.string().default('rapport.scorecards.updates.v1'),
  /** Partitions of the topics the worker creates when absent. More partitions, more workers. */
  TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
  TOPIC_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(5).default(1),
  /** Partitions one process works on at once: overlaps one batch's database waits with another's. */
  PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(3),
  /** Bytes fetched per partition per request: bounds batch size, memory and the time a batch takes. */
  MAX_BYTES_PER_PARTITION: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024),
  /** A member that does not heartbeat for this long is removed from the group. */
  SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(45_000),
  /** MongoDB operations one batch keeps in flight. */
  STORE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Graceful shutdown deadline. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
});
export type ScorecardsWorkerConfig = z.infer<typeof ScorecardsWorkerConfig>;

export const loadScorecardsWorkerConfig = (env: Env): ScorecardsWorkerConfig =>
  parseConfig(ScorecardsWorkerConfig, env, 'scorecards-worker');
