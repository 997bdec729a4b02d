import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafkaBus, type Bus, type Producer } from '@rapport/messaging';
import { ReviewEvent, Scorecard, ScoredInteraction, type Dimension, type Severity } from '@rapport/schemas';
import {
  loadScorecardsWorkerConfig,
  startScorecardsWorker,
  type RunningScorecardsWorker,
} from '@rapport/scorecards-worker';
import { connectStore, ScorecardsRepository, type StoreConnection } from '@rapport/store';
import { KAFKA_BROKERS, MONGODB_URI, testLogger, uniqueDbName, uniqueName } from '../support/env.js';

const env = {
  KAFKA_BROKERS: KAFKA_BROKERS.join(','),
  MONGODB_URI,
  MONGODB_DB: uniqueDbName('it-scorecards'),
  SCORECARDS_GROUP_ID: uniqueName('it-scorecards-group'),
  SCORED_TOPIC: uniqueName('it-scorecards-scored'),
  REVIEWS_TOPIC: uniqueName('it-scorecards-reviews'),
  SCORECARD_UPDATES_TOPIC: uniqueName('it-scorecards-updates'),
  SCORECARDS_TOPIC: uniqueName('it-scorecards-out'),
  TOPIC_PARTITIONS: '3',
  HTTP_PORT: '0',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
};

type Scores = Record<Dimension, number | null>;
const scoresOf = (s: Scores): ScoredInteraction['scores'] => ({
  politeness: { score: s.politeness, signals: [] },
  tone: { score: s.tone, signals: [] },
  accuracy: { score: s.accuracy, signals: [] },
  clarity: { score: s.clarity, signals: [] },
  responsiveness: { score: s.responsiveness, signals: [] },
  compliance: { score: s.compliance, signals: [] },
});

/** A scored interaction as the scorer publishes it (no transcript). */
function scored(
  id: string,
  revision: number,
  o: {
    agent: string;
    team: string;
    occurredAt: string;
    scores: Scores;
    overall: number | null;
    /** The customer outcome's score (engines 2.x); absent as from older engines. */
    outcome?: number;
    flags?: { code: string; severity: Severity }[];
    control?: boolean;
  },
): string {
  const flags = (o.flags ?? []).map((f) => ({
    ...f,
    dimension: f.code.split('.')[0] as Dimension,
    message: 'flagged',
    evidence: [],
  }));
  const s: ScoredInteraction = {
    schemaVersion: 1,
    interactionId: id,
    revision,
    tenantId: 'acme',
    channel: 'chat',
    occurredAt: o.occurredAt,
    agent: { id: o.agent, name: o.agent.toUpperCase(), teamId: o.team },
    customer: { id: 'cu-1' },
    source: { system: 'intercom' },
    tags: [],
    language: { code: 'en', detected: false, supported: true },
    scores: scoresOf(o.scores),
    overall: o.overall,
    ...(o.outcome === undefined
      ? {}
      : { outcome: { about: 'customer' as const, score: o.outcome, summary: 'test', signals: [] } }),
    flags,
    flagged: flags.some((f) => f.severity !== 'low'),
    maxSeverity: flags[0]?.severity ?? null,
    controlSample: o.control ?? false,
    redactions: {},
    transcript: [],
    policy: { id: 'default', version: '1' },
    engineVersion: 'test',
    scoredAt: '2026-03-04T00:00:00Z',
  };
  return JSON.stringify(ScoredInteraction.parse(s));
}

/** The review state after a change, as the review API publishes it. */
function review(
  id: string,
  version: number,
  seen: { agent: string; team: string; occurredAt: string },
  decisions: Record<string, 'confirmed' | 'dismissed'>,
): { key: string; value: string } {
  const e: ReviewEvent = {
    schemaVersion: 1,
    at: '2026-03-05T10:00:00Z',
    actor: { id: 'mgr-1', role: 'manager', via: 'session' },
    action: 'confirm_flag',
    interaction: {
      revision: 1,
      agentId: seen.agent,
      teamId: seen.team,
      occurredAt: seen.occurredAt,
      control: false,
    },
    review: {
      tenantId: 'acme',
      interactionId: id,
      version,
      status: 'open',
      assignee: null,
      flagDecisions: Object.entries(decisions).map(([code, decision]) => ({
        code,
        decision,
        by: 'mgr-1',
        at: '2026-03-05T10:00:00Z',
      })),
      coaching: null,
      notes: [],
      comments: [],
      escalation: null,
      agentResponse: null,
      ruling: null,
      controlVerdict: null,
      updatedAt: '2026-03-05T10:00:00Z',
    },
  };
  return { key: `acme:${id}`, value: JSON.stringify(ReviewEvent.parse(e)) };
}

