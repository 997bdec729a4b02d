import type { Scorecard, ScoreTotals } from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import { emptyScores } from './card.js';
import { combineScorecards, compareTeam, summarizeAgents, summarizeTeams } from './period.js';

/** A day whose overall scores have count n, mean and sample variance as given. */
function card(
  agentId: string,
  teamId: string,
  day: string,
  n: number,
  mean: number,
  variance: number,
): Scorecard {
  const sum = n * mean;
  const overall: ScoreTotals = { n, sum, sumSq: (sum * sum) / n + (n - 1) * variance };
  return {
    schemaVersion: 1,
    tenantId: 'acme',
    agentId,
    agentName: agentId.toUpperCase(),
    teamId,
    day,
    interactions: n,
    controlSample: 0,
    scores: { ...emptyScores(), overall, politeness: overall },
    flags: {
      total: 1,
      flaggedInteractions: 1,
      bySeverity: { low: 0, medium: 0, high: 1, critical: 0 },
      byCode: [{ code: 'tone.condescension', count: 1 }],
    },
    reviews: { reviewed: 1, confirmed: 1, dismissed: 0 },
    updatedAt: '2026-03-10T00:00:00.000Z',
  };
}

const period = { from: '2026-03-01', to: '2026-03-31' };

// Agent A over two days: 10 scores with mean 80, then 15 with mean 85 (sums 800 and 1275).
const A = [
  {
    ...card('a', 'billing', '2026-03-02', 10, 80, 0),
    scores: { ...emptyScores(), overall: { n: 10, sum: 800, sumSq: 64400 } },
  },
  {
    ...card('a', 'billing', '2026-03-03', 15, 85, 0),
    scores: { ...emptyScores(), overall: { n: 15, sum: 1275, sumSq: 108600 } },
  },
];
const B = [card('b', 'support', '2026-03-02', 19, 90, 16)];
const C = [card('c', 'billing', '2026-03-04', 30, 83, 25)];
const D = [card('d', 'billing', '2026-03-04', 20, 70, 16)];
const E = [card('e', 'billing', '2026-03-05', 25, 79.6, 100)];
const outside = card('a', 'billing', '2026-04-01', 50, 10, 1);
const all = [...A, ...B, ...C, ...D, ...E, outside];

describe('combineScorecards', () => {
  it('adds days so that the pooled mean and variance come out exactly', () => {
    const t = combineScorecards(A);
    expect(t.scores.overall).toEqual({ n: 25, sum: 2075, sumSq: 173000 });
    expect(t.interactions).toBe(25);
    expect(t.activeDays).toBe(2);
    expect(t.flags.byCode).toEqual([{ code: 'tone.condescension', count: 2 }]);
    expect(t.reviews).toEqual({ reviewed: 2, confirmed: 2, dismissed: 0 });
  });
});

describe('summarizeAgents', () => {
  const summaries = summarizeAgents(all, period);
  const byId = new Map(summaries.map((s) => [s.agentId, s]));

  it('gives each mean with its count and 95% interval from the combined days', () => {
    const a = byId.get('a')!;
    // n 25, mean 83, variance (173000 - 2075²/25)/24 = 32.2917, t(24) = 2.0639.
    expect(a.interactions).toBe(25);
    expect(a.scores.overall.n).toBe(25);
    expect(a.scores.overall.mean).toBe(83);
    expect(a.scores.overall.sd).toBeCloseTo(5.6826, 4);
    expect(a.scores.overall.ci!.low).toBeCloseTo(80.6543, 3);
    expect(a.scores.overall.ci!.high).toBeCloseTo(85.3457, 3);
    expect(a.scores.tone).toEqual({ n: 0, mean: null, sd: null, ci: null });
    expect(a.flaggedRate.rate).toBeCloseTo(2 / 25, 12);
    expect(a.confirmRate.rate).toBe(1);
  });

  it('says insufficient below 20 interactions and gives no rank, however good the mean', () => {
    const b = byId.get('b')!;
    expect(b.insufficient).toBe(true);
    expect(b.rank).toBeNull();
    expect(b.scores.overall.mean).toBe(90);
  });

  it('ranks sufficient agents by mean, ties sharing a rank, insufficient ones last', () => {
    expect(summaries.map((s) => [s.agentId, s.rank])).toEqual([
      ['a', 1],
      ['c', 1],
      ['e', 3],
      ['d', 4],
      ['b', null],
    ]);
  });

  it('ignores days outside the period', () => {
    expect(byId.get('a')!.activeDays).toBe(2);
  });

  it('honours minInteractions and rankBy', () => {
    const s = summarizeAgents(all, { ...period, minInteractions: 26, rankBy: 'politeness' });
    expect(s.find((x) => x.agentId === 'a')!.insufficient).toBe(true);
    expect(s.map((x) => x.agentId)).toEqual(['c', 'a', 'b', 'd', 'e']);
    expect(() => summarizeAgents(all, { ...period, minInteractions: 0 })).toThrow(/positive integer/);
    expect(() => summarizeAgents(all, { from: '2026-03-31', to: '2026-03-01' })).toThrow(/before it starts/);
  });
});

