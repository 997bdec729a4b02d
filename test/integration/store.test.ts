import type { Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionEvent } from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import {
  connectStore,
  InteractionsRepository,
  isDuplicateKeyError,
  toInteractionDocument,
  type StoreConnection,
} from '@rapport/store';
import { MONGODB_URI, uniqueDbName } from '../support/env.js';
import { chatEvent } from '../support/scorer.js';

describe('MongoDB-compatible store through the official driver (real FerretDB)', () => {
  const dbName = uniqueDbName('it_store');
  let store: StoreConnection;

  beforeAll(async () => {
    store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'it-store' });
  });

  afterAll(async () => {
    await store.db.dropDatabase();
    await store.close();
  });

  it('inserts and finds documents by filter, sorted', async () => {
    const coll = store.db.collection<{ tenantId: string; interactionId: string; severity: number }>(
      'interactions',
    );
    await coll.insertMany([
      { tenantId: 'acme', interactionId: 'a', severity: 2 },
      { tenantId: 'acme', interactionId: 'b', severity: 3 },
      { tenantId: 'other', interactionId: 'c', severity: 3 },
    ]);
    const found = await coll
      .find({ tenantId: 'acme' }, { projection: { _id: 0 } })
      .sort({ severity: -1 })
      .toArray();
    expect(found).toEqual([
      { tenantId: 'acme', interactionId: 'b', severity: 3 },
      { tenantId: 'acme', interactionId: 'a', severity: 2 },
    ]);
  });

  it('rejects a second document with the same unique key (E11000)', async () => {
    const coll = store.db.collection<{ tenantId: string; interactionId: string }>('unique_test');
    await coll.createIndex({ tenantId: 1, interactionId: 1 }, { unique: true, name: 'tenant_interaction' });
    await coll.insertOne({ tenantId: 'acme', interactionId: 'x' });
    let error: unknown;
    try {
      await coll.insertOne({ tenantId: 'acme', interactionId: 'x' });
    } catch (e) {
      error = e;
    }
    expect(isDuplicateKeyError(error)).toBe(true);
    // The same id in another tenant is a different interaction.
    await coll.insertOne({ tenantId: 'other', interactionId: 'x' });
    expect(await coll.countDocuments({ interactionId: 'x' })).toBe(2);
  });

  // Regression: FerretDB 1.24 panicked (and closed the connection) on createIndexes for indexes
  // that already existed, so a restarted scorer could not start against its own database.
  it('creates the interaction indexes once and again on restart, and from two workers at once', async () => {
    const repo = new InteractionsRepository(store.db);
    await repo.ensureIndexes();
    await repo.ensureIndexes();
    await Promise.all([
      new InteractionsRepository(store.db).ensureIndexes(),
      new InteractionsRepository(store.db).ensureIndexes(),
    ]);
    const listed = (await repo.collection.listIndexes().toArray()) as { name?: unknown }[];
    const names = listed.map((i) => String(i.name)).sort();
    expect(names).toEqual(['_id_', 'agent_timeline', 'review_queue', 'team_timeline', 'tenant_timeline']);
    expect(await store.ping()).toBe(true);
  });

  it('stores transcripts and score details as JSON text and reads interactions back whole, old ones too', async () => {
    const repo = new InteractionsRepository(store.db);
    const score = (id: string, revision = 1) =>
      scoreInteraction(InteractionEvent.parse(chatEvent(id, { rude: true, revision })), {
        policy: DEFAULT_POLICY,
      });
    const scored = score('enc-1');
    expect(scored.flagged).toBe(true);
    expect(await repo.save([{ scored, keepTranscript: true, control: false }])).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    const raw = await repo.collection.findOne({ _id: 'acme:enc-1' });
    expect(typeof raw?.transcript).toBe('string');
    expect(typeof raw?.scoreDetails).toBe('string');
    expect(raw?.flags).toEqual(scored.flags); // queried fields stay as they were
    const doc = await repo.get('acme', 'enc-1');
    expect(doc?.transcript).toEqual(scored.transcript);
    expect(doc?.scoreDetails).toEqual(scored.scores);
    expect(doc?.flagged).toBe(true);
    // Presence filters (retention's) see the encoded parts.
    expect(await repo.collection.countDocuments({ _id: 'acme:enc-1', transcript: { $exists: true } })).toBe(
      1,
    );

    // A redelivery changes nothing; a newer revision replaces the document, still encoded.
    const again = [{ scored, keepTranscript: true, control: false }];
    expect(await repo.save(again)).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const newer = score('enc-1', 2);
    expect(await repo.saveEach([{ scored: newer, keepTranscript: true, control: false }])).toEqual([
      'updated',
    ]);
    expect((await repo.get('acme', 'enc-1'))?.revision).toBe(2);
    expect(typeof (await repo.collection.findOne({ _id: 'acme:enc-1' }))?.transcript).toBe('string');

    // Documents stored before the encoding (structured) read the same.
    const legacy = toInteractionDocument(
      { scored: score('legacy-1'), keepTranscript: true, control: false },
      new Date(),
    );
    await repo.collection.insertOne(legacy);
    expect(await repo.get('acme', 'legacy-1')).toEqual(legacy);
    expect(await repo.get('acme', 'absent-1')).toBeNull();
  });

  it('a write of many redeliveries and revisions: newer ones replace, the rest change nothing', async () => {
    // 30 existing keys in one write: their revisions are read in one $in query.
    const repo = new InteractionsRepository(store.db);
    const item = (id: string, revision: number) => ({
      scored: scoreInteraction(InteractionEvent.parse(chatEvent(id, { revision })), {
        policy: DEFAULT_POLICY,
      }),
      keepTranscript: false,
      control: false,
    });
    const ids = Array.from({ length: 30 }, (_, i) => `many-${i}`);
    expect(await repo.save(ids.map((id) => item(id, 2)))).toEqual({ inserted: 30, updated: 0, unchanged: 0 });
    // Every third one comes as revision 3 (newer), every third as 1 (older), the rest as 2 (again).
    const again = ids.map((id, i) => item(id, [3, 1, 2][i % 3]!));
    const outcomes = await repo.saveEach([...again, item('many-new', 1)]);
    expect(outcomes).toEqual([...ids.map((_, i) => (i % 3 === 0 ? 'updated' : 'unchanged')), 'inserted']);
    const revisions = await repo.collection
      .find({ interactionId: { $in: ids } }, { projection: { interactionId: 1, revision: 1 } })
      .toArray();
    expect(new Map(revisions.map((d) => [d.interactionId, d.revision]))).toEqual(
      new Map(ids.map((id, i) => [id, i % 3 === 0 ? 3 : 2])),
    );
  });

  describe("look-ups by _id use the _id index (FerretDB built with infra/local's patch)", () => {
    interface Doc {
      _id: string;
      v: number;
    }
    const plan = async (filter: object) => {
      const r = (await store.db.command({
        explain: { find: 'by_id', filter },
        verbosity: 'queryPlanner',
      })) as { queryPlanner: { Plan?: string[]; winningPlan?: unknown } };
      // FerretDB's SQLite backend answers with SQLite's plan; MongoDB with its plan tree.
      return r.queryPlanner.Plan?.join('; ') ?? JSON.stringify(r.queryPlanner.winningPlan);
    };
    const indexLookup =
      /SEARCH by_id_[0-9a-f]+ USING INDEX by_id_[0-9a-f]+__id_ \(<expr>=\?\)|IDHACK|EXPRESS_IXSCAN|IXSCAN/;
    let coll: Collection<Doc>;

    beforeAll(async () => {
      coll = store.db.collection<Doc>('by_id');
      await coll.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `k${i}`, v: i % 5 })));
    });

    it('for an _id alone, beside other conditions, and as an $in of keys', async () => {
      expect(await plan({ _id: 'k1' })).toMatch(indexLookup);
      expect(await plan({ _id: 'k1', v: 1 })).toMatch(indexLookup);
      expect(await plan({ _id: { $in: ['k1', 'k2'] } })).toMatch(indexLookup);
      // Anything else is not an _id look-up.
      expect(await plan({ v: 1 })).not.toMatch(indexLookup);
    });

    it('and still applies every other condition of the filter', async () => {
      expect(await coll.findOne({ _id: 'k7' })).toEqual({ _id: 'k7', v: 2 });
      expect(await coll.findOne({ _id: 'k7', v: 2 })).toEqual({ _id: 'k7', v: 2 });
      expect(await coll.findOne({ _id: 'k7', v: 3 })).toBeNull();
      const ids = (docs: Doc[]) => docs.map((d) => d._id).sort();
      expect(ids(await coll.find({ _id: { $in: ['k1', 'k2', 'k6', 'absent'] }, v: 1 }).toArray())).toEqual([
        'k1',
        'k6',
      ]);
      expect(ids(await coll.find({ _id: { $in: ['k1', 'k2'], $nin: ['k2'] } }).toArray())).toEqual(['k1']);
      // Keys of other types and long lists are not pushed down, and give the same answers.
      const mixed = store.db.collection<{ _id: string | number | null }>('by_id');
      expect((await mixed.find({ _id: { $in: ['k3', 3, null] } }).toArray()).map((d) => d._id)).toEqual([
        'k3',
      ]);
      const many = Array.from({ length: 1_500 }, (_, i) => `k${i}`);
      expect((await coll.find({ _id: { $in: many } }).toArray()).length).toBe(50);
      expect(await coll.countDocuments({ _id: { $in: [] } })).toBe(0);
      // Writes select the same way: a guarded update, a guarded delete of an $in.
      expect((await coll.updateOne({ _id: 'k8', v: 0 }, { $set: { v: 9 } })).matchedCount).toBe(0);
      expect((await coll.updateOne({ _id: 'k8', v: 3 }, { $set: { v: 9 } })).modifiedCount).toBe(1);
      expect((await coll.deleteMany({ _id: { $in: ['k8', 'k9', 'k10'] }, v: 4 })).deletedCount).toBe(1);
      expect(ids(await coll.find({ _id: { $in: ['k8', 'k9', 'k10'] } }).toArray())).toEqual(['k10', 'k8']);
      expect(await coll.findOne({ _id: 'k8' })).toEqual({ _id: 'k8', v: 9 });
    });
  });

  it('answers ping', async () => {
    expect(await store.ping()).toBe(true);
  });
});
