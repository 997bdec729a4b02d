import { createHash } from 'node:crypto';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * A customer's id in Rapport: a keyed hash of the source's identity (an e-mail address, a vendor
 * user id), because the contract wants pseudonyms, never addresses or names. The tenant is part of
 * the key so the same person at two tenants cannot be linked.
 */
export const pseudonym = (tenantId: string, system: string, sourceIdentity: string): string =>
  `cust-${sha(`${tenantId}\u0000${system}\u0000${sourceIdentity.trim().toLowerCase()}`).slice(0, 24)}`;

/** A stable interaction id from the source's own id, so a re-import lands on the same document. */
export const interactionIdOf = (system: string, sourceId: string | number): string => {
  const id = String(sourceId);
  // Vendor ids are short and plain; anything else (Message-IDs, file names) is hashed to stay in the id rules.
  return /^[A-Za-z0-9._-]{1,120}$/.test(id) ? `${system}-${id}` : `${system}-${sha(id).slice(0, 32)}`;
};

/**
 * Revision from the source's own clock (seconds of its last change), so an unchanged record
 * re-imports at the same revision (a no-op in the store) and an updated one supersedes it.
 */
export const revisionOf = (isoOrMs: string | number): number => {
  const ms = typeof isoOrMs === 'number' ? isoOrMs : Date.parse(isoOrMs);
  return Number.isFinite(ms) && ms >= 1000 ? Math.floor(ms / 1000) : 1;
};

export const isoOfUnixSeconds = (s: number): string => new Date(s * 1000).toISOString();
