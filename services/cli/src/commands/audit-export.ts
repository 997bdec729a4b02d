import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import {
  DIMENSIONS,
  type Actor,
  type AuditEntry,
  type FlagDecision,
  type ReviewState,
} from '@rapport/schemas';
import {
  AuditLog,
  canonicalJson,
  InteractionsRepository,
  ReviewsRepository,
  type InteractionDocument,
  type ReviewDocument,
  type StoreConnection,
} from '@rapport/store';
import { Progress } from '../progress.js';

export type ExportFormat = 'ndjson' | 'csv';

type Db = StoreConnection['db'];

interface InteractionFilter {
  tenantId: string;
  occurredAt?: { $gte?: Date; $lt?: Date };
}

export interface ExportOptions {
  tenantId: string;
  /** Interactions that occurred, and audit entries written, in [from, to). */
  from?: Date;
  to?: Date;
  format: ExportFormat;
  /** A file; standard output (ndjson only) when absent. */
  out?: string;
  actor: Actor;
  /** Standard output by default; tests pass their own. */
  stdout?: Writable;
  /** The log the export is read from and recorded in (sealing with AUDIT_KEYS); a plain one when absent. */
  log?: AuditLog;
}

export interface ExportSummary {
  interactions: number;
  /** Interactions that had a review document. */
  reviews: number;
  auditEntries: number;
  files: string[];
  /** SHA-256 of each file written (or of standard output), as recorded in the audit log. */
  sha256: string[];
  seconds: number;
  /** The seq of the `audit.export` entry that records this export. */
  recordedSeq: number;
}

/** The review as exported: its decisions. Notes and comments are internal discussion, left out. */
export interface ExportedReview {
  status: ReviewState['status'] | InteractionDocument['review']['status'];
  control: boolean;
  version: number | null;
  assignee: string | null;
  flagDecisions: FlagDecision[];
  coaching: ReviewState['coaching'];
  escalation: ReviewState['escalation'];
  agentResponse: ReviewState['agentResponse'];
  ruling: ReviewState['ruling'];
  controlVerdict: ReviewState['controlVerdict'];
  updatedAt: string | null;
}

export interface ExportedInteraction {
  type: 'interaction';
  tenantId: string;
  interactionId: string;
  revision: number;
  channel: InteractionDocument['channel'];
  occurredAt: string;
  agent: InteractionDocument['agent'];
  customerId: string;
  source: InteractionDocument['source'];
  tags: string[];
  language: InteractionDocument['language'];
  scores: InteractionDocument['scores'];
  overall: number | null;
  flagged: boolean;
  maxSeverity: InteractionDocument['maxSeverity'];
  flags: InteractionDocument['flags'];
  review: ExportedReview;
  policy: InteractionDocument['policy'];
  engineVersion: string;
  scoredAt: string;
}

export type ExportedAudit = { type: 'audit' } & AuditEntry;

const BATCH = 500;

/** Where the audit entries of a CSV export go: export.csv -> export.audit.csv. */
export const auditCsvPath = (out: string) => `${out.replace(/\.csv$/i, '')}.audit.csv`;

/**
 * One column per value; lists joined with ";"; booleans "true"/"false". Scores are 0-100 or
 * empty (not judged); flag decisions are "code=confirmed"; before/after of audit entries are
 * canonical JSON, so the entry's hash can be recomputed from the CSV. A field that a spreadsheet
 * would run as a formula (it starts with =, +, -, @, a tab or CR) gets a leading apostrophe: ids,
 * assignees and actors come from producers and users, and auditors open these files in
 * spreadsheets. Remove that apostrophe before recomputing a hash.
 */
export const INTERACTION_COLUMNS = [
  'tenantId',
  'interactionId',
  'revision',
  'channel',
  'occurredAt',
  'agentId',
  'teamId',
  'customerId',
  'language',
  ...DIMENSIONS.map((d) => `score_${d}`),
  'overall',
  'flagged',
  'maxSeverity',
  'flagCodes',
  'flagSeverities',
  'reviewStatus',
  'reviewControl',
  'reviewVersion',
  'assignee',
  'flagDecisions',
  'coachedBy',
  'escalatedBy',
  'agentResponse',
  'ruling',
  'controlVerdict',
  'reviewUpdatedAt',
  'policy',
  'engineVersion',
  'scoredAt',
] as const;

export const AUDIT_COLUMNS = [
  'tenantId',
  'seq',
  'at',
  'actorId',
  'actorRole',
  'actorVia',
  'action',
  'targetType',
  'targetId',
  'before',
  'after',
  'prevHash',
  'hash',
] as const;

