import { ReviewEvent, ScoredInteraction } from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import { decodeReviewFact, decodeScoredFact, parseJson } from './facts.js';

const dim = (score: number | null) => ({ score, signals: [{ name: 'x', value: 1, impact: -2 }] });

/** A scored interaction as the scorer publishes it (transcript emptied). */
const scored = {
  schemaVersion: 1,
  interactionId: 'chat-42',
  revision: 2,
  tenantId: 'acme',
  channel: 'chat',
  // 01:30 at UTC+2 is still the previous day in UTC.
  occurredAt: '2026-03-02T01:30:00+02:00',
  agent: { id: 'ag-1', name: 'Sam', teamId: 'billing' },
  customer: { id: 'cu-1' },
  source: { system: 'intercom' },
  tags: [],
  language: { code: 'en', detected: false, supported: true },
  scores: {
    politeness: dim(40),
    tone: dim(35.5),
    accuracy: dim(null),
    clarity: dim(80),
    responsiveness: dim(90),
    compliance: dim(100),
  },
  overall: 69.1,
  flags: [
    {
      code: 'tone.condescension',
      dimension: 'tone',
      severity: 'high',
      message: 'Condescending phrasing',
      evidence: [
        {
          messageIndex: 1,
          start: 7,
          end: 24,
          text: 'As I already said',
          rule: 'tone.condescension:as-i-already-said',
        },
      ],
    },
  ],
  flagged: true,
  maxSeverity: 'high',
  controlSample: false,
  redactions: {},
  transcript: [],
  policy: { id: 'default', version: '1' },
  engineVersion: '0.1.0',
  scoredAt: '2026-03-02T09:00:05Z',
};

const review = {
  schemaVersion: 1,
  at: '2026-03-03T10:00:00Z',
  actor: { id: 'u-7', role: 'manager', via: 'session' },
  action: 'dismiss_flag',
  interaction: {
    revision: 2,
    agentId: 'ag-1',
    teamId: 'billing',
    occurredAt: '2026-03-01T23:30:00Z',
    control: false,
  },
  review: {
    tenantId: 'acme',
    interactionId: 'chat-42',
    version: 5,
    status: 'resolved',
    assignee: 'u-7',
    flagDecisions: [
      { code: 'tone.condescension', decision: 'confirmed', by: 'u-7', at: '2026-03-03T09:00:00Z' },
      { code: 'politeness.rude', decision: 'dismissed', by: 'u-7', at: '2026-03-03T09:30:00Z' },
      { code: 'compliance.pii', decision: 'confirmed', by: 'u-7', at: '2026-03-03T10:00:00Z' },
    ],
    coaching: null,
    notes: [],
    comments: [],
    escalation: null,
    agentResponse: null,
    ruling: null,
    controlVerdict: null,
    updatedAt: '2026-03-03T10:00:00Z',
  },
};

const bytes = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('decodeScoredFact', () => {
  it('takes scores, flags and attribution from a scored interaction, on the UTC day it occurred', () => {
    expect(ScoredInteraction.safeParse(scored).success).toBe(true);
    expect(decodeScoredFact(bytes(scored))).toEqual({
      ok: true,
      fact: {
        kind: 'scored',
        tenantId: 'acme',
        agentId: 'ag-1',
        day: '2026-03-01',
        entry: {
          id: 'chat-42',
          revision: 2,
          occurredAt: '2026-03-01T23:30:00.000Z',
          teamId: 'billing',
          agentName: 'Sam',
          scores: {
            politeness: 40,
            tone: 35.5,
            accuracy: null,
            clarity: 80,
            responsiveness: 90,
            compliance: 100,
            overall: 69.1,
          },
          engineVersion: '0.1.0',
          flags: [{ code: 'tone.condescension', severity: 'high' }],
          flagged: true,
          control: false,
        },
      },
    });
  });

  it("takes the customer outcome's score from engines 2.x, and none from older ones", () => {
    const v2 = {
      ...scored,
      engineVersion: '2.0.0',
      outcome: { about: 'customer', score: 35, summary: 'Poor for the customer (35).', signals: [] },
    };
    const fact = decodeScoredFact(bytes(v2));
    expect(fact.ok && fact.fact.kind === 'scored' && fact.fact.entry).toMatchObject({
      outcome: 35,
      engineVersion: '2.0.0',
    });
    const old = decodeScoredFact(bytes(scored));
    expect(old.ok && old.fact.kind === 'scored' && 'outcome' in old.fact.entry).toBe(false);
  });

  it.each([
    [null, /empty message value/],
    [Buffer.from('{"interactionId": '), /not valid JSON/],
    [bytes({ ...scored, revision: 0 }), /not a scored interaction: revision/],
    [bytes({ ...scored, schemaVersion: 2 }), /schemaVersion/],
    [
      bytes({ ...scored, scores: { ...scored.scores, tone: { score: 120, signals: [] } } }),
      /scores\.tone\.score/,
    ],
  ])('reports a malformed message (%#) instead of throwing', (input, reason) => {
    const r = decodeScoredFact(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});

describe('decodeReviewFact', () => {
  it('counts flag decisions and attributes them to the agent-day the reviewer saw', () => {
    expect(ReviewEvent.safeParse(review).success).toBe(true);
    expect(decodeReviewFact(bytes(review))).toEqual({
      ok: true,
      fact: {
        kind: 'review',
        tenantId: 'acme',
        agentId: 'ag-1',
        day: '2026-03-01',
        entry: {
          id: 'chat-42',
          version: 5,
          occurredAt: '2026-03-01T23:30:00.000Z',
          teamId: 'billing',
          confirmed: 2,
          dismissed: 1,
        },
      },
    });
  });

  it('reports a review event without its interaction', () => {
    const { interaction: _i, ...rest } = review;
    const r = decodeReviewFact(bytes(rest));
    expect(!r.ok && r.reason).toMatch(/not a review event: interaction/);
  });
});

describe('parseJson', () => {
  // Regression: the reason quoted the parser's message, which quotes the start of the value.
  it('says where a value stopped being JSON without quoting it', () => {
    const r = parseJson(Buffer.from('{"text": "my card is 4111 1111 1111 1111" oops}'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/^not valid JSON( at character \d+)? \(47 bytes\)$/);
    expect(r.reason).not.toContain('4111');
  });
});
