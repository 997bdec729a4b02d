import type { Collection, Db, IndexDescription, MongoBulkWriteError } from 'mongodb';
import type {
  CustomerOutcome,
  Dimension,
  Flag,
  InteractionInsight,
  ScoredInteraction,
  Scores,
  Severity,
  Signal,
  TranscriptEntry,
} from '@rapport/schemas';
import { isDuplicateKeyError, StoreError } from './errors.js';
import { decodeInteraction, encodeInteraction, type StoredInteraction } from './interaction-codec.js';

export type ReviewStatus = 'open' | 'not_flagged';

/** One document per (tenantId, interactionId): the latest revision with its scores and flags. */
export interface InteractionDocument {
  /** `${tenantId}:${interactionId}`: the natural key, so the unique _id index guards idempotency. */
  _id: string;
  tenantId: string;
  interactionId: string;
  revision: number;
  channel: ScoredInteraction['channel'];
  occurredAt: Date;
  agent: ScoredInteraction['agent'];
  customerId: string;
  source: ScoredInteraction['source'];
  tags: string[];
  language: ScoredInteraction['language'];
  /** Plain 0-100 numbers (null = not judged), for queries and scorecards. */
  scores: Record<Dimension, number | null>;
  overall: number | null;
  /**
   * How the conversation ended for the customer (engines 2.x; absent on older documents): score
   * and summary for every interaction, as scorecards and the queue need them. Never customer text.
   */
  outcome?: Pick<CustomerOutcome, 'score' | 'summary'>;
  /** The signals and evidence behind the outcome: kept with the transcript only, like scoreDetails. */
  outcomeDetails?: Signal[];
  /** The signals behind each score, for the review detail view: kept with the transcript only. */
  scoreDetails?: Scores;
  flags: Flag[];
  flagCodes: string[];
  flagDimensions: Dimension[];
  flagged: boolean;
  maxSeverity: Severity | null;
  /** 0 none, 1 low ... 4 critical: sortable. */
  severityRank: number;
  redactions: Record<string, number>;
  /**
   * Keyphrases (from redacted text), first response time and message counts, kept for every
   * interaction: manager insights read these, as transcripts exist for flagged ones only.
   * Absent on documents from engines before insights.
   */
  insight?: InteractionInsight;
  /** Kept for flagged and control-sample interactions (or all, when the policy says so). */
  transcript?: TranscriptEntry[];
  review: { status: ReviewStatus; control: boolean };
  /**
   * Set by retention when it removed every word of the conversation (see minimisedInteraction):
   * the flag messages it replaced cannot be told apart from quoting ones by a query.
   */
  minimisedAt?: Date;
  policy: ScoredInteraction['policy'];
  engineVersion: string;
  scoredAt: Date;
  storedAt: Date;
  producedAt?: Date;
}

export interface ScoredForStorage {
  scored: ScoredInteraction;
  keepTranscript: boolean;
  /** Routed to the review queue as part of the control sample although not flagged. */
  control: boolean;
  /** When the event was produced to Kafka (the message timestamp): end-to-end latency starts here. */
  producedAt?: Date;
}

/** What a save did with one item. */
export type SaveOutcome = 'inserted' | 'updated' | 'unchanged';

export interface SaveResult {
  inserted: number;
  /** A newer revision replaced an older one. */
  updated: number;
  /** Redelivered or older revisions: nothing changed. */
  unchanged: number;
}

export function countOutcomes(outcomes: readonly SaveOutcome[]): SaveResult {
  const result: SaveResult = { inserted: 0, updated: 0, unchanged: 0 };
  for (const outcome of outcomes) result[outcome]++;
  return result;
}

const EXISTING_LOOKUP_CONCURRENCY = 8;
/** Keys per $in query (the patched FerretDB hands up to 1,000 to its _id index). */
const IN_QUERY_CHUNK = 1_000;

const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export const interactionKey = (tenantId: string, interactionId: string) => `${tenantId}:${interactionId}`;