describe('teams', () => {
  it('summarizes and ranks teams, an insufficient team unranked', () => {
    const teams = summarizeTeams(all, period);
    expect(teams.map((t) => [t.teamId, t.interactions, t.agents, t.sufficientAgents, t.rank])).toEqual([
      ['billing', 100, 4, 4, 1],
      ['support', 19, 1, 0, null],
    ]);
    expect(teams[0]!.scores.overall.mean).toBeCloseTo(7955 / 100, 10);
  });

  it("places each agent above, below or within the team mean by the agent's whole interval", () => {
    const { team, agents } = compareTeam(all, 'billing', period);
    expect(team!.scores.overall.mean).toBeCloseTo(79.55, 10);
    expect(agents.map((a) => [a.agentId, a.rank, a.versusTeam])).toEqual([
      ['a', 1, 'above'], // 80.65-85.35
      ['c', 1, 'above'], // 81.13-84.87
      ['e', 3, 'within'], // 75.47-83.73
      ['d', 4, 'below'], // 68.13-71.87
    ]);
  });

  it('counts an agent who moved only with the team of each day', () => {
    const moved = [
      card('m', 'billing', '2026-03-02', 12, 70, 4),
      card('m', 'support', '2026-03-20', 12, 90, 4),
    ];
    const [m] = summarizeAgents(moved, period);
    expect(m!.teamId).toBe('support');
    expect(m!.teams).toEqual(['billing', 'support']);
    expect(m!.rank).toBe(1);
    const billing = compareTeam(moved, 'billing', period);
    expect(billing.agents[0]!.interactions).toBe(12);
    expect(billing.agents[0]!.insufficient).toBe(true);
    expect(billing.agents[0]!.versusTeam).toBeNull();
  });
});

describe('the customer outcome and engine versions of a period', () => {
  // Two days of engine 2.0 with outcomes (means 60 and 70, 10 each) and one older day without.
  const withOutcome = (day: string, mean: number): Scorecard => ({
    ...card('f', 'billing', day, 10, 80, 4),
    outcome: { n: 10, sum: 10 * mean, sumSq: 10 * mean * mean + 9 * 25 },
    engineVersions: [{ version: '2.0.0', interactions: 10 }],
  });
  const cards = [
    withOutcome('2026-03-02', 60),
    withOutcome('2026-03-03', 70),
    card('f', 'billing', '2026-03-04', 5, 80, 4),
  ];

  it('pools the outcome apart from the agent scores, with an interval like every mean', () => {
    const [f] = summarizeAgents(cards, period);
    expect(f!.outcome.n).toBe(20);
    expect(f!.outcome.mean).toBeCloseTo(65, 9);
    expect(f!.outcome.ci!.low).toBeLessThan(65);
    expect(f!.outcome.ci!.high).toBeGreaterThan(65);
    expect(f!.scores.overall.n).toBe(25);
    expect(Object.keys(f!.scores)).not.toContain('outcome');
  });

  it('lists the engine versions that scored the period; days from before versions were counted add none', () => {
    const v1 = {
      ...card('g', 'billing', '2026-03-05', 3, 70, 1),
      engineVersions: [{ version: '1.0.0', interactions: 3 }],
    };
    expect(combineScorecards([...cards, v1]).engineVersions).toEqual([
      { version: '1.0.0', interactions: 3 },
      { version: '2.0.0', interactions: 20 },
    ]);
    const old = combineScorecards([card('h', 'billing', '2026-03-05', 3, 70, 1)]);
    expect(old.engineVersions).toEqual([]);
    expect(old.outcome).toEqual({ n: 0, sum: 0, sumSq: 0 });
  });
});
