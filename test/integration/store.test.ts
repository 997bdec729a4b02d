import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectStore,
  InteractionsRepository,
  isDuplicateKeyError,
  type StoreConnection,
} from '@rapport/store';
import { MONGODB_URI, uniqueDbName } from '../support/env.js';

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

  it('answers ping', async () => {
    expect(await store.ping()).toBe(true);
  });
});
