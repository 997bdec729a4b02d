/**
 * Staffing plans from stored interactions: calls scored by the real engine, stored with their
 * transcripts (segment times give the handle time), read back over real FerretDB by the review
 * service's API (roles and teams) and by `pnpm rapport staffing`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReviewApi } from '@rapport/review-api';
import type { StaffingCell, StaffingPlan } from '@rapport/insights';
import { InteractionEvent, type ScoredInteraction } from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import { connectStore, InteractionsRepository, type StoreConnection } from '@rapport/store';
import { runCli } from '../support/cli.js';
import {
  asUser,
  createUsers,
  removeReviewEnv,
  reviewEnv,
  signIn,
  startTestReviewApi,
  type Session,
} from '../support/review.js';

const env = reviewEnv('staffing');
let store: StoreConnection;
let api: RunningReviewApi;
const sessions: Record<string, Session> = {};

/** A three-minute call: the agent answers, the customer explains, the agent solves it. */
const template: ScoredInteraction = scoreInteraction(
  InteractionEvent.parse({
    schemaVersion: 1,
    interactionId: 'template',
    revision: 1,
    tenantId: 'acme',
    occurredAt: '2026-03-02T09:00:00Z',
    channel: 'call',
    language: 'en',
    agent: { id: 'ag-0', teamId: 'orders' },
    customer: { id: 'cu-0' },
    source: { system: 'test' },
    durationSec: 180,
    segments: [
      {
        speaker: 'agent',
        startSec: 0,
        endSec: 10,
        text: 'Hello, thank you for calling. How can I help you today?',
      },
      {
        speaker: 'customer',
        startSec: 11,
        endSec: 60,
        text: 'My parcel is late and I would like to know where it is.',
      },
      {
        speaker: 'agent',
        startSec: 61,
        endSec: 180,
        text: 'I have checked it: it arrives tomorrow. Have a nice day!',
      },
    ],
  }),
  { policy: DEFAULT_POLICY, now: () => new Date('2026-03-20T00:00:00Z') },
);

/** `count` calls spread over the hour from `hourStart`, answered in turn by `agents` agents of `team`. */
function calls(hourStart: string, count: number, agents: number, team: string): ScoredInteraction[] {
  const t0 = Date.parse(hourStart);
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    interactionId: `${team}-${hourStart}-${i}`,
    occurredAt: new Date(t0 + Math.floor((i * 3_600_000) / count)).toISOString(),
    agent: { id: `${team}-ag-${i % agents}`, teamId: team },
  }));
}

beforeAll(async () => {
  store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'test' });
  const repo = new InteractionsRepository(store.db);
  await repo.ensureIndexes();
  // Two weeks from Monday 2 March 2026 (UTC). Monday 09: orders takes 200 calls with 10 agents,
  // then with 12; billing 20 with 2 agents each week.
  const items = [
    ...calls('2026-03-02T09:00:00Z', 200, 10, 'orders'),
    ...calls('2026-03-09T09:00:00Z', 200, 12, 'orders'),
    ...calls('2026-03-02T09:00:00Z', 20, 2, 'billing'),
    ...calls('2026-03-09T09:00:00Z', 20, 2, 'billing'),
  ].map((scored) => ({ scored, control: false, keepTranscript: true }));
  expect(await repo.save(items)).toEqual({ inserted: 440, updated: 0, unchanged: 0 });
  await createUsers(store.db, [
    { username: 'ada', role: 'admin' },
    { username: 'mona', role: 'manager', teamIds: ['orders'] },
    { username: 'audrey', role: 'auditor' },
    { username: 'seven', role: 'agent', agentId: 'orders-ag-7' },
  ]);
  api = await startTestReviewApi(env);
  for (const u of ['ada', 'mona', 'audrey', 'seven']) sessions[u] = await signIn(api.app, u);
}, 120_000);

afterAll(async () => {
  await removeReviewEnv(env, api, store);
});

const as = (u: string) => asUser(api.app, sessions[u]!);
const PERIOD = 'from=2026-03-02&to=2026-03-15';
const monday9 = (plan: StaffingPlan): StaffingCell => plan.cells[0]![9]!;

