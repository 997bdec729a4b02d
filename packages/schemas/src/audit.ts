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
});
export type AuditEntry = z.infer<typeof AuditEntry>;
