/**
 * Manager insights end to end on the store: interactions scored by the real engine are saved
 * through InteractionsRepository (insight kept for every interaction, transcript only for flagged
 * ones), read back by InsightsRepository over real FerretDB, and turned into topics and coverage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverage, topTopics } from '@rapport/insights';
import type { InteractionEvent, ScoredInteraction } from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import {
  connectStore,
  InsightsRepository,
  InteractionsRepository,
  type InsightRow,
  type InteractionDocument,
  type StoreConnection,
} from '@rapport/store';
import { MONGODB_URI, uniqueDbName } from '../support/env.js';

/** A chat: the customer writes at `start`, the agent replies `replySec` later, then both close. */
function chat(
  id: string,
  start: string,
  replySec: number,
  language: 'en' | 'da',
  customerText: string,
  tenantId = 'acme',
): InteractionEvent {
  const t0 = Date.parse(start);
  const at = (sec: number) => new Date(t0 + sec * 1000).toISOString();
  const agent =
    language === 'en'
      ? [
          'Hello, thank you for reaching out. I have looked into it and sorted it out for you.',
          'You are welcome. Have a great day!',
        ]
      : [
          'Hej, tak fordi du skrev. Jeg har kigget på det og ordnet det for dig.',
          'Selv tak. Hav en god dag!',
        ];
  return {
    schemaVersion: 1,
    interactionId: id,
    revision: 1,
    tenantId,
    occurredAt: start,
    channel: 'chat',
    language,
    agent: { id: 'ag-1', name: 'Sam', teamId: 'support' },
    customer: { id: `cu-${id}` },
    source: { system: 'test' },
    messages: [
      { role: 'customer', sentAt: at(0), text: customerText },
      { role: 'agent', sentAt: at(replySec), text: agent[0]! },
      { role: 'customer', sentAt: at(replySec + 30), text: language === 'en' ? 'Thanks.' : 'Tak.' },
      { role: 'agent', sentAt: at(replySec + 45), text: agent[1]! },
    ],
  };
}

const score = (e: InteractionEvent): ScoredInteraction =>
  scoreInteraction(e, { policy: DEFAULT_POLICY, now: () => new Date('2026-03-10T00:00:00Z') });

// 2026-03-02 is a Monday; Copenhagen is UTC+1 then.
const EVENTS: InteractionEvent[] = [
  chat(
    'late-1',
    '2026-03-02T09:05:00Z',
    300,
    'en',
    'My parcel is late. The late delivery was promised for Friday.',
  ),
  chat(
    'late-2',
    '2026-03-02T09:20:00Z',
    240,
    'en',
    'Another late delivery: my parcel has still not arrived.',
  ),
  chat(
    'refund-1',
    '2026-03-02T09:40:00Z',
    200,
    'en',
    'I returned the jacket two weeks ago. Where is my refund?',
  ),
  chat('refund-2', '2026-03-02T08:10:00Z', 30, 'en', 'Can I get a refund for the jacket? It was too small.'),
  chat('pakke-1', '2026-03-03T12:00:00Z', 20, 'da', 'Min pakke er ikke kommet. Hvor er pakken?'),
  chat('pakke-2', '2026-03-03T12:30:00Z', 50, 'da', 'Jeg har ikke modtaget mine pakker endnu.'),
  // Outside the period, and another tenant's: neither may appear.
  chat('old-1', '2026-02-20T10:00:00Z', 30, 'en', 'My parcel is late, where is my refund?'),
  chat('other-1', '2026-03-02T09:10:00Z', 30, 'en', 'Late delivery of my parcel.', 'globex'),
];

