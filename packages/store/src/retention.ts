import type { Collection, Db, Filter } from 'mongodb';
import { flagWithoutText, type FlagExplanation, type Flag, type Policy } from '@rapport/schemas';
import { isDuplicateKeyError } from './errors.js';
import type { InteractionDocument } from './interactions.js';
import type { ReviewDocument } from './reviews.js';

/** The free text of a review after retention: Note.text must not be empty, so a marker stays. */
export const REMOVED_TEXT = '[removed by retention]';

export interface RetentionOptions {
  tenantId: string;
  retention: Policy['retention'];
  now?: Date;
  /** Count what would be removed, change nothing. */
  dryRun?: boolean;
  /** Called as interactions are handled, with how many were just handled. */
  onProgress?: (handled: number) => void;
  /**
   * What a minimised flag says instead of its message (which quotes the evidence): the engine's
   * catalog explanation of the code (`genericFlagMessage` of @rapport/scoring), which the store
   * does not depend on. Without it, a sentence naming the code.
   */
  explainFlag?: FlagExplanation;
}

export interface RetentionReport {
  tenantId: string;
  /** Interactions that occurred before this instant are past retention. */
  cutoff: string;
  days: number;
  keepScores: boolean;
  dryRun: boolean;
  /** Interactions past retention that still held something to remove (all of them, when deleting). */
  interactions: number;
  interactionsDeleted: number;
  interactionsMinimised: number;
  transcriptsRemoved: number;
  scoreDetailsRemoved: number;
  evidenceTextsRemoved: number;
  /** Flag messages replaced by their code's generic explanation (they quote the evidence). */
  flagMessagesReplaced: number;
  /** Customer keyphrases removed from insights (first response times and counts stay). */
  keyphrasesRemoved: number;
  reviewsDeleted: number;
  /** Reviews whose notes, comments and other free text were removed (decisions kept). */
  reviewsRedacted: number;
  /** Changed by someone else while being minimised, or being minimised by another run: left for the next run. */
  skipped: number;
}

/** Documents being rewritten, kept until the rewrite is complete so a crash never loses one. */
interface StagedDocument {
  _id: string;
  tenantId: string;
  collection: 'interactions' | 'reviews';
  doc: Keyed;
}

/** Any document with a string key: what the rewrite moves around. */
interface Keyed {
  _id: string;
  [field: string]: unknown;
}

const PAGE = 500;

export const retentionCutoff = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/**
 * Applies a tenant's retention policy to interactions older than `retention.days` (by when they
 * occurred) and their reviews. Without keepScores they are deleted with their reviews. With it,
 * every copy of the conversation's words goes (see minimisedInteraction: transcript, signals,
 * evidence text, quoting flag messages, keyphrases) while scores, flags and positions stay; reviews keep their
 * decisions (status, flag decisions, ruling and response outcomes, who and when) and lose their
 * free text: notes, comments, coaching and escalation text quote and discuss the conversation,
 * which is exactly what retention exists to remove, while the decisions are what scorecards and
 * disputes rest on.
 *
 * Idempotent: only documents with something left to remove are touched, so a second run changes
 * nothing. FerretDB 1.24 applies updates one document at a time, a statement each (~1-2 ms for
 * a guarded replace by _id, `pnpm bench:store`), while a deleteMany or insertMany of a page is
 * one statement, so documents are rewritten a page at a time (`pnpm bench:retention`): the
 * replacements are staged, the originals deleted (guarded by revision/version, so a document
 * changed meanwhile is kept and left for the next run), the replacements inserted, the stage
 * cleared. A run that crashed midway is completed from the stage by the next one.
 */
export async function applyRetention(db: Db, options: RetentionOptions): Promise<RetentionReport> {
  const { tenantId, retention } = options;
  const now = options.now ?? new Date();
  const cutoff = retentionCutoff(now, retention.days);
  const report: RetentionReport = {
    tenantId,
    cutoff: cutoff.toISOString(),
    days: retention.days,
    keepScores: retention.keepScores,
    dryRun: options.dryRun ?? false,
    interactions: 0,
    interactionsDeleted: 0,
    interactionsMinimised: 0,
    transcriptsRemoved: 0,
    scoreDetailsRemoved: 0,
    evidenceTextsRemoved: 0,
    flagMessagesReplaced: 0,
    keyphrasesRemoved: 0,
    reviewsDeleted: 0,
    reviewsRedacted: 0,
    skipped: 0,
  };
  const ctx: Context = {
    interactions: db.collection<InteractionDocument>('interactions'),
    reviews: db.collection<ReviewDocument>('reviews'),
    stage: db.collection<StagedDocument>('retention_staging'),
    tenantId,
    cutoff,
    now,
    report,
    progress: options.onProgress ?? (() => undefined),
    explainFlag: options.explainFlag ?? retainedFlagMessage,
  };
  if (!report.dryRun) await recoverStaged(ctx);
  if (retention.keepScores) {
    await minimise(ctx);
    await redactPastReviews(ctx);
  } else await remove(ctx);
  return report;
}