const all = (v: number): Scores => ({
  politeness: v,
  tone: v,
  accuracy: v,
  clarity: v,
  responsiveness: v,
  compliance: v,
});
const MAR2 = '2026-03-02T09:00:00Z';

describe('scorecards worker (real Kafka and FerretDB)', () => {
  let bus: Bus;
  let producer: Producer;
  let worker: RunningScorecardsWorker | undefined;
  let store: StoreConnection;
  let repo: ScorecardsRepository;

  const card = (agent: string, day: string) => repo.getScorecard('acme', agent, day);
  const withoutTime = ({ updatedAt: _u, ...rest }: Scorecard) => rest;
  const metricsText = async () => (await fetch(`${worker!.opsUrl}/metrics`)).text();

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: KAFKA_BROKERS, clientId: 'it-scorecards', logger: testLogger });
    worker = await startScorecardsWorker(loadScorecardsWorkerConfig(env), testLogger);
    producer = await bus.producer();
    store = await connectStore({ uri: MONGODB_URI, dbName: env.MONGODB_DB, appName: 'it-scorecards' });
    repo = new ScorecardsRepository(store.db);
  });

  afterAll(async () => {
    await worker?.shutdown('test done');
    await producer?.disconnect();
    await bus
      ?.deleteTopics([env.SCORED_TOPIC, env.REVIEWS_TOPIC, env.SCORECARD_UPDATES_TOPIC, env.SCORECARDS_TOPIC])
      .catch(() => undefined);
    await bus?.close();
    await store?.db.dropDatabase().catch(() => undefined);
    await store?.close();
  });

  async function until<T>(
    what: string,
    probe: () => Promise<T>,
    done: (v: T) => boolean,
    timeoutMs = 90_000,
  ) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (done(v)) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  it('counts each interaction once, whatever the duplicates, and skips what it cannot read', async () => {
    const i1 = scored('chat-1', 1, {
      agent: 'ag-1',
      team: 'billing',
      occurredAt: MAR2,
      scores: { ...all(80), accuracy: null },
      overall: 80,
      outcome: 70,
      flags: [{ code: 'tone.condescension', severity: 'high' }],
    });
    const i2 = scored('chat-2', 1, {
      agent: 'ag-1',
      team: 'billing',
      occurredAt: '2026-03-02T10:00:00Z',
      scores: all(60),
      overall: 60,
      control: true,
    });
    const i3 = scored('chat-3', 1, {
      agent: 'ag-2',
      team: 'billing',
      occurredAt: MAR2,
      scores: all(90),
      overall: 90,
    });
    const i4 = scored('chat-4', 1, {
      agent: 'ag-1',
      team: 'support',
      occurredAt: '2026-03-03T23:59:00-01:00', // 00:59 UTC on the 4th
      scores: all(70),
      overall: 70,
    });
    await producer.send(env.SCORED_TOPIC, [
      { key: 'chat-1', value: i1 },
      { key: 'chat-2', value: i2 },
      { key: 'chat-1', value: i1 },
      { key: 'chat-3', value: i3 },
      { key: 'chat-2', value: i2 },
      { key: 'broken', value: '{"interactionId": ' },
      { key: 'chat-4', value: i4 },
    ]);

    const ag1 = await until(
      'ag-1 on March 2nd with two interactions',
      () => card('ag-1', '2026-03-02'),
      (c) => c?.interactions === 2,
    );
    expect(withoutTime(ag1!)).toEqual({
      schemaVersion: 1,
      tenantId: 'acme',
      agentId: 'ag-1',
      agentName: 'AG-1',
      teamId: 'billing',
      day: '2026-03-02',
      interactions: 2,
      controlSample: 1,
      scores: {
        politeness: { n: 2, sum: 140, sumSq: 10000 },
        tone: { n: 2, sum: 140, sumSq: 10000 },
        accuracy: { n: 1, sum: 60, sumSq: 3600 },
        clarity: { n: 2, sum: 140, sumSq: 10000 },
        responsiveness: { n: 2, sum: 140, sumSq: 10000 },
        compliance: { n: 2, sum: 140, sumSq: 10000 },
        overall: { n: 2, sum: 140, sumSq: 10000 },
      },
      // Only chat-1 carries an outcome; both were scored by the same engine.
      outcome: { n: 1, sum: 70, sumSq: 4900 },
      engineVersions: [{ version: 'test', interactions: 2 }],
      flags: {
        total: 1,
        flaggedInteractions: 1,
        bySeverity: { low: 0, medium: 0, high: 1, critical: 0 },
        byCode: [{ code: 'tone.condescension', count: 1 }],
      },
      reviews: { reviewed: 0, confirmed: 0, dismissed: 0 },
    });
    const ag1Next = await until(
      'ag-1 on March 4th',
      () => card('ag-1', '2026-03-04'),
      (c) => c !== null,
    );
    expect(ag1Next!.teamId).toBe('support');
    expect(ag1Next!.interactions).toBe(1);
    expect((await card('ag-2', '2026-03-02'))?.interactions).toBe(1);

    // The unreadable message sits on its own partition: counted once that partition is done.
    await until('the malformed message to be counted', metricsText, (m) =>
      /rapport_scorecards_malformed_total\{input="scored",code="INVALID_JSON",service="scorecards-worker"\} 1\n/.test(
        m,
      ),
    );
    expect((await fetch(`${worker!.opsUrl}/readyz`)).status).toBe(200);
  });

  it('moves a revised interaction to its new agent, keeps the latest review version, and publishes totals only', async () => {
    // Revision 2 of chat-2: another agent, another score, a flag.
    await producer.send(env.SCORED_TOPIC, [
      {
        key: 'chat-2',
        value: scored('chat-2', 2, {
          agent: 'ag-2',
          team: 'billing',
          occurredAt: '2026-03-02T10:00:00Z',
          scores: all(40),
          overall: 40,
          flags: [{ code: 'politeness.rude', severity: 'medium' }],
        }),
      },
      // A late duplicate of revision 1 changes nothing.
      {
        key: 'chat-2',
        value: scored('chat-2', 1, {
          agent: 'ag-1',
          team: 'billing',
          occurredAt: '2026-03-02T10:00:00Z',
          scores: all(60),
          overall: 60,
          control: true,
        }),
      },
    ]);
    const seen1 = { agent: 'ag-1', team: 'billing', occurredAt: MAR2 };
    const v2 = review('chat-1', 2, seen1, {
      'tone.condescension': 'confirmed',
      'politeness.rude': 'dismissed',
    });
    await producer.send(env.REVIEWS_TOPIC, [
      v2,
      review('chat-1', 1, seen1, { 'tone.condescension': 'dismissed' }), // older: ignored
      v2,
      review(
        'chat-2',
        0,
        { agent: 'ag-2', team: 'billing', occurredAt: '2026-03-02T10:00:00Z' },
        { 'politeness.rude': 'confirmed' },
      ),
      { key: 'acme:bad', value: JSON.stringify({ schemaVersion: 1, review: {} }) },
    ]);

    const ag2 = await until(
      'chat-2 revision 2 and its review on ag-2',
      () => card('ag-2', '2026-03-02'),
      (c) => c?.interactions === 2 && c.reviews.confirmed === 1,
    );
    expect(withoutTime(ag2!)).toEqual({
      schemaVersion: 1,
      tenantId: 'acme',
      agentId: 'ag-2',
      agentName: 'AG-2',
      teamId: 'billing',
      day: '2026-03-02',
      interactions: 2,
      controlSample: 0,
      scores: Object.fromEntries(
        ['politeness', 'tone', 'accuracy', 'clarity', 'responsiveness', 'compliance', 'overall'].map((k) => [
          k,
          { n: 2, sum: 130, sumSq: 9700 },
        ]),
      ),
      outcome: { n: 0, sum: 0, sumSq: 0 },
      engineVersions: [{ version: 'test', interactions: 2 }],
      flags: {
        total: 1,
        flaggedInteractions: 1,
        bySeverity: { low: 0, medium: 1, high: 0, critical: 0 },
        byCode: [{ code: 'politeness.rude', count: 1 }],
      },
      reviews: { reviewed: 1, confirmed: 1, dismissed: 0 },
    });
    const ag1 = await until(
      'ag-1 without chat-2 and with the review of chat-1',
      () => card('ag-1', '2026-03-02'),
      (c) => c?.interactions === 1 && c.reviews.reviewed === 1,
    );
    expect(ag1!.controlSample).toBe(0);
    expect(ag1!.scores.overall).toEqual({ n: 1, sum: 80, sumSq: 6400 });
    expect(ag1!.reviews).toEqual({ reviewed: 1, confirmed: 1, dismissed: 1 });

    // What the API reads: the directory and a team's period.
    const { agents, teams } = await repo.listAgents('acme');
    expect(agents).toEqual([
      {
        tenantId: 'acme',
        agentId: 'ag-1',
        agentName: 'AG-1',
        teamId: 'support',
        teams: ['billing', 'support'],
        firstDay: '2026-03-02',
        lastDay: '2026-03-04',
      },
      {
        tenantId: 'acme',
        agentId: 'ag-2',
        agentName: 'AG-2',
        teamId: 'billing',
        teams: ['billing'],
        firstDay: '2026-03-02',
        lastDay: '2026-03-02',
      },
    ]);
    expect(teams).toEqual([
      { teamId: 'billing', agentIds: ['ag-2'] },
      { teamId: 'support', agentIds: ['ag-1'] },
    ]);
    const billing = await repo.loadPeriod({
      tenantId: 'acme',
      from: '2026-03-01',
      to: '2026-03-31',
      teamId: 'billing',
    });
    expect(billing.map((c) => [c.agentId, c.day, c.interactions])).toEqual([
      ['ag-1', '2026-03-02', 1],
      ['ag-2', '2026-03-02', 2],
    ]);
    const one = await repo.loadPeriod({
      tenantId: 'acme',
      from: '2026-03-03',
      to: '2026-03-04',
      agentIds: ['ag-1'],
    });
    expect(one.map((c) => c.day)).toEqual(['2026-03-04']);
    const entries = await repo.getDayEntries('acme', 'ag-2', '2026-03-02');
    expect(entries!.scored.map((c) => [c.id, c.revision])).toEqual([
      ['chat-2', 2],
      ['chat-3', 1],
    ]);

    // The scorecards topic: totals only, and the latest message per agent-day is the stored state.
    const latest = new Map<string, Scorecard>();
    await until(
      'the published scorecards to match the store',
      async () => {
        const consumer = await bus.consumer({
          groupId: uniqueName('it-scorecards-reader'),
          topics: [env.SCORECARDS_TOPIC],
        });
        const seen: { key: string; value: string }[] = [];
        const size = await bus.topicSize(env.SCORECARDS_TOPIC);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, 15_000);
          consumer
            .run(async (batch) => {
              for (const m of batch.messages)
                seen.push({ key: m.key!.toString(), value: m.value!.toString() });
              if (seen.length >= size) {
                clearTimeout(timer);
                resolve();
              }
              return Promise.resolve();
            })
            .catch(reject);
        });
        await consumer.disconnect();
        for (const m of seen) {
          expect(m.value).not.toMatch(/chat-\d/); // no interaction ids
          latest.set(m.key, Scorecard.parse(JSON.parse(m.value)));
        }
        return [...latest.values()];
      },
      (cards) =>
        cards.find((c) => c.agentId === 'ag-2' && c.day === '2026-03-02')?.reviews.confirmed === 1 &&
        cards.find((c) => c.agentId === 'ag-1' && c.day === '2026-03-02')?.reviews.reviewed === 1,
    );
    expect([...latest.keys()].sort()).toEqual([
      'acme:ag-1:2026-03-02',
      'acme:ag-1:2026-03-04',
      'acme:ag-2:2026-03-02',
    ]);
    for (const [key, published] of latest) {
      const [, agent, day] = key.split(':');
      expect(published).toEqual(await card(agent!, day!));
    }

    const metrics = await until('the malformed review to be counted', metricsText, (m) =>
      /rapport_scorecards_malformed_total\{input="reviews",code="SCHEMA_VIOLATION",service="scorecards-worker"\} 1\n/.test(
        m,
      ),
    );
    expect(metrics).toMatch(
      /rapport_scorecards_facts_total\{kind="review",outcome="stale",service="scorecards-worker"\} [1-9]/,
    );
  });

  it('gives the same scorecards when a new worker group replays every input from the beginning', async () => {
    const before = await repo.loadPeriod({ tenantId: 'acme', from: '2026-03-01', to: '2026-03-31' });
    await worker!.shutdown('replaced by a replaying worker');
    const replayEnv = { ...env, SCORECARDS_GROUP_ID: uniqueName('it-scorecards-replay') };
    worker = await startScorecardsWorker(loadScorecardsWorkerConfig(replayEnv), testLogger);
    const inputs = [env.SCORED_TOPIC, env.REVIEWS_TOPIC, env.SCORECARD_UPDATES_TOPIC];
    let quiet = 0;
    await until(
      'the replaying group to catch up on all inputs',
      async () => {
        // Every input has messages, so a lag of 0 means consumed and committed; stage 1 feeds
        // the updates topic while it replays, hence a few quiet probes in a row.
        const lags = await Promise.all(inputs.map((t) => bus.groupLag(replayEnv.SCORECARDS_GROUP_ID, t)));
        quiet = lags.every((l) => l === 0) ? quiet + 1 : 0;
        return quiet;
      },
      (q) => q >= 3,
    );
    const after = await repo.loadPeriod({ tenantId: 'acme', from: '2026-03-01', to: '2026-03-31' });
    expect(after.map(withoutTime)).toEqual(before.map(withoutTime));
  });
});