export function toInteractionDocument(item: ScoredForStorage, now: Date): InteractionDocument {
  const s = item.scored;
  const scores = Object.fromEntries(Object.entries(s.scores).map(([d, v]) => [d, v.score])) as Record<
    Dimension,
    number | null
  >;
  return {
    _id: interactionKey(s.tenantId, s.interactionId),
    tenantId: s.tenantId,
    interactionId: s.interactionId,
    revision: s.revision,
    channel: s.channel,
    occurredAt: new Date(s.occurredAt),
    agent: s.agent,
    customerId: s.customer.id,
    source: s.source,
    tags: s.tags,
    language: s.language,
    scores,
    overall: s.overall,
    // Signals and their evidence are most of a scored interaction's size; only reviewable
    // interactions need them (data minimisation, and the cheaper write on the hot path).
    ...(item.keepTranscript ? { scoreDetails: s.scores } : {}),
    ...(s.outcome ? { outcome: { score: s.outcome.score, summary: s.outcome.summary } } : {}),
    ...(s.outcome && item.keepTranscript ? { outcomeDetails: s.outcome.signals } : {}),
    flags: s.flags,
    flagCodes: [...new Set(s.flags.map((f) => f.code))],
    flagDimensions: [...new Set(s.flags.map((f) => f.dimension))],
    flagged: s.flagged,
    maxSeverity: s.maxSeverity,
    severityRank: s.maxSeverity ? SEVERITY_RANK[s.maxSeverity] : 0,
    redactions: s.redactions,
    ...(s.insight ? { insight: s.insight } : {}),
    ...(item.keepTranscript ? { transcript: s.transcript } : {}),
    review: {
      status: s.flagged || item.control ? 'open' : 'not_flagged',
      control: item.control && !s.flagged,
    },
    policy: s.policy,
    engineVersion: s.engineVersion,
    scoredAt: new Date(s.scoredAt),
    storedAt: now,
    ...(item.producedAt ? { producedAt: item.producedAt } : {}),
  };
}

/** The document a scored interaction is stored as (see StoredInteraction). Pure. */
export function toStoredInteraction(item: ScoredForStorage, now = new Date()): StoredInteraction {
  return encodeInteraction(toInteractionDocument(item, now));
}

/**
 * The interactions collection. Writes are batched inserts keyed by the unique _id: on both
 * MongoDB and FerretDB that is the cheapest write (one statement for the batch; FerretDB applies
 * updates one document at a time, ~1-3 ms each through its _id index, see infra/README.md).
 * Only a key that already exists takes the slower path: read its revision, and replace it when
 * the new revision is higher, guarded by the revision read (an older revision never overwrites).
 * Documents are stored encoded (see StoredInteraction): read whole ones with get().
 */
export class InteractionsRepository {
  /**
   * The raw collection, for queries and projections over the plain fields. Its transcript and
   * scoreDetails may be JSON text: leave them out, or decode with decodeInteraction.
   */
  readonly collection: Collection<InteractionDocument>;
  private readonly stored: Collection<StoredInteraction>;

  constructor(db: Db) {
    this.collection = db.collection<InteractionDocument>('interactions');
    this.stored = db.collection<StoredInteraction>('interactions');
  }

  /** One interaction in its public shape, or null. */
  async get(tenantId: string, interactionId: string): Promise<InteractionDocument | null> {
    const doc = await this.stored.findOne({ _id: interactionKey(tenantId, interactionId) });
    return doc ? decodeInteraction(doc) : null;
  }

  /**
   * Idempotent; safe when several workers start at once. Creates only the indexes that are
   * missing: FerretDB 1.24 panics on createIndexes when the same indexes already exist.
   */
  async ensureIndexes(): Promise<void> {
    const wanted: (IndexDescription & { name: string })[] = [
      // The review queue: a tenant's open items, most severe and newest first.
      { key: { tenantId: 1, 'review.status': 1, severityRank: -1, occurredAt: -1 }, name: 'review_queue' },
      { key: { tenantId: 1, 'agent.id': 1, occurredAt: -1 }, name: 'agent_timeline' },
      { key: { tenantId: 1, 'agent.teamId': 1, occurredAt: -1 }, name: 'team_timeline' },
      { key: { tenantId: 1, occurredAt: -1 }, name: 'tenant_timeline' },
    ];
    // A collection that does not exist yet has no indexes (listIndexes fails with NamespaceNotFound).
    const listed: { name?: unknown }[] = await this.collection
      .listIndexes()
      .toArray()
      .catch(() => []);
    const existing = new Set(listed.map((i) => String(i.name)));
    const missing = wanted.filter((i) => !existing.has(i.name));
    if (missing.length > 0) await this.collection.createIndexes(missing);
  }

  async save(items: readonly ScoredForStorage[], now = new Date()): Promise<SaveResult> {
    return countOutcomes(await this.saveEach(items, now));
  }

  /** As save, with what happened to each item, in the order given (one insertMany for all). */
  async saveEach(items: readonly ScoredForStorage[], now = new Date()): Promise<SaveOutcome[]> {
    return this.saveEachStored(
      items.map((item) => toStoredInteraction(item, now)),
      now,
    );
  }

