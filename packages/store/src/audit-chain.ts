import { createHash } from 'node:crypto';
import { GENESIS_HASH, type AuditEntry } from '@rapport/schemas';

/**
 * JSON with object keys sorted (recursively, by UTF-16 code units as `Array.prototype.sort` does)
 * and no whitespace: the same value always gives the same text, whatever order its keys were
 * built or stored in. Otherwise it follows JSON.stringify: `toJSON` is honoured (dates become ISO
 * strings), undefined, functions and symbols are left out of objects and become null in arrays,
 * and non-finite numbers become null.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON: () => unknown }).toJSON());
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // JSON.stringify writes -0 as "0" and non-finite numbers as "null": the same here.
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('canonicalJson: a BigInt has no JSON form');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
  }
  if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? 'null').join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const text = write(obj[key]);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/** SHA-256 (hex) of the canonical JSON of every field but `hash`, `prevHash` included. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { hash: _ignored, ...rest } = entry as AuditEntry;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

export type AuditBreakReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'missing_entry' | 'out_of_order';

export interface AuditVerification {
  /** True when every entry is unaltered and links to the one before it, from seq 1 on. */
  ok: boolean;
  /** Entries found intact (all of them when ok; those before the first broken link otherwise). */
  checked: number;
  /** The seq of the last intact entry (0 when none). */
  lastSeq: number;
  firstBroken?: { seq: number; reason: AuditBreakReason; message: string };
}

/**
 * Walks a tenant's log in seq order and stops at the first broken link, naming it in plain
 * language. An edited entry no longer matches its hash; a deleted one leaves a gap in seq (or,
 * when the rest was renumbered, a prevHash that points at nothing); reordered entries show up as
 * seq going backwards or as an entry whose prevHash is the hash of the entry stored after it.
 * To tell a reorder from a deletion it looks one entry ahead, so memory stays constant.
 */
export async function verifyAuditChain(
  entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>,
): Promise<AuditVerification> {
  const it = iterate(entries);
  let checked = 0;
  let lastSeq = 0;
  let prevHash = GENESIS_HASH;
  let current = await it.next();
  while (!current.done) {
    const entry = current.value;
    const next = await it.next();
    const after = next.done ? undefined : next.value;
    const broken = inspect(entry, lastSeq + 1, prevHash, after);
    if (broken) return { ok: false, checked, lastSeq, firstBroken: broken };
    checked++;
    lastSeq = entry.seq;
    prevHash = entry.hash;
    current = next;
  }
  return { ok: true, checked, lastSeq };
}

function inspect(
  entry: AuditEntry,
  expected: number,
  prevHash: string,
  after: AuditEntry | undefined,
): AuditVerification['firstBroken'] {
  const previous = expected === 1 ? 'the start of the log' : `entry ${expected - 1}`;
  if (entry.seq !== expected) {
    if (entry.seq < expected || (after !== undefined && after.seq < entry.seq)) {
      const where = entry.seq < expected ? `after ${previous}` : `before entry ${after!.seq}`;
      return {
        seq: expected,
        reason: 'out_of_order',
        message: `entry ${entry.seq} is stored ${where}: entries were moved or duplicated`,
      };
    }
    const gap =
      entry.seq === expected + 1 ? `entry ${expected} is` : `entries ${expected} to ${entry.seq - 1} are`;
    return {
      seq: expected,
      reason: 'missing_entry',
      message: `${gap} missing: ${previous} is followed by entry ${entry.seq}`,
    };
  }
  // An entry whose prevHash is the hash of the one stored after it was swapped with it.
  const swapped = after !== undefined && entry.prevHash !== prevHash && entry.prevHash === after.hash;
  if (swapped) {
    return {
      seq: expected,
      reason: 'out_of_order',
      message: `entry ${expected} holds the entry that belongs after the one stored at seq ${after.seq}: entries were swapped`,
    };
  }
  if (hashAuditEntry(entry) !== entry.hash) {
    return {
      seq: expected,
      reason: 'hash_mismatch',
      message: `entry ${expected} (${describe(entry)}) was changed after it was written: its content no longer matches its hash`,
    };
  }
  if (entry.prevHash !== prevHash) {
    const why =
      expected === 1
        ? 'entry 1 should point at the genesis hash'
        : `an entry before it was removed or replaced, or entry ${expected - 1} was changed and re-hashed`;
    return {
      seq: expected,
      reason: 'prev_hash_mismatch',
      message: `entry ${expected} (${describe(entry)}) does not follow ${previous}: ${why}`,
    };
  }
  return undefined;
}

function describe(entry: AuditEntry): string {
  return `${String(entry.action)} at ${String(entry.at)}`;
}

function iterate<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
}
