import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InteractionEvent,
  type AuditEntry,
  type ReviewState,
  type ScoredInteraction,
} from '@rapport/schemas';
import { DEFAULT_POLICY, genericFlagMessage, scoreInteraction } from '@rapport/scoring';
import {
  applyRetention,
  AuditLog,
  connectStore,
  encodeInteraction,
  minimisedInteraction,
  REMOVED_TEXT,
  toInteractionDocument,
  type InteractionDocument,
  type ReviewDocument,
  type StoreConnection,
} from '@rapport/store';
import { runCli } from '../support/cli.js';
import { MONGODB_URI, uniqueDbName } from '../support/env.js';
import { chatEvent } from '../support/scorer.js';

const DAY = 86_400_000;

/** Words of the seeded conversations (customer and agent), none of them in the flag catalog. */
const CONVERSATION_WORDS = [
  'charged twice',
  'subscription',
  'It is not that hard',
  'double charge',
  'refunded',
  'Have a great day',
  'Great, thanks',
];

/** The minimised document as expected, but for when it was minimised. */
const minimisedAsExpected = (doc: InteractionDocument) => {
  const { minimisedAt: _m, ...rest } = minimisedInteraction(doc, genericFlagMessage);
  return rest;
};

const byId = <T extends { _id: string }>(docs: T[]) => [...docs].sort((a, b) => (a._id < b._id ? -1 : 1));

const template = (rude: boolean): ScoredInteraction =>
  scoreInteraction(InteractionEvent.parse(chatEvent(rude ? 'rude' : 'polite', { rude })), {
    policy: DEFAULT_POLICY,
  });

function review(doc: InteractionDocument): ReviewDocument {
  const at = new Date(doc.occurredAt.getTime() + 3_600_000).toISOString();
  const state: ReviewState = {
    tenantId: doc.tenantId,
    interactionId: doc.interactionId,
    version: 5,
    status: 'resolved',
    assignee: 'mgr-1',
    flagDecisions: doc.flagCodes.map((code) => ({
      code,
      decision: 'confirmed',
      by: 'mgr-1',
      at,
      note: 'the agent said "read the manual" to Ms Jensen',
    })),
    coaching: { by: 'mgr-1', at, text: 'Never tell Ms Jensen to read the manual.' },
    notes: [{ by: 'mgr-1', at, text: 'Customer Jensen called back about order 5512.' }],
    comments: [
      { by: 'mgr-2', at, text: 'Agreed.' },
      { by: 'mgr-1', at, text: 'Thanks.' },
    ],
    escalation: { by: 'mgr-1', at, text: 'second opinion please' },
    agentResponse: { kind: 'disputed', note: 'she was rude first', at },
    ruling: { outcome: 'upheld', note: 'still not acceptable', by: 'mgr-2', at },
    controlVerdict: null,
    updatedAt: at,
  };
  return { _id: doc._id, ...state };
}

