/**
 * Whether an unflagged interaction joins the review queue as a control sample. Deterministic
 * (FNV-1a of the key), so a redelivered or re-scored interaction gets the same answer on any worker.
 */
export function inControlSample(tenantId: string, interactionId: string, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  let h = 0x811c9dc5;
  const key = `${tenantId}:${interactionId}`;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x100000000 < rate;
}
