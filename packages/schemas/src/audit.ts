import { z } from 'zod';
import { TenantId, Timestamp } from './common.js';
import { Actor } from './review.js';

/** The hash before a tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One entry of a tenant's tamper-evident audit log. `hash` is the SHA-256 of the canonical JSON
 * (keys sorted, no whitespace) of every other field, `prevHash` included, so editing, deleting or
 * reordering an entry breaks the chain from there on.
 */
export const AuditEntry = z.object({
  tenantId: TenantId,
  /** 1, 2, 3 ... per tenant, without gaps. */
  seq: z.number().int().min(1),
  at: Timestamp,
  actor: Actor,
  /** What happened, e.g. "review.dismiss_flag", "user.create", "retention.apply", "audit.export". */
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  target: z.object({
    type: z.enum(['interaction', 'user', 'token', 'policy', 'tenant', 'export']),
    id: z.string(),
  }),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * HMAC-SHA256 (hex) of `hash` under the audit key `keyId`, a key kept outside the database:
   * someone who can rewrite the database can recompute every SHA-256 hash of the chain, but not
   * the seals. Entries written before keys were configured have none; once a log is sealed, every
   * later entry must be. Neither field is covered by `hash`.
   */
  seal: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  keyId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * A tenant's newest audit entry as published to the compacted topic rapport.audit.heads.v1
 * (key = `${log}/${tenantId}`): an anchor outside the database. A chain rewritten in the
 * database, hashes recomputed, no longer holds the anchored hash at the anchored seq.
 */
export const AuditHead = z.object({
  schemaVersion: z.literal(1),
  /** Which audit log: its database's name (deployments and test runs may share a Kafka cluster). */
  log: z.string().min(1),
  tenantId: TenantId,
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  seal: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  keyId: z.string().optional(),
  at: Timestamp,
});
export type AuditHead = z.infer<typeof AuditHead>;