describe('rapport retention apply (real FerretDB)', () => {
  const dbName = uniqueDbName('it_retention');
  const env = { MONGODB_URI, MONGODB_DB: dbName, LOG_LEVEL: 'warn' };
  let store: StoreConnection;
  let dir: string;
  let rude: ScoredInteraction;
  let polite: ScoredInteraction;

  /** 12 interactions 400 days old (every 4th flagged, with transcript) and 4 from last week. */
  function seed(tenantId: string): { old: InteractionDocument[]; recent: InteractionDocument[] } {
    const make = (i: number, ageDays: number) => {
      const base = i % 4 === 0 ? rude : polite;
      const scored = {
        ...base,
        tenantId,
        interactionId: `int-${i}`,
        occurredAt: new Date(Date.now() - ageDays * DAY - i * 60_000).toISOString(),
      };
      return toInteractionDocument({ scored, keepTranscript: scored.flagged, control: false }, new Date());
    };
    return {
      old: Array.from({ length: 12 }, (_, i) => make(i, 400)),
      recent: Array.from({ length: 4 }, (_, i) => make(100 + i, 7)),
    };
  }

  const interactions = () => store.db.collection<InteractionDocument>('interactions');
  const reviews = () => store.db.collection<ReviewDocument>('reviews');
  const snapshot = async (tenantId: string) => ({
    interactions: await interactions().find({ tenantId }).sort({ _id: 1 }).toArray(),
    reviews: await reviews().find({ tenantId }).sort({ _id: 1 }).toArray(),
  });
  const lastAudit = async (tenantId: string): Promise<AuditEntry> => {
    const log = new AuditLog(store.db);
    return (await log.entry(tenantId, (await log.head(tenantId)).seq))!;
  };
  const policyFile = async (keepScores: boolean) => {
    const file = join(dir, `policy-${keepScores}.json`);
    await writeFile(
      file,
      JSON.stringify({ id: 'retention-test', version: '3', retention: { days: 365, keepScores } }),
    );
    return file;
  };

  beforeAll(async () => {
    store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'it-retention' });
    dir = await mkdtemp(join(tmpdir(), 'rapport-retention-'));
    rude = template(true);
    polite = template(false);
    expect(rude.flagged).toBe(true);
    expect(rude.flags.some((f) => f.evidence.some((e) => e.text !== ''))).toBe(true);
  });

  afterAll(async () => {
    await store.db.dropDatabase().catch(() => undefined);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keepScores: removes transcripts, score details, evidence text and review free text; keeps scores, flags and decisions; idempotent', async () => {
    const { old, recent } = seed('keep');
    const other = seed('bystander');
    await interactions().insertMany([...old, ...recent, ...other.old]);
    const reviewed = [old[0]!, old[4]!, old[8]!, recent[0]!];
    await reviews().insertMany([...reviewed.map(review), review(other.old[0]!)]);
    const flaggedOld = old.filter((d) => d.transcript);
    expect(flaggedOld.length).toBe(3);
    const evidenceTexts = old.reduce(
      (n, d) => n + d.flags.reduce((m, f) => m + f.evidence.filter((e) => e.text !== '').length, 0),
      0,
    );
    // Every old one holds some words: a transcript, a quoting flag or the customer's keyphrases.
    const oldWithText = old.filter(
      (d) => d.transcript || d.flags.length > 0 || (d.insight?.keyphrases.length ?? 0) > 0,
    );
    expect(oldWithText.length).toBe(12);
    const flagMessages = old.reduce((n, d) => n + d.flags.length, 0);
    const keyphrases = old.reduce((n, d) => n + (d.insight?.keyphrases.length ?? 0), 0);
    expect(flagMessages).toBeGreaterThan(0);
    expect(keyphrases).toBeGreaterThan(0);
    // The stored flags quote the conversation, so the checks after the run can fail.
    expect(JSON.stringify(old[0]!.flags)).toContain('It is not that hard');
    const policy = await policyFile(true);
    const before = await snapshot('keep');

    const dry = await runCli(
      ['retention', 'apply', '--tenant', 'keep', '--policy', policy, '--dry-run'],
      env,
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`${oldWithText.length} interactions past retention`);
    expect(dry.stdout).toContain(`${flaggedOld.length} transcripts`);
    expect(dry.stdout).toContain('free text would be removed from 3 reviews');
    expect(await snapshot('keep')).toEqual(before);
    const seqBefore = (await new AuditLog(store.db).head('keep')).seq;
    expect(seqBefore).toBe(0); // a dry run records nothing

    const run = await runCli(['retention', 'apply', '--tenant', 'keep', '--policy', policy], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('recorded as audit entry 1');
    const after = await snapshot('keep');
    expect(after.interactions.length).toBe(16);
    for (const doc of old) {
      const now = after.interactions.find((d) => d._id === doc._id)!;
      expect(now.transcript).toBeUndefined();
      expect(now.scoreDetails).toBeUndefined();
      expect(now.flags.flatMap((f) => f.evidence.map((e) => e.text)).every((t) => t === '')).toBe(true);
      // No copy of the conversation is left anywhere in the document: flag messages are the
      // catalog's explanation, the keyphrases are gone.
      for (const words of CONVERSATION_WORDS) expect(JSON.stringify(now)).not.toContain(words);
      expect(now.flags.map((f) => f.message)).toEqual(doc.flags.map((f) => genericFlagMessage(f.code)));
      expect(now.insight?.keyphrases).toEqual([]);
      expect(now.insight?.firstResponseSec).toBe(doc.insight?.firstResponseSec);
      expect(now.minimisedAt).toBeInstanceOf(Date);
      // Everything else is as it was: scores, flags (codes, severities, positions, rules)...
      const { minimisedAt: _m, ...rest } = now;
      expect(rest).toEqual(minimisedAsExpected(doc));
      expect(now.scores).toEqual(doc.scores);
      expect(now.flags.map((f) => [f.code, f.severity, f.evidence.map((e) => [e.start, e.rule])])).toEqual(
        doc.flags.map((f) => [f.code, f.severity, f.evidence.map((e) => [e.start, e.rule])]),
      );
    }
    for (const doc of recent) expect(after.interactions.find((d) => d._id === doc._id)).toEqual(doc);
    for (const doc of [old[0]!, old[4]!, old[8]!]) {
      const was = review(doc);
      const now = after.reviews.find((r) => r._id === doc._id)!;
      expect(now.version).toBe(6);
      expect(now.status).toBe('resolved');
      expect(now.flagDecisions).toEqual(was.flagDecisions.map(({ note: _n, ...d }) => d));
      expect(now.notes).toEqual(was.notes.map((n) => ({ ...n, text: REMOVED_TEXT })));
      expect(now.comments).toEqual(was.comments.map((n) => ({ ...n, text: REMOVED_TEXT })));
      expect(now.coaching).toEqual({ ...was.coaching, text: REMOVED_TEXT });
      expect(now.escalation).toEqual({ ...was.escalation, text: REMOVED_TEXT });
      expect(now.agentResponse).toEqual({ ...was.agentResponse, note: '' });
      expect(now.ruling).toEqual({ ...was.ruling, note: '' });
    }
    expect(after.reviews.find((r) => r._id === recent[0]!._id)).toEqual(review(recent[0]!));
    // Another tenant's data is not touched.
    expect((await snapshot('bystander')).interactions).toEqual(byId(other.old));

    const entry = await lastAudit('keep');
    expect(entry).toMatchObject({
      seq: 1,
      action: 'retention.apply',
      target: { type: 'tenant', id: 'keep' },
      actor: { role: 'system', via: 'cli' },
      after: {
        policy: { id: 'retention-test', version: '3' },
        days: 365,
        keepScores: true,
        dryRun: false,
        interactions: oldWithText.length,
        interactionsMinimised: oldWithText.length,
        interactionsDeleted: 0,
        transcriptsRemoved: 3,
        scoreDetailsRemoved: 3,
        evidenceTextsRemoved: evidenceTexts,
        flagMessagesReplaced: flagMessages,
        keyphrasesRemoved: keyphrases,
        reviewsRedacted: 3,
        reviewsDeleted: 0,
        skipped: 0,
      },
    });
    const cutoff = Date.parse((entry.after as { cutoff: string }).cutoff);
    expect(Math.abs(cutoff - (Date.now() - 365 * DAY))).toBeLessThan(120_000);

    // Again: nothing left to remove, nothing changes; the run itself is still recorded.
    const again = await runCli(['retention', 'apply', '--tenant', 'keep', '--policy', policy], env);
    expect(again.code, again.stderr).toBe(0);
    expect(await snapshot('keep')).toEqual(after);
    expect(await lastAudit('keep')).toMatchObject({
      seq: 2,
      after: { interactions: 0, interactionsMinimised: 0, transcriptsRemoved: 0, reviewsRedacted: 0 },
    });
    expect(await new AuditLog(store.db).verify('keep')).toMatchObject({ ok: true, checked: 2, lastSeq: 2 });

    // A note written after its interaction was minimised (or one past retention that never held
    // a transcript) is removed by the next run too.
    const late = review(old[1]!);
    await reviews().insertOne(late);
    const third = await runCli(['retention', 'apply', '--tenant', 'keep', '--policy', policy], env);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain('free text removed from 1 reviews');
    const lateNow = await reviews().findOne({ _id: late._id });
    expect(lateNow?.notes).toEqual(late.notes.map((n) => ({ ...n, text: REMOVED_TEXT })));
    expect(lateNow?.coaching).toEqual({ ...late.coaching, text: REMOVED_TEXT });
    expect(lateNow?.agentResponse).toEqual({ ...late.agentResponse, note: '' });
    // The recent interaction's review keeps its text.
    expect(await reviews().findOne({ _id: recent[0]!._id })).toEqual(review(recent[0]!));
  });

  it('without keepScores: deletes old interactions and their reviews; idempotent', async () => {
    const { old, recent } = seed('drop');
    // The old ones as the scorer stores them now (transcript and score details as JSON text),
    // the recent ones in the earlier structured form: both must be counted and handled.
    await interactions().insertMany([...old.map(encodeInteraction), ...recent] as InteractionDocument[]);
    await reviews().insertMany([old[0]!, old[4]!, recent[0]!].map(review));
    const policy = await policyFile(false);

    const run = await runCli(['retention', 'apply', '--tenant', 'drop', '--policy', policy], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('12 interactions deleted (3 with transcripts) with 2 reviews');
    const after = await snapshot('drop');
    expect(after.interactions).toEqual(byId(recent));
    expect(after.reviews).toEqual([review(recent[0]!)]);
    expect(await lastAudit('drop')).toMatchObject({
      action: 'retention.apply',
      after: {
        keepScores: false,
        interactions: 12,
        interactionsDeleted: 12,
        transcriptsRemoved: 3,
        reviewsDeleted: 2,
      },
    });

    const again = await runCli(['retention', 'apply', '--tenant', 'drop', '--policy', policy], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 interactions deleted');
    expect(await snapshot('drop')).toEqual(after);
  });

  it('completes a rewrite a crashed run left staged', async () => {
    const { old } = seed('crash');
    const [gone, kept] = [old[0]!, old[4]!];
    await interactions().insertMany(old);
    const stage = store.db.collection<{ _id: string; tenantId: string; collection: string; doc: object }>(
      'retention_staging',
    );
    // One crash after the delete (only the staged copy is left), one before it (both are there).
    await interactions().deleteOne({ _id: gone._id });
    await stage.insertMany([
      {
        _id: `interactions|${gone._id}`,
        tenantId: 'crash',
        collection: 'interactions',
        doc: minimisedInteraction(gone, genericFlagMessage),
      },
      {
        _id: `interactions|${kept._id}`,
        tenantId: 'crash',
        collection: 'interactions',
        doc: minimisedInteraction(kept, genericFlagMessage),
      },
    ]);
    const report = await applyRetention(store.db, {
      tenantId: 'crash',
      retention: { days: 365, keepScores: true },
      explainFlag: genericFlagMessage,
    });
    expect(report.skipped).toBe(0);
    expect(await stage.countDocuments({ tenantId: 'crash' })).toBe(0);
    const after = (await snapshot('crash')).interactions;
    expect(after.length).toBe(12);
    const strip = (d: InteractionDocument | undefined) => {
      const { minimisedAt: _m, ...rest } = d!;
      return rest;
    };
    expect(strip(after.find((d) => d._id === gone._id))).toEqual(minimisedAsExpected(gone));
    expect(strip(after.find((d) => d._id === kept._id))).toEqual(minimisedAsExpected(kept));
  });
});
