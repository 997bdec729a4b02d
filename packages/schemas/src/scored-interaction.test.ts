import { describe, expect, it } from 'vitest';
import { ScoredInteraction } from './scored-interaction.js';

const dimension = { score: 90, signals: [] };

/** A scored interaction as engine 1.0.0 published and stored it: no outcome. */
const engine1 = {
  schemaVersion: 1,
  interactionId: 'int-1',
  revision: 1,
  tenantId: 'acme',
  channel: 'chat',
  occurredAt: '2026-03-01T09:30:00.000Z',
  agent: { id: 'ag-7', teamId: 'support' },
  customer: { id: 'cu-1' },
  source: { system: 'test' },
  tags: [],
  language: { code: 'en', detected: false, supported: true },
  scores: {
    politeness: dimension,
    tone: dimension,
    accuracy: dimension,
    clarity: dimension,
    responsiveness: { score: null, signals: [] },
    compliance: dimension,
  },
  overall: 90,
  flags: [],
  flagged: false,
  maxSeverity: null,
  redactions: {},
  transcript: [{ index: 0, role: 'customer', text: 'Hi' }],
  policy: { id: 'default', version: '1' },
  engineVersion: '1.0.0',
  scoredAt: '2026-03-01T09:31:00.000Z',
};

const outcome = {
  about: 'customer',
  score: 75,
  summary: 'Good for the customer (75): the customer said it was solved.',
  signals: [
    {
      name: 'outcome.resolved',
      value: 1,
      impact: 15,
      evidence: [{ messageIndex: 0, start: 0, end: 2, text: 'Hi', rule: 'outcome.resolved:x' }],
    },
  ],
};

describe('ScoredInteraction and the customer outcome', () => {
  it('still reads interactions scored by engine 1.x, which carry no outcome', () => {
    const parsed = ScoredInteraction.parse(engine1);
    expect(parsed.outcome).toBeUndefined();
    expect(parsed.engineVersion).toBe('1.0.0');
  });

  it('reads the outcome of engines 2.x, null score included', () => {
    expect(ScoredInteraction.parse({ ...engine1, engineVersion: '2.0.0', outcome }).outcome?.score).toBe(75);
    const unjudged = { ...outcome, score: null, signals: [] };
    expect(ScoredInteraction.parse({ ...engine1, outcome: unjudged }).outcome?.score).toBeNull();
  });

  it("refuses an outcome that is not the customer's or out of range", () => {
    const notCustomer = ScoredInteraction.safeParse({ ...engine1, outcome: { ...outcome, about: 'agent' } });
    expect(notCustomer.success).toBe(false);
    const tooHigh = ScoredInteraction.safeParse({ ...engine1, outcome: { ...outcome, score: 101 } });
    expect(tooHigh.error?.issues.map((i) => i.path.join('.'))).toEqual(['outcome.score']);
  });
});
