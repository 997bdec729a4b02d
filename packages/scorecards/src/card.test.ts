import type { ScorecardDayEntries, ScoredContribution } from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import { applyUpdate, computeCard, refreshAttribution } from './card.js';

const noScores = {
  politeness: null,
  tone: null,
  accuracy: null,
  clarity: null,
  responsiveness: null,
  compliance: null,
  overall: null,
};

const s1: ScoredContribution = {
  id: 's1',
  revision: 1,
  occurredAt: '2026-03-02T09:00:00.000Z',
  teamId: 'billing',
  agentName: 'Sam',
  scores: {
    politeness: 80,
    tone: 70,
    accuracy: null,
    clarity: 90,
    responsiveness: 60,
    compliance: 100,
    overall: 80,
  },
  outcome: 60,
  engineVersion: '2.0.0',
  flags: [{ code: 'tone.condescension', severity: 'high' }],
  flagged: true,
  control: false,
};
const s2: ScoredContribution = {
  ...s1,
  id: 's2',
  occurredAt: '2026-03-02T10:00:00.000Z',
  scores: {
    politeness: 60,
    tone: null,
    accuracy: 50,
    clarity: 70,
    responsiveness: 80,
    compliance: 100,
    overall: 72,
  },
  outcome: null,
  flags: [
    { code: 'tone.condescension', severity: 'high' },
    { code: 'politeness.rude', severity: 'medium' },
  ],
};
const s3: ScoredContribution = {
  ...s1,
  id: 's3',
  occurredAt: '2026-03-02T11:00:00.000Z',
  teamId: 'support',
  agentName: 'Sam K',
  scores: { ...noScores, politeness: 100, tone: 90, overall: 95 },
  // Recorded before engine 2.0: no outcome, no version.
  outcome: undefined,
  engineVersion: undefined,
  flags: [],
  flagged: false,
  control: true,
};

const day = (): ScorecardDayEntries => ({
  tenantId: 'acme',
  agentId: 'ag-1',
  day: '2026-03-02',
  teamId: '',
  updatedAt: '2026-03-02T12:00:00.000Z',
  scored: [s1, s2, s3],
  reviews: [
    { id: 's1', version: 3, occurredAt: s1.occurredAt, teamId: 'billing', confirmed: 1, dismissed: 0 },
    { id: 's2', version: 1, occurredAt: s2.occurredAt, teamId: 'billing', confirmed: 0, dismissed: 2 },
    { id: 's3', version: 0, occurredAt: s3.occurredAt, teamId: 'support', confirmed: 0, dismissed: 0 },
  ],
});

describe('computeCard', () => {
  it('counts, sums and squares judged scores only, and tallies flags and review decisions', () => {
    const d = day();
    refreshAttribution(d);
    expect(computeCard(d)).toEqual({
      schemaVersion: 1,
      tenantId: 'acme',
      agentId: 'ag-1',
      agentName: 'Sam K',
      teamId: 'support',
      day: '2026-03-02',
      interactions: 3,
      controlSample: 1,
      scores: {
        politeness: { n: 3, sum: 240, sumSq: 20000 },
        tone: { n: 2, sum: 160, sumSq: 13000 },
        accuracy: { n: 1, sum: 50, sumSq: 2500 },
        clarity: { n: 2, sum: 160, sumSq: 13000 },
        responsiveness: { n: 2, sum: 140, sumSq: 10000 },
        compliance: { n: 2, sum: 200, sumSq: 20000 },
        overall: { n: 3, sum: 247, sumSq: 20609 },
      },
      outcome: { n: 1, sum: 60, sumSq: 3600 },
      engineVersions: [{ version: '2.0.0', interactions: 2 }],
      flags: {
        total: 3,
        flaggedInteractions: 2,
        bySeverity: { low: 0, medium: 1, high: 2, critical: 0 },
        byCode: [
          { code: 'politeness.rude', count: 1 },
          { code: 'tone.condescension', count: 2 },
        ],
      },
      reviews: { reviewed: 2, confirmed: 1, dismissed: 2 },
      updatedAt: '2026-03-02T12:00:00.000Z',
    });
  });
});

describe('applyUpdate', () => {
  const base = { schemaVersion: 1 as const, tenantId: 'acme', agentId: 'ag-1', day: '2026-03-02' };

  it('keeps contributions sorted by id, replaces with newer revisions and ignores older ones', () => {
    const d: ScorecardDayEntries = { ...day(), scored: [], reviews: [] };
    expect(applyUpdate(d, { ...base, op: 'put-scored', entry: s3 })).toBe(true);
    expect(applyUpdate(d, { ...base, op: 'put-scored', entry: s1 })).toBe(true);
    expect(d.scored.map((c) => c.id)).toEqual(['s1', 's3']);
    expect(applyUpdate(d, { ...base, op: 'put-scored', entry: { ...s1 } })).toBe(false); // redelivery
    const s1r2 = { ...s1, revision: 2, scores: { ...s1.scores, overall: 10 } };
    expect(applyUpdate(d, { ...base, op: 'put-scored', entry: s1r2 })).toBe(true);
    expect(applyUpdate(d, { ...base, op: 'put-scored', entry: s1 })).toBe(false); // older revision
    expect(d.scored[0]!.scores.overall).toBe(10);
  });

  it('removes a contribution only up to the version that moved it', () => {
    const d: ScorecardDayEntries = { ...day(), scored: [{ ...s1, revision: 3 }], reviews: [] };
    expect(applyUpdate(d, { ...base, op: 'remove-scored', id: 's1', version: 2 })).toBe(false);
    expect(applyUpdate(d, { ...base, op: 'remove-scored', id: 's1', version: 4 })).toBe(true);
    expect(d.scored).toEqual([]);
    expect(applyUpdate(d, { ...base, op: 'remove-scored', id: 's1', version: 4 })).toBe(false);
  });

  it('keeps the last known team when every contribution moved away', () => {
    const d = day();
    refreshAttribution(d);
    d.scored = [];
    d.reviews = [];
    refreshAttribution(d);
    expect(d.teamId).toBe('support');
    expect(computeCard(d).interactions).toBe(0);
  });
});