/**
 * Streams a tenant's interactions in a period with their scores, flags and review decisions,
 * then the audit entries of the period, and records the export in the audit log. Memory stays
 * flat: interactions and reviews come from two cursors in _id order, merged as they arrive (a
 * review has its interaction's _id), and every write waits for the output to drain.
 */
export async function exportAudit(db: Db, o: ExportOptions): Promise<ExportSummary> {
  const started = Date.now();
  const log = o.log ?? new AuditLog(db);
  await log.ensureIndexes();
  const occurredAt: { $gte?: Date; $lt?: Date } = {};
  if (o.from) occurredAt.$gte = o.from;
  if (o.to) occurredAt.$lt = o.to;
  const filter: InteractionFilter = { tenantId: o.tenantId };
  if (o.from || o.to) filter.occurredAt = occurredAt;
  const interactions = new InteractionsRepository(db).collection;
  const total = await interactions.countDocuments(filter);

  const sinks = openSinks(o);
  const summary = { interactions: 0, reviews: 0, auditEntries: 0 };
  try {
    const main = sinks[0]!;
    const audit = sinks[1] ?? main;
    const progress = new Progress('exporting interactions', total);
    let header = true;
    for await (const record of exportedInteractions(db, filter, o.tenantId)) {
      summary.interactions++;
      if (record.review.version !== null) summary.reviews++;
      if (o.format === 'ndjson') await main.write(`${JSON.stringify(record)}\n`);
      else {
        await main.write(csvRows([interactionRow(record)], INTERACTION_COLUMNS, header));
        header = false;
      }
      progress.tick();
    }
    progress.finish();
    const range = { ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) };
    header = true;
    for await (const entry of log.entries(o.tenantId, range)) {
      summary.auditEntries++;
      if (o.format === 'ndjson') await audit.write(`${JSON.stringify({ type: 'audit', ...entry })}\n`);
      else {
        await audit.write(csvRows([auditRow(entry)], AUDIT_COLUMNS, header));
        header = false;
      }
    }
    // An empty CSV still says what its columns are.
    if (o.format === 'csv') {
      if (summary.interactions === 0) await main.write(csvRows([], INTERACTION_COLUMNS, true));
      if (summary.auditEntries === 0) await audit.write(csvRows([], AUDIT_COLUMNS, true));
    }
    for (const sink of sinks) await sink.end();
  } catch (err) {
    for (const sink of sinks) sink.destroy();
    throw err;
  }
  const files = sinks.map((s) => s.name);
  const sha256 = sinks.map((s) => s.digest);
  const recorded = await log.append({
    tenantId: o.tenantId,
    actor: o.actor,
    action: 'audit.export',
    target: { type: 'export', id: `${o.tenantId}:${new Date(started).toISOString()}` },
    before: null,
    after: {
      format: o.format,
      from: o.from?.toISOString() ?? null,
      to: o.to?.toISOString() ?? null,
      interactions: summary.interactions,
      auditEntries: summary.auditEntries,
      files: files.map((f) => (f === 'stdout' ? f : basename(f))),
      sha256,
    },
  });
  return {
    ...summary,
    files: files.filter((f) => f !== 'stdout'),
    sha256,
    seconds: (Date.now() - started) / 1000,
    recordedSeq: recorded.seq,
  };
}

/** The period's interactions, each with its review (if any), in _id order. */
export async function* exportedInteractions(
  db: Db,
  filter: InteractionFilter,
  tenantId: string,
): AsyncIterable<ExportedInteraction> {
  const interactions = new InteractionsRepository(db).collection.find(filter, {
    projection: { transcript: 0, scoreDetails: 0, insight: 0 },
    sort: { _id: 1 },
    batchSize: BATCH,
  });
  const reviews = new ReviewsRepository(db).collection.find(
    { tenantId },
    { projection: { notes: 0, comments: 0 }, sort: { _id: 1 }, batchSize: BATCH },
  );
  const reviewIt = reviews[Symbol.asyncIterator]();
  let review = await reviewIt.next();
  try {
    for await (const doc of interactions) {
      // Reviews of interactions outside the period are passed over on the way.
      while (!review.done && compareKeys(review.value._id, doc._id) < 0) review = await reviewIt.next();
      const match = !review.done && review.value._id === doc._id ? review.value : null;
      yield exported(doc, match);
    }
  } finally {
    await interactions.close();
    await reviews.close();
  }
}

