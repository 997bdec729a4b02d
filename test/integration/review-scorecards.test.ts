import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReviewApi } from '@rapport/review-api';
import { computeCard, newDay } from '@rapport/scorecards';
import type { ScorecardAgent, ScorecardDayEntries, ScoredContribution } from '@rapport/schemas';
import { connectStore, ScorecardsRepository, type StoreConnection } from '@rapport/store';
import {
  asUser,
  createUsers,
  reviewEnv,
  signIn,
  startTestReviewApi,
  type Session,
  removeReviewEnv,
} from '../support/review.js';

const env = reviewEnv('review-scorecards');
const FROM = '2026-03-02';
const TO = '2026-03-15';

/** `count` interactions for one agent over the first ten days, overall scores start, start+1, ... */
function agentDays(
  agentId: string,
  agentName: string,
  teamId: string,
  count: number,
  start: number,
): ScorecardDayEntries[] {
  const days = new Map<string, ScorecardDayEntries>();
  for (let i = 0; i < count; i++) {
    const day = `2026-03-${String(2 + (i % 10)).padStart(2, '0')}`;
    const entries = days.get(day) ?? newDay('acme', agentId, day, new Date('2026-03-20T00:00:00Z'));
    const v = start + i;
    const c: ScoredContribution = {
      id: `${agentId}-i${i}`,
      revision: 1,
      occurredAt: `${day}T10:00:00.000Z`,
      teamId,
      agentName,
      scores: {
        politeness: v,
        tone: v,
        accuracy: v,
        clarity: v,
        responsiveness: v,
        compliance: v,
        overall: v,
      },
      flags: i % 5 === 0 ? [{ code: 'tone.condescension', severity: 'medium' }] : [],
      flagged: i % 5 === 0,
      control: false,
    };
    entries.scored.push(c);
    entries.teamId = teamId;
    entries.agentName = agentName;
    days.set(day, entries);
  }
  return [...days.values()];
}

let store: StoreConnection;
let api: RunningReviewApi;
const sessions: Record<string, Session> = {};

beforeAll(async () => {
  store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'test' });
  const repo = new ScorecardsRepository(store.db);
  await repo.ensureIndexes();
  const all = [
    ...agentDays('ag-7', 'Mia', 'orders', 25, 60),
    ...agentDays('ag-8', 'Noah', 'orders', 5, 40),
    ...agentDays('ag-1', 'Freja', 'billing', 30, 70),
  ];
  await repo.saveDays(all.map((entries) => ({ entries, card: computeCard(entries) })));
  const agent = (agentId: string, agentName: string, teamId: string): ScorecardAgent => ({
    tenantId: 'acme',
    agentId,
    agentName,
    teamId,
    teams: [teamId],
    firstDay: FROM,
    lastDay: '2026-03-11',
  });
  await repo.saveAgents([
    agent('ag-7', 'Mia', 'orders'),
    agent('ag-8', 'Noah', 'orders'),
    agent('ag-1', 'Freja', 'billing'),
  ]);
  await createUsers(store.db, [
    { username: 'mona', role: 'manager', teamIds: ['orders'] },
    { username: 'noah', role: 'agent', agentId: 'ag-8' },
    { username: 'audrey', role: 'auditor' },
  ]);
  api = await startTestReviewApi(env);
  for (const u of ['mona', 'noah', 'audrey']) sessions[u] = await signIn(api.app, u);
});

afterAll(async () => {
  await removeReviewEnv(env, api, store);
});

const as = (u: string) => asUser(api.app, sessions[u]!);
interface Estimate {
  n: number;
  mean: number | null;
  ci: { low: number; high: number } | null;
}
interface AgentSummary {
  agentId: string;
  interactions: number;
  insufficient: boolean;
  rank: number | null;
  scores: { overall: Estimate };
}

describe('scorecards in the review service', () => {
  it('ranks only agents with enough interactions, each mean with its count and 95% interval', async () => {
    const res = await as('mona').get(`/api/scorecards/teams/orders?from=${FROM}&to=${TO}`);
    expect(res.statusCode).toBe(200);
    const { agents } = res.json<{ agents: AgentSummary[] }>();
    const mia = agents.find((a) => a.agentId === 'ag-7')!;
    const noah = agents.find((a) => a.agentId === 'ag-8')!;
    // Mia: overall 60..84: mean 72, sample sd sqrt(25*26/12) = 7.36, t(24) 2.0639 -> 72 +/- 3.04
    expect(mia).toMatchObject({ interactions: 25, insufficient: false, rank: 1 });
    expect(mia.scores.overall.n).toBe(25);
    expect(mia.scores.overall.mean).toBeCloseTo(72, 6);
    expect(mia.scores.overall.ci!.low).toBeCloseTo(68.96, 2);
    expect(mia.scores.overall.ci!.high).toBeCloseTo(75.04, 2);
    // Noah: 5 interactions, fewer than 20: shown, never ranked.
    expect(noah).toMatchObject({ interactions: 5, insufficient: true, rank: null });
    expect(noah.scores.overall.mean).toBeCloseTo(42, 6);
  });

  it('keeps managers to their teams and agents to themselves', async () => {
    expect((await as('mona').get(`/api/scorecards/agents/ag-1?from=${FROM}&to=${TO}`)).statusCode).toBe(404);
    expect((await as('mona').get(`/api/scorecards/teams/billing?from=${FROM}&to=${TO}`)).statusCode).toBe(
      404,
    );
    expect((await as('noah').get(`/api/scorecards/agents/ag-7?from=${FROM}&to=${TO}`)).statusCode).toBe(404);
    const own = await as('noah').get(`/api/scorecards/agents/ag-8?from=${FROM}&to=${TO}`);
    expect(own.statusCode).toBe(200);
    const body = own.json<{ summary: AgentSummary; team: { agents: AgentSummary[] }; trend: unknown[] }>();
    expect(body.summary.interactions).toBe(5);
    // The agent sees the team mean, never colleagues' rows.
    expect(body.team.agents.map((a) => a.agentId)).toEqual(['ag-8']);
    expect(body.trend.length).toBe(2); // ISO weeks 2026-W10 and W11
    expect((await as('audrey').get(`/api/scorecards/agents/ag-1?from=${FROM}&to=${TO}`)).statusCode).toBe(
      200,
    );
    expect(
      (await as('mona').get('/api/scorecards/teams/orders?from=2026-03-15&to=2026-03-01')).statusCode,
    ).toBe(400);
  });

  it('exports a period as CSV and JSON and drills down to the interactions of a day', async () => {
    const csv = await as('mona').get(`/api/scorecards/export?from=${FROM}&to=${TO}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3); // header, ag-7, ag-8: not billing's agent
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual(['ag-7', 'ag-8']);
    const json = (await as('audrey').get(`/api/scorecards/export?from=${FROM}&to=${TO}&format=json`)).json<{
      agents: AgentSummary[];
    }>();
    expect(json.agents.map((a) => a.agentId).sort()).toEqual(['ag-1', 'ag-7', 'ag-8']);
    const day = (await as('mona').get('/api/scorecards/agents/ag-7/days/2026-03-02')).json<{
      scored: { id: string }[];
    }>();
    expect(day.scored.map((c) => c.id).sort()).toEqual(['ag-7-i0', 'ag-7-i10', 'ag-7-i20']);
    const page = await api.app.inject({
      method: 'GET',
      url: `/scorecards/agents/ag-7?from=${FROM}&to=${TO}`,
      headers: { cookie: sessions.mona!.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('72.0');
  });
});
