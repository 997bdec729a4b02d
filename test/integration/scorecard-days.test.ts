import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScorecardDayEntries, ScoredContribution } from '@rapport/schemas';
import { computeCard } from '@rapport/scorecards';
import { connectStore, scorecardDayId, ScorecardsRepository, type StoreConnection } from '@rapport/store';
import { MONGODB_URI, uniqueDbName } from '../support/env.js';

const contribution = (i: number): ScoredContribution => ({
  id: `int-${String(i).padStart(6, '0')}`,
  revision: 1,
  occurredAt: '2026-03-02T10:00:00.000Z',
  teamId: 'bots',
  scores: {
    politeness: 70 + (i % 30),
    tone: 80,
    accuracy: 100,
    clarity: 60 + (i % 40),
    responsiveness: 100,
    compliance: 90,
    overall: 85,
  },
  flags: i % 7 === 0 ? [{ code: 'tone.shouting', severity: 'low' }] : [],
  flagged: false,
  control: false,
});

const dayOf = (n: number): ScorecardDayEntries => ({
  tenantId: 'acme',
  agentId: 'chatbot',
  day: '2026-03-02',
  teamId: 'bots',
  updatedAt: '2026-03-02T23:00:00.000Z',
  scored: Array.from({ length: n }, (_, i) => contribution(i)),
  reviews: [],
});

/**
 * Regression: an agent-day was one document holding every contribution of the day, so a bot or a
 * shared agent id with ~70,000 interactions a day exceeded MongoDB's 16 MiB per document and its
 * day could never be written again. Days are now cut into parts before they reach the limit.
 */
describe('agent-days of any size (real FerretDB)', () => {
  const dbName = uniqueDbName('it_sc_days');
  let store: StoreConnection;

  beforeAll(async () => {
    store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'it-sc-days' });
  });
  afterAll(async () => {
    await store?.db.dropDatabase().catch(() => undefined);
    await store?.close();
  });

  it('writes and reads back a day larger than one document may be', async () => {
    const repo = new ScorecardsRepository(store.db);
    const big = dayOf(80_000);
    expect(JSON.stringify(big).length).toBeGreaterThan(16 * 1024 * 1024);
    await repo.saveDays([{ entries: big, card: computeCard(big) }]);
    const id = scorecardDayId('acme', 'chatbot', '2026-03-02');
    const back = (await repo.loadDays([id])).get(id);
    expect(back?.scored.length).toBe(80_000);
    expect(back).toEqual(big);
  }, 180_000);

  it('shrinks a day back to fewer parts and leaves none behind', async () => {
    const repo = new ScorecardsRepository(store.db, { dayPartChars: 4_000 });
    const id = scorecardDayId('acme', 'chatbot', '2026-03-02');
    const days = store.db.collection<{ _id: string }>('scorecard_days');
    const many = dayOf(200);
    await repo.saveDays([{ entries: many, card: computeCard(many) }]);
    const parts = Math.ceil(JSON.stringify(many).length / 4_000);
    expect(parts).toBeGreaterThan(10);
    expect(await days.findOne({ _id: `${id}~${parts - 1}` })).not.toBeNull();
    expect((await repo.loadDays([id])).get(id)).toEqual(many);

    const few = dayOf(3);
    await repo.saveDays([{ entries: few, card: computeCard(few) }]);
    expect((await repo.loadDays([id])).get(id)).toEqual(few);
    for (let k = 1; k < parts; k++) expect(await days.findOne({ _id: `${id}~${k}` })).toBeNull();
  }, 120_000);
});
