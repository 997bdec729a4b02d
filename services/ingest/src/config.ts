import { z } from 'zod';
import { httpFields, kafkaFields, logFields, parseConfig, type Env } from '@rapport/config';
import { TOPICS } from '@rapport/messaging';

/** The webhook service's configuration, parsed once at startup from the environment. */
export const IngestServiceConfig = z.object({
  ...kafkaFields,
  ...logFields,
  ...httpFields(9466),
  INTERACTIONS_TOPIC: z.string().default(TOPICS.interactions),
  /** The tenant the webhooks of this deployment belong to. */
  INGEST_TENANT: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, 'must be a tenant id'),
  /** Largest webhook body accepted; vendors' notifications are a few KiB. */
  WEBHOOK_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** How old a signed timestamp may be (and how long delivery ids are remembered). */
  WEBHOOK_TOLERANCE_SEC: z.coerce.number().int().min(10).max(3600).default(300),
  /** Zendesk: the webhook's signing secret, and the API the ticket is fetched from. */
  ZENDESK_WEBHOOK_SECRET: z.string().min(8).optional(),
  ZENDESK_BASE_URL: z.url().optional(),
  /** `email/token:api_token` credentials for the Zendesk API (basic auth). */
  ZENDESK_API_USER: z.string().optional(),
  ZENDESK_API_TOKEN: z.string().optional(),
  /** Intercom: the app's client secret (signs X-Hub-Signature), the API and its access token. */
  INTERCOM_CLIENT_SECRET: z.string().min(8).optional(),
  INTERCOM_BASE_URL: z.url().default('https://api.intercom.io'),
  INTERCOM_ACCESS_TOKEN: z.string().optional(),
  /** Rapport's generic signed webhook: a producer's own system posting InteractionEvents. */
  GENERIC_WEBHOOK_SECRET: z.string().min(16).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
});
export type IngestServiceConfig = z.infer<typeof IngestServiceConfig>;

export const loadIngestServiceConfig = (env: Env): IngestServiceConfig =>
  parseConfig(IngestServiceConfig, env, 'ingest service');