  /**
   * As saveEach, for documents already in their stored form (built off the I/O thread by
   * toStoredInteraction). Stamps each document's storedAt with `now`.
   */
  async saveEachStored(docs: readonly StoredInteraction[], now = new Date()): Promise<SaveOutcome[]> {
    const outcomes: SaveOutcome[] = docs.map(() => 'unchanged');
    if (docs.length === 0) return outcomes;
    // Within one batch a key can appear twice (a revision and its successor): keep the highest.
    const latest = new Map<string, { doc: StoredInteraction; item: number }>();
    for (const [item, doc] of docs.entries()) {
      doc.storedAt = now;
      const seen = latest.get(doc._id);
      if (!seen || seen.doc.revision < doc.revision) latest.set(doc._id, { doc, item });
    }
    const entries = [...latest.values()];
    const existing: typeof entries = [];
    try {
      await this.stored.insertMany(
        entries.map((e) => e.doc),
        { ordered: false },
      );
      for (const e of entries) outcomes[e.item] = 'inserted';
    } catch (err) {
      const duplicates = new Set(duplicateWriteErrors(err, entries.length));
      for (const [index, e] of entries.entries())
        if (duplicates.has(index)) existing.push(e);
        else outcomes[e.item] = 'inserted';
    }
    // Existing keys (redeliveries, new revisions). A first revision that exists can never be
    // newer than what is stored: unchanged, without a look-up (the common case, redelivery after
    // a crash or rebalance). For the others the stored revisions are read first (one query), so
    // that only the newer ones are written.
    const later = existing.filter((e) => {
      if (e.doc.revision > 1) return true;
      outcomes[e.item] = 'unchanged';
      return false;
    });
    const storedRevisions = await this.revisionsOf(later.map((e) => e.doc._id));
    const newer = later.filter((e) => {
      const stored = storedRevisions.get(e.doc._id);
      if (stored !== undefined && stored >= e.doc.revision) {
        outcomes[e.item] = 'unchanged';
        return false;
      }
      return true;
    });
    let next = 0;
    const worker = async () => {
      while (next < newer.length) {
        const e = newer[next++]!;
        outcomes[e.item] = await this.replaceIfNewer(e.doc, storedRevisions.get(e.doc._id));
      }
    };
    await Promise.all(Array.from({ length: Math.min(EXISTING_LOOKUP_CONCURRENCY, newer.length) }, worker));
    return outcomes;
  }

  /**
   * Stored revisions of these keys: one $in query per 1,000 keys, an index look-up on MongoDB and
   * on the patched FerretDB (infra/README.md), whether one key or many.
   */
  private async revisionsOf(ids: readonly string[]): Promise<Map<string, number>> {
    const revisions = new Map<string, number>();
    for (let i = 0; i < ids.length; i += IN_QUERY_CHUNK)
      for await (const doc of this.stored.find(
        { _id: { $in: ids.slice(i, i + IN_QUERY_CHUNK) } },
        { projection: { revision: 1 } },
      ))
        revisions.set(doc._id, doc.revision);
    return revisions;
  }

  /**
   * Replaces the stored document if `doc` is newer, guarded by the stored revision (`known`, as
   * just read by revisionsOf; undefined: absent), re-reading it only when the guard failed.
   */
  private async replaceIfNewer(
    doc: StoredInteraction,
    known: number | undefined,
  ): Promise<'updated' | 'unchanged'> {
    let current = known === undefined ? null : { revision: known };
    for (let attempt = 0; attempt < 5; attempt++) {
      if (attempt > 0) current = await this.stored.findOne({ _id: doc._id }, { projection: { revision: 1 } });
      if (!current) {
        try {
          await this.stored.insertOne(doc);
          return 'updated';
        } catch (err) {
          if (isDuplicateKeyError(err)) continue;
          throw err;
        }
      }
      if (current.revision >= doc.revision) return 'unchanged';
      const { matchedCount } = await this.stored.replaceOne(
        { _id: doc._id, revision: current.revision },
        doc,
      );
      if (matchedCount === 1) return 'updated';
    }
    throw new StoreError(
      'STORE_WRITE_FAILED',
      `interaction ${doc._id} kept changing while being replaced; retry the batch`,
    );
  }
}

/** Indexes of the documents that failed only because their key exists; rethrows anything else. */
function duplicateWriteErrors(err: unknown, count: number): number[] {
  const raw = (err as Partial<MongoBulkWriteError>).writeErrors as unknown;
  const list: unknown[] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const writeErrors = list as { code: number; index: number }[];
  if (writeErrors.length === 0 || writeErrors.length > count) throw err;
  const indexes: number[] = [];
  for (const we of writeErrors) {
    if (we.code !== 11000) throw err;
    indexes.push(we.index);
  }
  return indexes;
}