/** How many interactions a run will go through: the progress total. */
export async function countRetentionCandidates(db: Db, options: RetentionOptions): Promise<number> {
  const cutoff = retentionCutoff(options.now ?? new Date(), options.retention.days);
  const filter = options.retention.keepScores
    ? minimiseFilter(options.tenantId, cutoff)
    : pastRetention(options.tenantId, cutoff);
  return db.collection<InteractionDocument>('interactions').countDocuments(filter);
}

interface Context {
  interactions: Collection<InteractionDocument>;
  reviews: Collection<ReviewDocument>;
  stage: Collection<StagedDocument>;
  tenantId: string;
  cutoff: Date;
  now: Date;
  report: RetentionReport;
  progress: (handled: number) => void;
  explainFlag: FlagExplanation;
}

const retainedFlagMessage: FlagExplanation = (code) =>
  `Flagged by rule ${code}; the quoted words were removed by retention.`;

const pastRetention = (tenantId: string, cutoff: Date): Filter<InteractionDocument> => ({
  tenantId,
  occurredAt: { $lt: cutoff },
});

/**
 * Past retention, not minimised yet, and holding some of the conversation's words: a transcript,
 * signals with evidence, any flag (its message and evidence quote it) or customer keyphrases. A
 * newer revision stored by the scorer has no minimisedAt, so it is minimised again.
 */
const minimiseFilter = (tenantId: string, cutoff: Date): Filter<InteractionDocument> => ({
  ...pastRetention(tenantId, cutoff),
  minimisedAt: { $exists: false },
  $or: [
    { transcript: { $exists: true } },
    { scoreDetails: { $exists: true } },
    { outcomeDetails: { $exists: true } },
    { 'flags.code': { $gt: '' } },
    { 'insight.keyphrases.text': { $gt: '' } },
  ],
});

/** Deletes interactions past retention, their reviews first (a crash leaves no orphaned review). */
async function remove(ctx: Context): Promise<void> {
  const { report } = ctx;
  const filter = pastRetention(ctx.tenantId, ctx.cutoff);
  // Only the reviews are written while this cursor is open, never the collection it reads.
  // The transcript and score details are read whole, not by a sub-field: the scorer stores them
  // as JSON text (see interaction-codec), and a sub-field projection of text yields nothing.
  const cursor = ctx.interactions.find(filter, {
    projection: { _id: 1, transcript: 1, scoreDetails: 1, 'flags.evidence.text': 1 },
    batchSize: PAGE,
  });
  let ids: string[] = [];
  const flush = async () => {
    if (ids.length === 0) return;
    if (report.dryRun) report.reviewsDeleted += await ctx.reviews.countDocuments({ _id: { $in: ids } });
    else report.reviewsDeleted += (await ctx.reviews.deleteMany({ _id: { $in: ids } })).deletedCount;
    ctx.progress(ids.length);
    ids = [];
  };
  for await (const doc of cursor) {
    report.interactions++;
    if (doc.transcript) report.transcriptsRemoved++;
    if (doc.scoreDetails) report.scoreDetailsRemoved++;
    report.evidenceTextsRemoved += evidenceTexts(doc.flags);
    ids.push(doc._id);
    if (ids.length >= PAGE) await flush();
  }
  await flush();
  report.interactionsDeleted = report.dryRun
    ? report.interactions
    : (await ctx.interactions.deleteMany(filter)).deletedCount;
}

/**
 * Minimises interactions past retention a page at a time. One pass finds their ids (FerretDB
 * scans the collection for this filter, so once, not once per page), then each page is read by
 * _id (its index) and rewritten; a document minimised or moved meanwhile is left out.
 */
