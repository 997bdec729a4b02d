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

/** The review service's configuration, parsed once at startup from the environment. */
export const ReviewApiConfig = z.object({
  ...kafkaFields,
  ...mongoFields,
  ...logFields,
  ...httpFields(8080),
  ...policyFields,
  SCORED_TOPIC: z.string().default(TOPICS.scored),
  REVIEWS_TOPIC: z.string().default(TOPICS.reviews),
  TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
  TOPIC_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(5).default(1),
  /**
   * Prefix of this instance's consumer group on the scored and review topics. Every instance
   * keeps its own queue index, so every instance reads every partition (a group of one).
   */
  INDEX_GROUP_PREFIX: z.string().default('rapport-review-index'),
  /** How often the queue index is compared with the store, catching anything the topics missed. */
  INDEX_RECONCILE_MS: z.coerce
    .number()
    .int()
    .min(10_000)
    .default(10 * 60_000),
  /** Browser sessions end after this many hours. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(12),
  /** Send the session cookie over HTTPS only. Turn off only for plain-HTTP local demos. */
  COOKIE_SECURE: z.stringbool().default(true),
  /** Failed sign-ins allowed per user name and per client address in LOGIN_WINDOW_MINUTES. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Requests per minute per client on the API, a guard against runaway scripts. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).default(1200),
  /** Largest request body accepted (notes and comments are short). */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
});
export type ReviewApiConfig = z.infer<typeof ReviewApiConfig>;

export const loadReviewApiConfig = (env: Env): ReviewApiConfig =>
  parseConfig(ReviewApiConfig, env, 'review-api');