/** Both servers order strings by their UTF-8 bytes; JavaScript compares UTF-16 code units. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function exported(doc: InteractionDocument, review: ReviewDocument | null): ExportedInteraction {
  return {
    type: 'interaction',
    tenantId: doc.tenantId,
    interactionId: doc.interactionId,
    revision: doc.revision,
    channel: doc.channel,
    occurredAt: iso(doc.occurredAt),
    agent: doc.agent,
    customerId: doc.customerId,
    source: doc.source,
    tags: doc.tags,
    language: doc.language,
    scores: doc.scores,
    overall: doc.overall,
    flagged: doc.flagged,
    maxSeverity: doc.maxSeverity,
    flags: doc.flags,
    review: {
      status: review?.status ?? doc.review.status,
      control: doc.review.control,
      version: review?.version ?? null,
      assignee: review?.assignee ?? null,
      flagDecisions: review?.flagDecisions ?? [],
      coaching: review?.coaching ?? null,
      escalation: review?.escalation ?? null,
      agentResponse: review?.agentResponse ?? null,
      ruling: review?.ruling ?? null,
      controlVerdict: review?.controlVerdict ?? null,
      updatedAt: review?.updatedAt ?? null,
    },
    policy: doc.policy,
    engineVersion: doc.engineVersion,
    scoredAt: iso(doc.scoredAt),
  };
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);

function interactionRow(r: ExportedInteraction): Record<(typeof INTERACTION_COLUMNS)[number], unknown> {
  const scores = Object.fromEntries(DIMENSIONS.map((d) => [`score_${d}`, r.scores[d] ?? '']));
  return {
    tenantId: r.tenantId,
    interactionId: r.interactionId,
    revision: r.revision,
    channel: r.channel,
    occurredAt: r.occurredAt,
    agentId: r.agent.id,
    teamId: r.agent.teamId,
    customerId: r.customerId,
    language: r.language.code,
    ...(scores as Record<`score_${(typeof DIMENSIONS)[number]}`, unknown>),
    overall: r.overall ?? '',
    flagged: String(r.flagged),
    maxSeverity: r.maxSeverity ?? '',
    flagCodes: [...new Set(r.flags.map((f) => f.code))].join(';'),
    flagSeverities: r.flags.map((f) => `${f.code}:${f.severity}`).join(';'),
    reviewStatus: r.review.status,
    reviewControl: String(r.review.control),
    reviewVersion: r.review.version ?? '',
    assignee: r.review.assignee ?? '',
    flagDecisions: r.review.flagDecisions.map((d) => `${d.code}=${d.decision}`).join(';'),
    coachedBy: r.review.coaching?.by ?? '',
    escalatedBy: r.review.escalation?.by ?? '',
    agentResponse: r.review.agentResponse?.kind ?? '',
    ruling: r.review.ruling?.outcome ?? '',
    controlVerdict: r.review.controlVerdict?.verdict ?? '',
    reviewUpdatedAt: r.review.updatedAt ?? '',
    policy: `${r.policy.id}@${r.policy.version}`,
    engineVersion: r.engineVersion,
    scoredAt: r.scoredAt,
  };
}

function auditRow(e: AuditEntry): Record<(typeof AUDIT_COLUMNS)[number], unknown> {
  return {
    tenantId: e.tenantId,
    seq: e.seq,
    at: e.at,
    actorId: e.actor.id,
    actorRole: e.actor.role,
    actorVia: e.actor.via,
    action: e.action,
    targetType: e.target.type,
    targetId: e.target.id,
    before: canonicalJson(e.before),
    after: canonicalJson(e.after),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/** Rows as CSV (RFC 4180), formulas defused (see INTERACTION_COLUMNS). */
export function csvRows(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  header: boolean,
): string {
  return stringify([...rows], { header, columns: [...columns], escape_formulas: true });
}

/** An output that hashes what it writes and waits for the stream to drain (backpressure). */
class Sink {
  private readonly hash: Hash = createHash('sha256');
  digest = '';

  constructor(
    readonly name: string,
    private readonly stream: Writable,
    private readonly owned: boolean,
  ) {}

  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    this.hash.update(text, 'utf8');
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    this.digest = this.hash.digest('hex');
    if (!this.owned) return;
    this.stream.end();
    await once(this.stream, 'finish');
  }

  destroy(): void {
    if (this.owned) this.stream.destroy();
  }
}

function openSinks(o: ExportOptions): Sink[] {
  if (!o.out) return [new Sink('stdout', o.stdout ?? process.stdout, false)];
  const main = new Sink(o.out, createWriteStream(o.out), true);
  if (o.format === 'ndjson') return [main];
  const auditPath = auditCsvPath(o.out);
  return [main, new Sink(auditPath, createWriteStream(auditPath), true)];
}