async function minimise(ctx: Context): Promise<void> {
  const { report } = ctx;
  const ids: string[] = [];
  const pass = ctx.interactions.find(minimiseFilter(ctx.tenantId, ctx.cutoff), {
    projection: { _id: 1 },
    batchSize: PAGE,
  });
  for await (const doc of pass) ids.push(doc._id);
  for (let i = 0; i < ids.length; i += PAGE) {
    const chunk = ids.slice(i, i + PAGE);
    const page = (await ctx.interactions.find({ _id: { $in: chunk } }).toArray()).filter(
      (d) => d.tenantId === ctx.tenantId && d.occurredAt < ctx.cutoff && d.minimisedAt === undefined,
    );
    ctx.progress(chunk.length);
    if (page.length === 0) continue;
    const replacements = page.map((doc) => ({
      ...minimisedInteraction(doc, ctx.explainFlag, ctx.now),
      _id: doc._id,
    }));
    const written = report.dryRun
      ? new Set(page.map((d) => d._id))
      : await rewrite(ctx, 'interactions', page, replacements, 'revision');
    for (const doc of page) {
      report.interactions++;
      if (!written.has(doc._id)) {
        report.skipped++;
        continue;
      }
      report.interactionsMinimised++;
      if (doc.transcript) report.transcriptsRemoved++;
      if (doc.scoreDetails) report.scoreDetailsRemoved++;
      report.evidenceTextsRemoved += evidenceTexts(doc.flags);
      report.flagMessagesReplaced += (doc.flags ?? []).length;
      report.keyphrasesRemoved += doc.insight?.keyphrases.length ?? 0;
    }
  }
}

/**
 * Removes the free text of every review of an interaction past retention, also of one minimised
 * earlier (a note may be written after that). Reviews carry no occurredAt, and there are far
 * fewer of them than interactions: one pass over the tenant's reviews finds those with text left
 * (FerretDB scans for any filter but _id, so one pass, not a scan per page), then their
 * interactions' occurredAt and the reviews themselves are read by _id a page at a time.
 */
async function redactPastReviews(ctx: Context): Promise<void> {
  const withText: string[] = [];
  for await (const review of ctx.reviews.find({ tenantId: ctx.tenantId }, { batchSize: PAGE }))
    if (redactedReview(review) !== null) withText.push(review._id);
  for (let i = 0; i < withText.length; i += PAGE) {
    const ids = withText.slice(i, i + PAGE);
    const interactions = await ctx.interactions
      .find({ _id: { $in: ids } }, { projection: { _id: 1, occurredAt: 1 } })
      .toArray();
    const past = interactions.filter((d) => d.occurredAt < ctx.cutoff).map((d) => d._id);
    if (past.length === 0) continue;
    // Read again: the review may have changed since the pass; the rewrite is guarded by version.
    const reviews = await ctx.reviews.find({ _id: { $in: past } }).toArray();
    await redactReviews(
      ctx,
      reviews
        .map((review) => ({ review, redacted: redactedReview(review) }))
        .filter((r) => r.redacted !== null),
    );
  }
}

/** Writes the reviews without their free text. */
async function redactReviews(
  ctx: Context,
  changed: { review: ReviewDocument; redacted: ReviewDocument | null }[],
): Promise<void> {
  if (changed.length === 0) return;
  if (ctx.report.dryRun) {
    ctx.report.reviewsRedacted += changed.length;
    return;
  }
  const written = await rewrite(
    ctx,
    'reviews',
    changed.map((c) => c.review),
    changed.map((c) => c.redacted!),
    'version',
  );
  ctx.report.reviewsRedacted += written.size;
  ctx.report.skipped += changed.length - written.size;
}

/**
 * Replaces documents without updates (see applyRetention): stage, guarded delete, insert, unstage.
 * Returns the ids actually replaced. A document whose guard field changed since it was read is
 * not deleted, so its replacement collides with it and is dropped; one staged by a concurrent run
 * is left to that run.
 */
async function rewrite<T extends { _id: string }>(
  ctx: Context,
  name: StagedDocument['collection'],
  originals: T[],
  replacements: T[],
  guard: 'revision' | 'version',
): Promise<Set<string>> {
  const coll = ctx[name] as unknown as Collection<Keyed>;
  const stagedIds = await stageAll(
    ctx,
    replacements.map((doc) => ({
      _id: `${name}|${doc._id}`,
      tenantId: ctx.tenantId,
      collection: name,
      doc,
    })),
  );
  const mine = originals.filter((d) => stagedIds.has(`${name}|${d._id}`));
  // One guarded delete per distinct revision/version: an $in of keys with a shared guard goes to
  // FerretDB's _id index, an $or of per-document guards decodes the collection once per clause.
  const byGuard = new Map<unknown, string[]>();
  for (const doc of mine) {
    const value = (doc as Record<string, unknown>)[guard];
    byGuard.set(value, [...(byGuard.get(value) ?? []), doc._id]);
  }
  for (const [value, ids] of byGuard) await coll.deleteMany({ _id: { $in: ids }, [guard]: value });
  const written = new Set<string>();
  const toInsert = replacements.filter((d) => stagedIds.has(`${name}|${d._id}`));
  const failed = await insertIgnoringDuplicates(coll, toInsert);
  for (const doc of toInsert) if (!failed.has(doc._id)) written.add(doc._id);
  await ctx.stage.deleteMany({ _id: { $in: [...stagedIds] } });
  return written;
}

