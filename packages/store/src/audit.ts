import type { Collection, Db, IndexDescription } from 'mongodb';
import { AuditEntry, GENESIS_HASH, type Actor } from '@rapport/schemas';
import {
  canonicalJson,
  hashAuditEntry,
  sealOf,
  verifyAuditChain,
  type AuditKeyring,
  type AuditVerification,
} from './audit-chain.js';
import { isDuplicateKeyError, StoreError } from './errors.js';

export interface AuditInput {
  tenantId: string;
  actor: Actor;
  action: string;
  target: AuditEntry['target'];
  before: unknown;
  after: unknown;
  at?: Date;
}

/**
 * As stored. `before` and `after` are canonical JSON text: they hold other records (reviews with
 * flag decisions keyed by "tone.condescension", users...) whose keys may contain dots or start
 * with "$", which FerretDB refuses in field names. `at` is a BSON date for range queries.
 */
interface AuditDocument {
  _id: string;
  tenantId: string;
  seq: number;
  at: Date;
  actor: Actor;
  action: string;
  target: AuditEntry['target'];
  before: string;
  after: string;
  prevHash: string;
  hash: string;
  seal?: string;
  keyId?: string;
}

interface HeadDocument {
  _id: string;
  seq: number;
  hash: string;
}

interface Link {
  seq: number;
  hash: string;
}

/**
 * The per-target index: slot n (1, 2, 3 ... without gaps) of a target points at an entry about
 * it. Insert-only, so it needs no atomic update (FerretDB has none): of two writers claiming one
 * slot only one insert succeeds. A slot may point at an entry about something else (its writer
 * lost the seq to another and crashed before re-pointing it): readers check the target.
 */
interface TargetSlotDocument {
  /** `${tenantId}:${type}:${id}:${slot}`, each part URI-encoded, the slot zero-padded. */
  _id: string;
  seq: number;
}

/** A tenant whose per-target index holds every entry of its log (written by the migration). */
interface TargetsIndexedDocument {
  /** `${tenantId}` URI-encoded: never the form of a slot. */
  _id: string;
  at: Date;
}

type Target = AuditEntry['target'];

// Each lost race costs one insert and one read; 4 writers appending flat out lose a few times
// each. Far beyond that the log is not busy but broken (e.g. an entry that cannot be read).
const MAX_APPEND_ATTEMPTS = 100;
const READ_BATCH = 500;
/** Slots of a target read per query (an _id $in: an index look-up on MongoDB and, patched, FerretDB). */
const SLOT_BATCH = 16;

export const auditKey = (tenantId: string, seq: number) => `${tenantId}:${String(seq).padStart(12, '0')}`;

const slotKey = (tenantId: string, target: Target, slot: number) =>
  [tenantId, target.type, target.id].map(encodeURIComponent).join(':') + `:${String(slot).padStart(9, '0')}`;
const indexedKey = (tenantId: string) => encodeURIComponent(tenantId);

/**
 * A tenant's tamper-evident audit log: entries `${tenantId}:${seq}` in `audit`, and one head
 * document per tenant in `audit_heads` pointing at the newest entry. The unique _id is what keeps
 * the chain linear: of two writers building the same seq only one insert succeeds, and the other
 * re-reads and chains after it. The head is only a shortcut to the tail and may lag (a writer that
 * crashed between its insert and the head update), so a writer that loses a race probes forward.
 *
 * `audit_targets` indexes the entries by target (an interaction, a user...), so one
 * conversation's history is a few _id look-ups, not a read of the tenant's whole log: before an
 * entry is inserted, a slot of its target points at its seq (see TargetSlotDocument), so no entry
 * is ever missing from its target's history, even when its writer crashes.
 */
export interface AuditLogOptions {
  /** Seals every new entry with the current key (see AuditEntry.seal); none: entries unsealed. */
  keyring?: AuditKeyring;
  /**
   * Told of every appended entry, to publish the new head outside the database (the compacted
   * topic rapport.audit.heads.v1). Its failure does not undo the append: the next one anchors
   * the chain again, and verify says when the anchor lags.
   */
  onAppend?: (entry: AuditEntry) => Promise<void>;
}