describe('manager insights over the store (real FerretDB)', () => {
  const dbName = uniqueDbName('it_insights');
  let store: StoreConnection;
  let rows: InsightRow[];
  const scored = new Map<string, ScoredInteraction>();

  beforeAll(async () => {
    store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'it-insights' });
    const interactions = new InteractionsRepository(store.db);
    await interactions.ensureIndexes();
    for (const e of EVENTS) scored.set(e.interactionId, score(e));
    // One stored by an engine before insights: it counts for volume, not for topics.
    const legacy = score(chat('legacy-1', '2026-03-02T09:50:00Z', 20, 'en', 'Where is my refund?'));
    delete legacy.insight;
    const items = [...scored.values(), legacy].map((s) => ({
      scored: s,
      keepTranscript: s.flagged,
      control: false,
    }));
    expect(await interactions.save(items)).toEqual({ inserted: 9, updated: 0, unchanged: 0 });
    rows = [];
    for await (const row of new InsightsRepository(store.db).rows({
      tenantId: 'acme',
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-03-08T00:00:00Z'),
    }))
      rows.push(row);
  });

  afterAll(async () => {
    await store.db.dropDatabase();
    await store.close();
  });

  it('scores slow first replies as flagged and keeps the insight on every stored interaction', async () => {
    expect(
      [...scored.values()].map((s) => [s.interactionId, s.flagged, s.insight?.firstResponseSec]),
    ).toEqual([
      ['late-1', true, 300],
      ['late-2', true, 240],
      ['refund-1', true, 200],
      ['refund-2', false, 30],
      ['pakke-1', false, 20],
      ['pakke-2', false, 50],
      ['old-1', false, 30],
      ['other-1', false, 30],
    ]);
    const doc = await store.db
      .collection<InteractionDocument>('interactions')
      .findOne({ _id: 'acme:refund-2' });
    expect(doc?.transcript).toBeUndefined(); // not flagged: no text kept...
    expect(doc?.insight).toEqual({
      keyphrases: [
        { text: 'refund', count: 1 },
        { text: 'jacket', count: 1 },
        { text: 'small', count: 1 },
      ],
      firstResponseSec: 30,
      messages: { customer: 2, agent: 2 },
    }); // ...but its keyphrases are
  });

  it("streams only the tenant's period, projected to the fields insights read", () => {
    expect(rows.map((r) => r.interactionId).sort()).toEqual([
      'late-1',
      'late-2',
      'legacy-1',
      'pakke-1',
      'pakke-2',
      'refund-1',
      'refund-2',
    ]);
    const late = rows.find((r) => r.interactionId === 'late-1');
    expect(Object.keys(late ?? {}).sort()).toEqual([
      'channel',
      'flagged',
      'insight',
      'interactionId',
      'language',
      'occurredAt',
    ]);
    expect(late?.language).toEqual({ code: 'en' });
    expect(late?.occurredAt).toEqual(new Date('2026-03-02T09:05:00Z'));
    expect(rows.find((r) => r.interactionId === 'legacy-1')?.insight).toBeUndefined();
  });

  it('finds the top topics, merging Danish inflections, with flagged examples first', () => {
    // N = 6 analysed (legacy-1 has no insight); each topic below is in 2 interactions, so
    // idf = ln(7/3) + 1 = 1.847. late-1 says "late" twice, so "late delivery" and "parcel" weigh
    // 0.5 there: 1.5 x 1.847 = 2.771 against 2 x 1.847 = 3.695. "late" and "delivery" alone
    // are folded into "late delivery".
    const report = topTopics(rows);
    expect(report.analysed).toBe(6);
    expect(report.withoutInsight).toBe(1);
    expect(
      report.topics.map((t) => [
        t.label,
        t.count,
        t.share,
        t.score,
        t.languages,
        t.examples.map((e) => e.interactionId),
      ]),
    ).toEqual([
      ['jacket', 2, 0.3333, 3.695, ['en'], ['refund-1', 'refund-2']],
      ['pakke', 2, 0.3333, 3.695, ['da'], ['pakke-2', 'pakke-1']],
      ['refund', 2, 0.3333, 3.695, ['en'], ['refund-1', 'refund-2']],
      ['late delivery', 2, 0.3333, 2.771, ['en'], ['late-2', 'late-1']],
      ['parcel', 2, 0.3333, 2.771, ['en'], ['late-2', 'late-1']],
    ]);
    expect(report.topics[1]?.variants).toEqual(['pakken', 'pakker']);
  });

  it('lays the period out by hour of the week in the desk time zone and marks the late hour', () => {
    const report = coverage(rows, { timeZone: 'Europe/Copenhagen' });
    expect(report.interactions).toBe(7);
    expect(report.responded).toBe(6);
    // ratios to the 120 s chat target: 0.25 | 2.5 2 1.667 | 0.167 0.417 -> median 1.042
    expect(report.medianTargetRatio).toBe(1.0417);
    expect(report.flagRate).toBe(0.4286);
    expect(report.busyVolume).toBe(4);
    const busy = report.cells
      .flat()
      .filter((c) => c.volume > 0)
      .map((c) => [c.dayName, c.hour, c.volume, c.medianFirstResponseSec, c.flagRate, c.understaffed]);
    expect(busy).toEqual([
      ['Mon', 9, 1, 30, 0, false],
      ['Mon', 10, 4, 240, 0.75, true],
      ['Tue', 13, 2, 35, 0, false],
    ]);
    // Monday 10-11: median 240 s is twice the target (but under twice the desk's 1.042).
    expect(report.cells[0]?.[10]?.rules).toEqual(['over_target', 'flags_while_busy']);
    expect(report.cells[0]?.[10]?.reason).toBe(
      'median first response is 2x the policy target (email 24 h, chat 2 min); ' +
        'busy (4 interactions) and 75% flagged against 43% overall',
    );
  });
});
