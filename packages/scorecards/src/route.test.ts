import type { ScoredContribution } from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import type { Fact } from './facts.js';
import { planRoute } from './route.js';

const entry = (revision: number, teamId = 'billing'): ScoredContribution => ({
  id: 'i1',
  revision,
  occurredAt: '2026-03-02T09:00:00.000Z',
  teamId,
  scores: {
    politeness: 80,
    tone: 80,
    accuracy: 80,
    clarity: 80,
    responsiveness: 80,
    compliance: 80,
    overall: 80,
  },
  flags: [],
  flagged: false,
  control: false,
});
const fact = (revision: number, agentId: string, day: string): Fact => ({
  kind: 'scored',
  tenantId: 'acme',
  agentId,
  day,
  entry: { ...entry(revision), occurredAt: `${day}T09:00:00.000Z` },
});

describe('planRoute', () => {
  it('moves a revised interaction: removes it from its old agent-day and puts it on the new one', () => {
    const plan = planRoute(
      [fact(2, 'ag-2', '2026-03-03')],
      new Map([['acme:i1', { agentId: 'ag-1', day: '2026-03-02', version: 1 }]]),
    );
    expect(plan.updates).toEqual([
      {
        schemaVersion: 1,
        op: 'remove-scored',
        tenantId: 'acme',
        agentId: 'ag-1',
        day: '2026-03-02',
        id: 'i1',
        version: 2,
      },
      {
        schemaVersion: 1,
        op: 'put-scored',
        tenantId: 'acme',
        agentId: 'ag-2',
        day: '2026-03-03',
        entry: fact(2, 'ag-2', '2026-03-03').entry,
      },
    ]);
    expect(plan.index.get('acme:i1')).toEqual({ agentId: 'ag-2', day: '2026-03-03', version: 2 });
  });

  it('ignores older revisions, re-applies the counted one, and keeps one update per agent-day and interaction', () => {
    const known = new Map([['acme:i1', { agentId: 'ag-1', day: '2026-03-02', version: 2 }]]);
    const plan = planRoute(
      [
        fact(1, 'ag-9', '2026-03-09'),
        fact(2, 'ag-1', '2026-03-02'),
        fact(3, 'ag-2', '2026-03-02'),
        fact(4, 'ag-1', '2026-03-02'),
      ],
      known,
    );
    expect(plan.stale).toBe(1);
    expect(plan.applied).toBe(3);
    // rev 3 moved it to ag-2 and rev 4 back: ag-2 loses it again, ag-1 holds rev 4.
    expect(
      plan.updates.map((u) => [
        u.op,
        u.agentId,
        u.op.startsWith('put')
          ? (u as { entry: ScoredContribution }).entry.revision
          : (u as { version: number }).version,
      ]),
    ).toEqual([
      ['remove-scored', 'ag-2', 4],
      ['put-scored', 'ag-1', 4],
    ]);
  });
});
