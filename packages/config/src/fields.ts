import { z } from 'zod';

/**
 * Building blocks of service config schemas. Each field says what it is for; defaults suit the
 * local stack (infra/local), production sets KAFKA_BROKERS and MONGODB_URI to real clusters.
 */

const hostPort = /^[A-Za-z0-9._-]+:\d{1,5}$/;

export const kafkaFields = {
  /** Comma-separated host:port list of Kafka bootstrap brokers. */
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(hostPort, 'each broker must be host:port, e.g. kafka-1:9092'))
        .min(1, 'needs at least one broker'),
    ),
  /** Client id reported to the brokers (shows in broker logs and quotas). */
  KAFKA_CLIENT_ID: z.string().default('rapport'),
  /** TLS to the brokers (production clusters); SASL is configured with the three below. */
  KAFKA_SSL: z.stringbool().default(false),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
};

export const mongoFields = {
  /** MongoDB connection string: a replica set or sharded cluster in production, FerretDB locally. */
  MONGODB_URI: z
    .string()
    .refine((s) => /^mongodb(\+srv)?:\/\//.test(s), 'must start with mongodb:// or mongodb+srv://')
    .default('mongodb://127.0.0.1:27017/'),
  /** Database name; tests and benchmarks use their own. */
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'must be 1-60 letters, digits, "_" or "-"')
    .default('rapport'),
};

export const logFields = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

export const httpFields = (defaultPort: number) => ({
  /** Address the HTTP server binds to; 0.0.0.0 in containers. */
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
});

/**
 * Keys that seal the audit log (see AuditEntry.seal), kept outside the database:
 * `id:base64key,...` (`openssl rand -base64 32` per key), the first seals new entries, the others
 * (retired keys) still verify old ones. Unset: entries are written unsealed and a warning is logged.
 */
export const auditKeyFields = {
  AUDIT_KEYS: z.string().min(1).optional(),
};

/** Path of the policy document (JSON or YAML); the built-in default policy when unset. */
export const policyFields = {
  POLICY_FILE: z.string().optional(),
  KNOWLEDGE_BASE_FILE: z.string().optional(),
};