/** Stages replacements; the ids already staged (by a concurrent run) are not ours to write. */
async function stageAll(ctx: Context, docs: StagedDocument[]): Promise<Set<string>> {
  const failed = await insertIgnoringDuplicates(ctx.stage as unknown as Collection<Keyed>, docs);
  return new Set(docs.map((d) => d._id).filter((id) => !failed.has(id)));
}

/** Inserts, returning the ids that already existed. */
async function insertIgnoringDuplicates(
  coll: Collection<Keyed>,
  docs: { _id: string }[],
): Promise<Set<string>> {
  const failed = new Set<string>();
  if (docs.length === 0) return failed;
  try {
    await coll.insertMany(docs, { ordered: false });
  } catch (err) {
    const raw = (err as { writeErrors?: unknown }).writeErrors;
    const list = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) as {
      code?: number;
      index: number;
    }[];
    if (list.length === 0 || !list.every((e) => isDuplicateKeyError(e))) throw err;
    for (const e of list) failed.add(docs[e.index]!._id);
  }
  return failed;
}

/** Completes rewrites a crashed run left staged: inserts what is missing, then clears the stage. */
async function recoverStaged(ctx: Context): Promise<void> {
  const staged = await ctx.stage.find({ tenantId: ctx.tenantId }).toArray();
  if (staged.length === 0) return;
  for (const name of ['interactions', 'reviews'] as const) {
    const docs = staged.filter((s) => s.collection === name).map((s) => s.doc as { _id: string });
    await insertIgnoringDuplicates(ctx[name] as unknown as Collection<Keyed>, docs);
  }
  await ctx.stage.deleteMany({ _id: { $in: staged.map((s) => s._id) } });
}

function evidenceTexts(flags: Flag[] | undefined): number {
  let n = 0;
  for (const flag of flags ?? []) for (const e of flag.evidence ?? []) if (e.text) n++;
  return n;
}

/**
 * Scores, flag codes, severities, evidence positions and rules, the outcome's score and summary,
 * first response time and message counts stay; every word of the conversation goes: the
 * transcript, the signals behind the scores and the outcome (their evidence quotes it), evidence
 * text, flag messages (replaced by the code's generic explanation) and customer keyphrases.
 */
export function minimisedInteraction(
  doc: InteractionDocument,
  explainFlag: FlagExplanation = retainedFlagMessage,
  now: Date = new Date(),
): InteractionDocument {
  const { transcript: _t, scoreDetails: _s, outcomeDetails: _o, ...rest } = doc;
  return {
    ...rest,
    flags: doc.flags.map((flag) => flagWithoutText(flag, explainFlag)),
    ...(doc.insight ? { insight: { ...doc.insight, keyphrases: [] } } : {}),
    minimisedAt: now,
  };
}

/** The review without its free text, version bumped; null when there is none left to remove. */
export function redactedReview(review: ReviewDocument): ReviewDocument | null {
  let removed = 0;
  const note = <N extends { text: string }>(n: N): N => {
    if (n.text === REMOVED_TEXT) return n;
    removed++;
    return { ...n, text: REMOVED_TEXT };
  };
  const text = (s: string) => {
    if (s === '') return s;
    removed++;
    return '';
  };
  const withoutNote = <D extends { note?: string }>(d: D): D => {
    if (d.note === undefined) return d;
    const { note: _n, ...kept } = d;
    removed++;
    return kept as D;
  };
  const decisions = (review.flagDecisions ?? []).map(withoutNote);
  const redacted: ReviewDocument = {
    ...review,
    flagDecisions: decisions,
    coaching: review.coaching ? note(review.coaching) : null,
    notes: (review.notes ?? []).map(note),
    comments: (review.comments ?? []).map(note),
    escalation: review.escalation ? note(review.escalation) : null,
    agentResponse: review.agentResponse
      ? { ...review.agentResponse, note: text(review.agentResponse.note) }
      : null,
    ruling: review.ruling ? { ...review.ruling, note: text(review.ruling.note) } : null,
    controlVerdict: review.controlVerdict
      ? withoutNote(review.controlVerdict)
      : (review.controlVerdict ?? null),
  };
  if (removed === 0) return null;
  return { ...redacted, version: review.version + 1 };
}
