import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
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

/** SHA-256 (hex) of the canonical JSON of every field but `hash` and the seal, `prevHash` included. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { hash: _hash, seal: _seal, keyId: _keyId, ...rest } = entry as AuditEntry;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/**
 * The audit keys, kept outside the database (configuration: AUDIT_KEYS). `current` seals new
 * entries; every key, current or retired, verifies the entries it sealed.
 */
export interface AuditKeyring {
  current: { id: string; key: Buffer };
  keys: ReadonlyMap<string, Buffer>;
}

/**
 * Parses AUDIT_KEYS: `id:base64key` pairs separated by commas, the first one current. Keys are
 * at least 32 bytes (HMAC-SHA256's block of strength).
 */
export function parseAuditKeys(text: string): AuditKeyring {
  const keys = new Map<string, Buffer>();
  let current: AuditKeyring['current'] | undefined;
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const at = part.indexOf(':');
    const id = at > 0 ? part.slice(0, at) : '';
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id))
      throw new TypeError(
        `AUDIT_KEYS: "${id || part.slice(0, 8)}..." needs the form id:base64key (id of letters, digits, . _ -)`,
      );
    const key = Buffer.from(part.slice(at + 1), 'base64');
    if (key.length < 32)
      throw new TypeError(
        `AUDIT_KEYS: key "${id}" has ${key.length} bytes; use at least 32 (e.g. openssl rand -base64 32)`,
      );
    if (keys.has(id)) throw new TypeError(`AUDIT_KEYS: key id "${id}" is listed twice`);
    keys.set(id, key);
    current ??= { id, key };
  }
  if (!current)
    throw new TypeError('AUDIT_KEYS: no key given; set id:base64key (e.g. openssl rand -base64 32)');
  return { current, keys };
}

/** HMAC-SHA256 (hex) of an entry's hash under a key. */
export function sealOf(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(hash, 'utf8').digest('hex');
}

function sealMatches(key: Buffer, hash: string, seal: string): boolean {
  const expected = Buffer.from(sealOf(key, hash), 'hex');
  const given = Buffer.from(seal, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type AuditBreakReason =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'missing_entry'
  | 'out_of_order'
  | 'seal_mismatch'
  | 'seal_missing'
  | 'unknown_key'
  | 'anchor_mismatch';

export interface AuditVerification {
  /** True when every entry is unaltered and links to the one before it, from seq 1 on. */
  ok: boolean;
  /** Entries found intact (all of them when ok; those before the first broken link otherwise). */
  checked: number;
  /** The seq of the last intact entry (0 when none). */
  lastSeq: number;
  firstBroken?: { seq: number; reason: AuditBreakReason; message: string };
  /** Entries whose seal was checked with a key (0 when no keys were given). */
  sealed: number;
  /** Entries without a seal: those written before the log was keyed. */
  unsealed: number;
}

export interface VerifyOptions {
  /** Checks the seals; without it, seals are not checked and only the SHA-256 chain is. */
  keys?: ReadonlyMap<string, Buffer>;
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
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const it = iterate(entries);
  let checked = 0;
  let lastSeq = 0;
  let sealed = 0;
  let unsealed = 0;
  let sealedFrom: number | undefined;
  let prevHash = GENESIS_HASH;
  let current = await it.next();
  while (!current.done) {
    const entry = current.value;
    const next = await it.next();
    const after = next.done ? undefined : next.value;
    const broken =
      inspect(entry, lastSeq + 1, prevHash, after) ?? inspectSeal(entry, sealedFrom, options.keys);
    if (broken) return { ok: false, checked, lastSeq, firstBroken: broken, sealed, unsealed };
    if (entry.seal !== undefined) {
      sealedFrom ??= entry.seq;
      if (options.keys) sealed++;
    } else unsealed++;
    checked++;
    lastSeq = entry.seq;
    prevHash = entry.hash;
    current = next;
  }
  return { ok: true, checked, lastSeq, sealed, unsealed };
}

/**
 * A sealed log stays sealed: an entry without a seal after a sealed one was written or rewritten
 * by someone without the key. With keys, every seal must match its entry's hash.
 */
function inspectSeal(
  entry: AuditEntry,
  sealedFrom: number | undefined,
  keys: ReadonlyMap<string, Buffer> | undefined,
): AuditVerification['firstBroken'] {
  if (entry.seal === undefined) {
    if (sealedFrom === undefined) return undefined;
    return {
      seq: entry.seq,
      reason: 'seal_missing',
      message: `entry ${entry.seq} (${describe(entry)}) has no seal although the log is sealed from entry ${sealedFrom}: it was written or rewritten without the audit key`,
    };
  }
  if (!keys) return undefined;
  const key = keys.get(entry.keyId ?? '');
  if (!key)
    return {
      seq: entry.seq,
      reason: 'unknown_key',
      message: `entry ${entry.seq} is sealed with key "${entry.keyId ?? ''}", which AUDIT_KEYS does not hold: add that key (retired keys stay listed) or the seal was forged`,
    };
  if (!sealMatches(key, entry.hash, entry.seal))
    return {
      seq: entry.seq,
      reason: 'seal_mismatch',
      message: `entry ${entry.seq} (${describe(entry)}) does not carry the seal of its hash: the chain was rewritten and its hashes recomputed by someone without the audit key`,
    };
  return undefined;
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