export class AuditLog {
  readonly collection: Collection<AuditDocument>;
  readonly heads: Collection<HeadDocument>;
  readonly targets: Collection<TargetSlotDocument>;
  private readonly indexed: Collection<TargetsIndexedDocument>;

  constructor(
    db: Db,
    private readonly options: AuditLogOptions = {},
  ) {
    this.collection = db.collection<AuditDocument>('audit');
    this.heads = db.collection<HeadDocument>('audit_heads');
    this.targets = db.collection<TargetSlotDocument>('audit_targets');
    this.indexed = db.collection<TargetsIndexedDocument>('audit_targets');
  }

  /**
   * Idempotent. Creates only missing indexes: FerretDB 1.24 drops the connection otherwise. Then
   * indexes by target the logs written before the per-target index existed (see indexTargets).
   */
  async ensureIndexes(): Promise<void> {
    const wanted: (IndexDescription & { name: string })[] = [
      { key: { tenantId: 1, seq: 1 }, name: 'tenant_seq' },
    ];
    const listed: { name?: unknown }[] = await this.collection
      .listIndexes()
      .toArray()
      .catch(() => []);
    const existing = new Set(listed.map((i) => String(i.name)));
    const missing = wanted.filter((i) => !existing.has(i.name));
    if (missing.length > 0) await this.collection.createIndexes(missing);
    for await (const head of this.heads.find({}, { projection: { _id: 1 } }))
      if (!(await this.targetsIndexed(head._id))) await this.indexTargets(head._id);
  }

  /** Whether every entry of the tenant's log is in the per-target index. */
  private async targetsIndexed(tenantId: string): Promise<boolean> {
    return (await this.indexed.findOne({ _id: indexedKey(tenantId) }, { projection: { _id: 1 } })) !== null;
  }

