import { z } from 'zod';
import {
  auditKeyFields,
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
  ...auditKeyFields,
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
  /** Browser sessions end this many hours after sign-in, however active (the absolute expiry). */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(12),
  /** Browser sessions end after this many minutes without a request (the idle expiry). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /** API tokens expire after this many days unless created with their own `expiresInDays`. */
  TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /**
   * Which proxies to believe about the client address (X-Forwarded-For), for rate limits and
   * sign-in throttling: off (default: the connecting address is the client), a hop count (e.g.
   * 1 behind one load balancer), or a comma-separated list of proxy addresses or CIDR ranges.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (parsed === null)
        ctx.addIssue({
          code: 'custom',
          message:
            'must be "false", a hop count (e.g. 1) or comma-separated proxy addresses/CIDRs; "true" (trust anyone) is refused: any client could then choose its own address',
        });
      return parsed ?? false;
    }),
  /** Send the session cookie over HTTPS only. Turn off only for plain-HTTP local demos. */
  COOKIE_SECURE: z.stringbool().default(true),
  /**
   * Failed sign-ins allowed per user name from one address before that pair waits (30 s,
   * doubling with each further failure, at most LOGIN_WINDOW_MINUTES); an address gets four
   * times as many across all names. Failures are forgotten after LOGIN_WINDOW_MINUTES quiet.
   */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Sign-in failure records kept in memory (least recently used go first): bounds memory. */
  LOGIN_THROTTLE_ENTRIES: z.coerce.number().int().min(1000).max(10_000_000).default(100_000),
  /** Requests per minute per client on the API, a guard against runaway scripts. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).default(1200),
  /**
   * Requests per minute per client on /healthz, /readyz and /metrics: far above any
   * orchestrator's probing (a probe every few seconds), far below a flood of store pings.
   */
  PROBE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).default(300),
  /** Largest request body accepted (notes and comments are short). */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
});
/**
 * TRUST_PROXY as fastify's `trustProxy`: false, a hop count, or a list of addresses; null when
 * the value is none of these.
 */
export function parseTrustProxy(raw: string): false | number | string[] | null {
  const v = raw.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v) <= 10 ? Number(v) : null;
  const list = v.split(',').map((a) => a.trim());
  const address = /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;
  return list.every((a) => address.test(a)) ? list : null;
}

export type ReviewApiConfig = z.infer<typeof ReviewApiConfig>;

export const loadReviewApiConfig = (env: Env): ReviewApiConfig =>
  parseConfig(ReviewApiConfig, env, 'review-api');
