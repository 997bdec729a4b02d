import { availableParallelism } from 'node:os';
import { z } from 'zod';
import {
  httpFields,
  kafkaFields,
  logFields,
  mongoFields,
  parseConfig,
  policyFields,
  type Env,
} from '@rapport/config';
import { TOPICS } from '@rapport/messaging';

/** The scorer's configuration, parsed once at startup from the environment. */
export const ScorerConfig = z.object({
  ...kafkaFields,
  ...mongoFields,
  ...logFields,
  ...httpFields(9464),
  ...policyFields,
  /**
   * Dead letters hold whole unvalidated conversations: their payloads are encrypted with this key
   * (base64 of 32 bytes, `openssl rand -base64 32`; checked at startup), or redacted without it.
   * Readers (`rapport replay|validate`) take it too, and older keys in DEAD_LETTER_OLD_KEYS.
   */
  DEAD_LETTER_KEY: z.string().min(1).optional(),
  /** Consumer group: every scorer process of a deployment shares it and so shares the partitions. */
  SCORER_GROUP_ID: z.string().default('rapport-scorer'),
  INTERACTIONS_TOPIC: z.string().default(TOPICS.interactions),
  SCORED_TOPIC: z.string().default(TOPICS.scored),
  DEAD_LETTER_TOPIC: z.string().default(TOPICS.deadLetters),
  /** Partitions of the topics the scorer creates when they are absent. More partitions, more workers. */
  TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
  /** Replication of created topics: 1 locally, 3 on a production cluster. */
  TOPIC_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(5).default(1),
  /** Partitions one process works on at once: overlaps scoring of one with I/O of another. */
  PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(3),
  /** Raw message size above which an event is dead-lettered without parsing. */
  MAX_EVENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /**
   * Bytes fetched per partition per request: bounds batch size, memory and the time one batch
   * holds the partition (~250 typical events; a batch must finish well inside the session timeout).
   */
  MAX_BYTES_PER_PARTITION: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /** A member that does not heartbeat for this long is removed from the group. */
  SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(45_000),
  /**
   * Worker threads that decode and score while the main thread does Kafka and store I/O; 0
   * scores on the main thread. Default: one per core but one (at least one), for the main thread.
   */
  SCORING_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(Math.max(1, availableParallelism() - 1)),
  /**
   * Wall time one event may take on a scoring thread. The engine bounds its own work (a 256 KiB
   * event scores in about 0.1 s), so this is a backstop: an event over it stops its thread, is
   * retried alone once, then dead-lettered as SCORING_BUDGET_EXCEEDED while the partition moves on.
   */
  SCORING_EVENT_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Heap of one scoring thread (MiB); an event that needs more dies with its thread, not the process. */
  SCORING_THREAD_HEAP_MB: z.coerce.number().int().min(64).max(16_384).default(768),
  /** `full` scores with the engine; `pass-through` skips analysis, for capacity baselines only. */
  SCORING_MODE: z.enum(['full', 'pass-through']).default('full'),
  /** Share of interactions the pass-through baseline flags: set it to what the real mix flags. */
  PASS_THROUGH_FLAG_RATE: z.coerce.number().min(0).max(1).default(0.15),
  /** Graceful shutdown deadline. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
});
export type ScorerConfig = z.infer<typeof ScorerConfig>;

export const loadScorerConfig = (env: Env): ScorerConfig => parseConfig(ScorerConfig, env, 'scorer');