  private async markTargetsIndexed(tenantId: string): Promise<void> {
    try {
      await this.indexed.insertOne({ _id: indexedKey(tenantId), at: new Date() });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  /**
   * The migration of a log written before the per-target index: reads the tenant's log once and
   * gives every entry without a slot one, then marks the tenant indexed. Safe beside writers and
   * another migration (a seq pointed at twice is read once), and idempotent.
   */
  async indexTargets(tenantId: string): Promise<{ entries: number; added: number }> {
    const byTarget = new Map<string, { target: Target; seqs: number[] }>();
    let entries = 0;
    const cursor = this.collection.find(
      { tenantId },
      { projection: { seq: 1, target: 1 }, batchSize: READ_BATCH },
    );
    for await (const doc of cursor) {
      entries++;
      const key = slotKey(tenantId, doc.target, 0);
      const known = byTarget.get(key) ?? { target: doc.target, seqs: [] };
      known.seqs.push(doc.seq);
      byTarget.set(key, known);
    }
    let added = 0;
    for (const { target, seqs } of byTarget.values()) {
      const slots = await this.slotsOf(tenantId, target);
      const pointed = new Set(slots.map((s) => s.seq));
      for (const seq of seqs.sort((a, b) => a - b))
        if (!pointed.has(seq)) {
          await this.claimSlot(tenantId, target, seq, slots.length + 1);
          added++;
        }
    }
    await this.markTargetsIndexed(tenantId);
    return { entries, added };
  }

  /** The slots of a target in order: read SLOT_BATCH at a time until one is missing. */
  private async slotsOf(tenantId: string, target: Target): Promise<{ _id: string; seq: number }[]> {
    const slots: { _id: string; seq: number }[] = [];
    for (let from = 1; ; from += SLOT_BATCH) {
      const ids = Array.from({ length: SLOT_BATCH }, (_, i) => slotKey(tenantId, target, from + i));
      const found = new Map<string, number>();
      for (const doc of await this.targets.find({ _id: { $in: ids } }).toArray()) found.set(doc._id, doc.seq);
      for (const id of ids) {
        const seq = found.get(id);
        if (seq === undefined) return slots;
        slots.push({ _id: id, seq });
      }
    }
  }

  /** Takes the first free slot of the target from `from` on (slots are never left empty), pointing at `seq`. */
  private async claimSlot(tenantId: string, target: Target, seq: number, from?: number): Promise<string> {
    let slot = from ?? (await this.slotsOf(tenantId, target)).length + 1;
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++, slot++) {
      const _id = slotKey(tenantId, target, slot);
      try {
        await this.targets.insertOne({ _id, seq });
        return _id;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    throw new StoreError(
      'WRITE_CONFLICT',
      `could not index an audit entry of ${tenantId} by its target after ${MAX_APPEND_ATTEMPTS} attempts; retry`,
    );
  }

  async append(input: AuditInput): Promise<AuditEntry> {
    const fields = {
      tenantId: input.tenantId,
      at: (input.at ?? new Date()).toISOString(),
      actor: plain(input.actor) as Actor,
      action: input.action,
      target: plain(input.target) as AuditEntry['target'],
      before: plain(input.before),
      after: plain(input.after),
    };
    let tail = await this.head(input.tenantId);
    // A new log is indexed by target from its first entry on.
    if (tail.seq === 0) await this.markTargetsIndexed(input.tenantId);
    let slot: { _id: string; seq: number } | undefined;
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const body = { ...fields, seq: tail.seq + 1, prevHash: tail.hash };
      const hash = hashAuditEntry(body);
      const key = this.options.keyring?.current;
      const entry: AuditEntry = key
        ? { ...body, hash, seal: sealOf(key.key, hash), keyId: key.id }
        : { ...body, hash };
      if (attempt === 0) checkEntry(entry);
      // The slot first, so that no entry exists without one; re-pointed when the seq moved on.
      if (!slot)
        slot = { _id: await this.claimSlot(input.tenantId, fields.target, entry.seq), seq: entry.seq };
      else if (slot.seq !== entry.seq) {
        await this.targets.updateOne({ _id: slot._id }, { $set: { seq: entry.seq } });
        slot.seq = entry.seq;
      }
      try {
        await this.collection.insertOne(toDocument(entry));
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        tail = await this.tailFrom(input.tenantId, tail);
        continue;
      }
      await this.moveHead(entry);
      await this.options.onAppend?.(entry).catch(() => undefined);
      return entry;
    }
    throw new StoreError(
      'WRITE_CONFLICT',
      `could not append to the audit log of ${input.tenantId} after ${MAX_APPEND_ATTEMPTS} attempts: other writers kept taking the next entry; retry`,
    );
  }

  /** Where the head document points (seq 0 and the genesis hash for an empty log). */
  async head(tenantId: string): Promise<Link> {
    const head = await this.heads.findOne({ _id: tenantId });
    return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * The newest entry at or after `known`: the head moved on if another writer won, or a stale
   * head is probed forward entry by entry (by _id, the lookup FerretDB serves fast).
   */
  private async tailFrom(tenantId: string, known: Link): Promise<Link> {
    const head = await this.head(tenantId);
    let tail = head.seq > known.seq ? head : known;
    for (;;) {
      const next = await this.collection.findOne(
        { _id: auditKey(tenantId, tail.seq + 1) },
        { projection: { seq: 1, hash: 1 } },
      );
      if (!next) return tail;
      tail = { seq: next.seq, hash: next.hash };
    }
  }

  /** Moves the head forward only: a slower writer never moves it back. */
  private async moveHead(entry: AuditEntry): Promise<void> {
    const { tenantId, seq, hash } = entry;
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const { matchedCount } = await this.heads.updateOne(
        { _id: tenantId, seq: { $lt: seq } },
        { $set: { seq, hash } },
      );
      if (matchedCount === 1) return;
      try {
        await this.heads.insertOne({ _id: tenantId, seq, hash });
        return;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      // It exists: either ahead of us already (done) or just created behind us (try again).
      if ((await this.head(tenantId)).seq >= seq) return;
    }
    // The entry is written; a lagging head is repaired by the next writer's probe.
  }

  /**
   * A tenant's entries in seq order, optionally only those with `from <= at < to`.
   *
   * Read by _id, READ_BATCH seqs per $in query, from 1 until the head is passed and a batch comes
   * back empty (the head may lag behind the last entry; a deleted entry, or a deleted run of
   * them, is a gap the verifier reports). Memory stays flat. These are index look-ups on MongoDB
   * and on the patched FerretDB, where any other filter (a tenant cursor) decodes every tenant's
   * entries in Go: measured on FerretDB with 5,000 entries of the tenant among 15,000, the tenant
   * cursor took 4.2 s and the _id batches 1.2 s, and the cursor grows with other tenants' logs.
   */
  async *entries(tenantId: string, opts: { from?: Date; to?: Date } = {}): AsyncIterable<AuditEntry> {
    const at: { $gte?: Date; $lt?: Date } = {};
    if (opts.from) at.$gte = opts.from;
    if (opts.to) at.$lt = opts.to;
    const period = Object.keys(at).length > 0 ? { at } : {};
    const head = await this.head(tenantId);
    for (let from = 1; ; from += READ_BATCH) {
      const ids = Array.from({ length: READ_BATCH }, (_, i) => auditKey(tenantId, from + i));
      const docs = await this.collection.find({ _id: { $in: ids }, ...period }).toArray();
      if (docs.length === 0 && from > head.seq) return;
      // Keys are zero-padded: their order is the order of seq.
      docs.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
      for (const doc of docs) yield fromDocument(doc);
    }
  }

  /**
   * The entries about one target (e.g. an interaction), in seq order: its slots, then its entries,
   * each read by _id (index look-ups on MongoDB and on the patched FerretDB), so the cost follows
   * the target's entries, not the log. A log written before the per-target index and not yet
   * migrated (see indexTargets) is read whole instead.
   */
  async entriesAbout(tenantId: string, target: Target): Promise<AuditEntry[]> {
    const about = (e: { target: Target }) => e.target.type === target.type && e.target.id === target.id;
    if (!(await this.targetsIndexed(tenantId))) {
      const out: AuditEntry[] = [];
      for await (const e of this.entries(tenantId)) if (about(e)) out.push(e);
      return out;
    }
    const seqs = [...new Set((await this.slotsOf(tenantId, target)).map((s) => s.seq))];
    const out: AuditEntry[] = [];
    for (let i = 0; i < seqs.length; i += READ_BATCH) {
      const ids = seqs.slice(i, i + READ_BATCH).map((seq) => auditKey(tenantId, seq));
      for (const doc of await this.collection.find({ _id: { $in: ids } }).toArray())
        if (about(doc)) out.push(fromDocument(doc));
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /**
   * The newest `limit` entries, newest first: from the tail (the head, probed forward) back, by
   * _id, so the cost follows `limit`, not the log.
   */
  async latest(tenantId: string, limit: number): Promise<AuditEntry[]> {
    const tail = await this.tailFrom(tenantId, { seq: 0, hash: GENESIS_HASH });
    const batch = Math.min(READ_BATCH, Math.max(1, limit));
    const out: AuditEntry[] = [];
    for (let to = tail.seq; to >= 1 && out.length < limit; to -= batch) {
      const from = Math.max(1, to - batch + 1);
      const ids = Array.from({ length: to - from + 1 }, (_, i) => auditKey(tenantId, from + i));
      const docs = await this.collection.find({ _id: { $in: ids } }).toArray();
      docs.sort((a, b) => (a._id < b._id ? 1 : a._id > b._id ? -1 : 0));
      for (const doc of docs.slice(0, limit - out.length)) out.push(fromDocument(doc));
    }
    return out;
  }

  /** One entry by seq, or null. */
  async entry(tenantId: string, seq: number): Promise<AuditEntry | null> {
    const doc = await this.collection.findOne({ _id: auditKey(tenantId, seq) });
    return doc ? fromDocument(doc) : null;
  }

  /**
   * Verifies the tenant's whole chain, and that it reaches the head: deleting the newest entries
   * leaves an intact but shorter chain, which only the head reveals.
   */
  async verify(
    tenantId: string,
    onEntry?: (entry: AuditEntry) => void,
    check: { anchor?: { seq: number; hash: string } } = {},
  ): Promise<AuditVerification> {
    const { anchor } = check;
    let anchored: string | undefined;
    const source = tap(this.entries(tenantId), (e) => {
      if (anchor && e.seq === anchor.seq) anchored = e.hash;
      onEntry?.(e);
    });
    const keys = this.options.keyring?.keys;
    const result = await verifyAuditChain(source, keys ? { keys } : {});
    if (!result.ok) return result;
    // The anchor was published outside the database when that entry was written: a chain
    // rewritten since, with its hashes recomputed, holds another hash there.
    if (anchor && anchored !== anchor.hash)
      return {
        ...result,
        // What stands before the anchored entry is all that can still be vouched for.
        checked: Math.min(result.checked, anchor.seq - 1),
        lastSeq: Math.min(result.lastSeq, anchor.seq - 1),
        ok: false,
        firstBroken: {
          seq: anchor.seq,
          reason: anchor.seq > result.lastSeq ? 'missing_entry' : 'anchor_mismatch',
          message:
            anchor.seq > result.lastSeq
              ? `the log ends at entry ${result.lastSeq} but its published anchor records entry ${anchor.seq}: the newest entries were deleted`
              : `entry ${anchor.seq} does not hold the hash published for it when it was written: the chain was rewritten and its hashes recomputed`,
        },
      };
    const head = await this.head(tenantId);
    if (head.seq <= result.lastSeq) return result;
    const missing =
      head.seq === result.lastSeq + 1
        ? `entry ${head.seq} is`
        : `entries ${result.lastSeq + 1} to ${head.seq} are`;
    return {
      ...result,
      ok: false,
      firstBroken: {
        seq: result.lastSeq + 1,
        reason: 'missing_entry',
        message: `${missing} missing: the log ends at entry ${result.lastSeq} but its head records entry ${head.seq}, so the newest entries were deleted`,
      },
    };
  }
}

/** Plain JSON values, so the hash computed now is the one recomputed from what is read back. */
function plain(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(canonicalJson(value)) as unknown);
}

function checkEntry(entry: AuditEntry): void {
  const parsed = AuditEntry.safeParse(entry);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(entry)';
  throw new StoreError(
    'AUDIT_ENTRY_INVALID',
    `audit entry for ${entry.tenantId} rejected: ${where}: ${issue?.message ?? 'invalid'}`,
  );
}

function toDocument(e: AuditEntry): AuditDocument {
  return {
    _id: auditKey(e.tenantId, e.seq),
    tenantId: e.tenantId,
    seq: e.seq,
    at: new Date(e.at),
    actor: e.actor,
    action: e.action,
    target: e.target,
    before: canonicalJson(e.before),
    after: canonicalJson(e.after),
    prevHash: e.prevHash,
    hash: e.hash,
    ...(e.seal === undefined ? {} : { seal: e.seal, keyId: e.keyId ?? '' }),
  };
}

/**
 * Tolerant of tampering: whatever a document holds reaches the verifier (which then reports a
 * hash mismatch) instead of failing the read.
 */
function fromDocument(doc: AuditDocument): AuditEntry {
  return {
    tenantId: doc.tenantId,
    seq: doc.seq,
    at: doc.at instanceof Date ? doc.at.toISOString() : String(doc.at),
    actor: doc.actor,
    action: doc.action,
    target: doc.target,
    before: parseStored(doc.before),
    after: parseStored(doc.after),
    prevHash: doc.prevHash,
    hash: doc.hash,
    ...(doc.seal === undefined ? {} : { seal: doc.seal, keyId: doc.keyId ?? '' }),
  };
}

function parseStored(stored: unknown): unknown {
  if (typeof stored !== 'string') return stored;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return stored;
  }
}

async function* tap<T>(source: AsyncIterable<T>, onItem: (item: T) => void): AsyncIterable<T> {
  for await (const item of source) {
    onItem(item);
    yield item;
  }
}
