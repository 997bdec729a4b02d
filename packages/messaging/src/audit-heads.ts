import { AuditHead, type AuditEntry } from '@rapport/schemas';
import { MessagingError } from './errors.js';
import { COMPACTED, TOPICS } from './topics.js';
import type { Bus, Producer, TopicSpec } from './types.js';

/**
 * The audit log's anchor outside the database: every writer publishes a tenant's newest entry
 * (seq, hash, seal) to a compacted topic keyed by tenant. One partition: anchors are small and
 * rare, and one partition keeps a tenant's in order without relying on the key's hash.
 */
export const auditHeadsTopic = (replicationFactor = 1): TopicSpec => ({
  topic: TOPICS.auditHeads,
  partitions: 1,
  replicationFactor,
  config: { ...COMPACTED },
});

/** The anchor's key: the log (its database) and the tenant, so logs sharing a cluster never mix. */
export const auditHeadKey = (log: string, tenantId: string) => `${log}/${tenantId}`;

export function auditHeadOf(log: string, entry: AuditEntry): AuditHead {
  return {
    schemaVersion: 1,
    log,
    tenantId: entry.tenantId,
    seq: entry.seq,
    hash: entry.hash,
    ...(entry.seal === undefined ? {} : { seal: entry.seal, keyId: entry.keyId ?? '' }),
    at: entry.at,
  };
}

export async function publishAuditHead(producer: Producer, log: string, entry: AuditEntry): Promise<void> {
  await producer.send(TOPICS.auditHeads, [
    {
      key: auditHeadKey(log, entry.tenantId),
      value: JSON.stringify(auditHeadOf(log, entry)),
      headers: { 'rapport-tenant': entry.tenantId },
    },
  ]);
}

/** The tenant's newest published anchor, or null when none was published. */
export async function readAuditHead(bus: Bus, log: string, tenantId: string): Promise<AuditHead | null> {
  const value = await bus.latestValue(TOPICS.auditHeads, auditHeadKey(log, tenantId));
  if (value === null) return null;
  const parsed = AuditHead.safeParse(JSON.parse(value.toString('utf8')) as unknown);
  if (!parsed.success)
    throw new MessagingError(
      'KAFKA_PUBLISH_FAILED',
      `the audit anchor of ${tenantId} in ${TOPICS.auditHeads} is not an AuditHead: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  return parsed.data;
}