describe('staffing plan over stored interactions (real FerretDB)', () => {
  it("gives a manager their teams' plan: Erlang C on observed handle time against the agents seen", async () => {
    const res = await as('mona').get(`/api/staffing/plan?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    const plan = res.json<StaffingPlan>();
    expect(plan.interactions).toBe(400);
    expect(monday9(plan)).toMatchObject({
      occurrences: 2,
      contactsPerHour: 200,
      requiredAgents: 14,
      requiredWithShrinkage: 20,
      observedAgents: 11,
      gap: -3,
      status: 'understaffed',
      method: 'erlang',
    });
    // 180 s from the stored segments (first start to last end), not the policy's 300 s.
    expect(monday9(plan).channels[0]).toMatchObject({
      channel: 'call',
      handleSec: 180,
      handleSource: 'observed',
      handleSamples: 400,
      probabilityOfWaiting: 0.1741,
      serviceLevel: 0.8884,
      averageSpeedOfAnswerSeconds: 7.8,
    });
  });

  it('gives admins and auditors the whole tenant', async () => {
    for (const u of ['ada', 'audrey']) {
      const plan = (await as(u).get(`/api/staffing/plan?${PERIOD}`)).json<StaffingPlan>();
      expect(plan.interactions).toBe(440);
      expect(monday9(plan)).toMatchObject({ contactsPerHour: 220, observedAgents: 13 });
    }
  });

  it('recomputes for a what-if', async () => {
    const plan = (
      await as('mona').get(`/api/staffing/plan?${PERIOD}&ahtCall=120&shrinkage=0.5`)
    ).json<StaffingPlan>();
    expect(monday9(plan)).toMatchObject({
      requiredAgents: 10,
      requiredWithShrinkage: 20,
      status: 'balanced',
    });
    expect(monday9(plan).channels[0]).toMatchObject({ handleSec: 120, handleSource: 'what_if' });
  });

  it('keeps agents out, a manager out of other teams, and says what was wrong', async () => {
    expect((await as('seven').get(`/api/staffing/plan?${PERIOD}`)).statusCode).toBe(403);
    expect((await api.app.inject({ method: 'GET', url: `/api/staffing/plan?${PERIOD}` })).statusCode).toBe(
      401,
    );
    const other = await as('mona').get(`/api/staffing/plan?${PERIOD}&teams=billing`);
    expect(other.statusCode).toBe(404);
    const tz = await as('ada').get(`/api/staffing/plan?${PERIOD}&tz=Mars/Olympus`);
    expect(tz.statusCode).toBe(400);
    expect(tz.json()).toMatchObject({ error: 'INSIGHTS_BAD_TIME_ZONE' });
    const bad = await as('ada').get(`/api/staffing/plan?${PERIOD}&shrinkage=1.2`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('shrinkage');
  });
});

describe('pnpm rapport staffing', () => {
  it('computes one interval, its last line JSON', async () => {
    const run = await runCli(
      [
        'staffing',
        '--calls-per-hour',
        '200',
        '--aht',
        '180',
        '--answer-within',
        '20',
        '--service-level',
        '0.8',
        '--shrinkage',
        '0.3',
      ],
      {},
    );
    expect(run.code).toBe(0);
    const last = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(Object.keys(last)).toEqual([
      'trafficErlangs',
      'agents',
      'agentsWithShrinkage',
      'probabilityOfWaiting',
      'serviceLevel',
      'averageSpeedOfAnswerSeconds',
    ]);
    expect(last).toMatchObject({ trafficErlangs: 10, agents: 14, agentsWithShrinkage: 20 });
    expect(last.probabilityOfWaiting).toBeCloseTo(0.1741, 4);
    expect(last.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(last.averageSpeedOfAnswerSeconds).toBeCloseTo(7.836, 3);
  });

  it('refuses an incomplete interval, naming what is missing', async () => {
    const run = await runCli(['staffing', '--calls-per-hour', '200', '--aht', '180'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--answer-within, --service-level');
  });

  it('prints the week plan from the store, for one team', async () => {
    const run = await runCli(
      [
        'staffing',
        '--tenant',
        'acme',
        '--from',
        '2026-03-02',
        '--to',
        '2026-03-15',
        '--team',
        'orders',
        '--json',
      ],
      { MONGODB_URI: env.MONGODB_URI, MONGODB_DB: env.MONGODB_DB },
    );
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as StaffingPlan;
    expect(plan.interactions).toBe(400);
    expect(monday9(plan)).toMatchObject({ requiredAgents: 14, observedAgents: 11, status: 'understaffed' });
    const text = await runCli(
      ['staffing', '--tenant', 'acme', '--from', '2026-03-02', '--to', '2026-03-15'],
      {
        MONGODB_URI: env.MONGODB_URI,
        MONGODB_DB: env.MONGODB_DB,
      },
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Mon 09:00 understaffed (erlang): 13 agents seen against 15 required');
    expect(text.stderr).toContain('interactions read');
  });
});
