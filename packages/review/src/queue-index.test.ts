import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.js';
import { QueueIndex, type QueueInteraction } from './queue-index.js';
import { applyReviewCommand, initialReviewState } from './transitions.js';

const admin: Principal = {
  id: 'ada',
  tenantId: 'acme',
  role: 'admin',
  teamIds: [],
  displayName: 'Ada',
  via: 'session',
};
const managerA: Principal = { ...admin, id: 'mona', role: 'manager', teamIds: ['orders'] };
const agent7: Principal = { ...admin, id: 'ag7', role: 'agent', agentId: 'ag-7' };
const otherTenant: Principal = { ...admin, tenantId: 'nordlys' };

function item(n: number, over: Partial<QueueInteraction> = {}): QueueInteraction {
  return {
    tenantId: 'acme',
    interactionId: `i-${String(n).padStart(3, '0')}`,
    revision: 1,
    channel: 'chat',
    occurredAt: Date.parse('2026-03-01T00:00:00Z') + n * 60_000,
    agentId: `ag-${n % 10}`,
    teamId: n % 2 === 0 ? 'orders' : 'billing',
    language: n % 3 === 0 ? 'da' : 'en',
    maxSeverity: n % 4 === 0 ? 'high' : 'medium',
    severityRank: n % 4 === 0 ? 3 : 2,
    flagCodes: n % 4 === 0 ? ['tone.rudeness'] : ['clarity.jargon'],
    flagDimensions: n % 4 === 0 ? ['tone'] : ['clarity'],
    control: false,
    overall: 70,
    ...over,
  };
}

function filled(count: number): QueueIndex {
  const index = new QueueIndex();
  for (let n = 0; n < count; n++) index.upsertInteraction(item(n));
  return index;
}

describe('QueueIndex', () => {
  it('pages through every matching item exactly once, most severe and newest first', () => {
    const index = filled(95);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = index.query(admin, {}, 'severity', 20, cursor);
      expect(page.total).toBe(95);
      seen.push(...page.items.map((i) => i.interactionId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(95);
    // The 24 high items (n % 4 === 0) come first, newest first: i-092, i-088, ...
    expect(seen.slice(0, 3)).toEqual(['i-092', 'i-088', 'i-084']);
    expect(seen[24]).toBe('i-094');
  });

  it('filters by team, language, severity, flag code and date range together', () => {
    const index = filled(40);
    const page = index.query(
      admin,
      {
        teamId: 'orders',
        language: 'da',
        severity: ['high'],
        flagCode: 'tone.rudeness',
        from: Date.parse('2026-03-01T00:10:00Z'),
      },
      'oldest',
      50,
    );
    // n even, n % 3 === 0, n % 4 === 0, n >= 10: 12, 24, 36
    expect(page.items.map((i) => i.interactionId)).toEqual(['i-012', 'i-024', 'i-036']);
  });

  it("scopes a manager to their teams, an agent to their own answered items, and nobody to another tenant's", () => {
    const index = filled(20);
    expect(index.query(managerA, {}, 'newest', 50).items.every((i) => i.teamId === 'orders')).toBe(true);
    expect(index.query(managerA, {}, 'newest', 50).total).toBe(10);
    expect(index.query(otherTenant, {}, 'newest', 50).total).toBe(0);
    // ag-7 handled i-007 and i-017, but sees nothing until a flag is confirmed.
    expect(index.query(agent7, {}, 'newest', 50).total).toBe(0);
    const s = applyReviewCommand(
      initialReviewState('acme', 'i-007', new Date()),
      { action: 'confirm_flag', code: 'clarity.jargon' },
      {
        by: 'mona',
        at: new Date(),
        flagCodes: ['clarity.jargon'],
        control: false,
      },
    );
    index.applyReview(s);
    expect(index.query(agent7, {}, 'newest', 50).items.map((i) => i.interactionId)).toEqual(['i-007']);
  });

  it('ignores older revisions and older review versions', () => {
    const index = new QueueIndex();
    index.upsertInteraction(item(1, { revision: 2, maxSeverity: 'high', severityRank: 3 }));
    index.upsertInteraction(item(1, { revision: 1, maxSeverity: 'low', severityRank: 1 }));
    expect(index.get('acme', 'i-001')?.maxSeverity).toBe('high');
    const v1 = applyReviewCommand(
      initialReviewState('acme', 'i-001', new Date()),
      { action: 'escalate', note: 'x' },
      {
        by: 'm',
        at: new Date(),
        flagCodes: ['clarity.jargon'],
        control: false,
      },
    );
    const v2 = applyReviewCommand(
      v1,
      { action: 'reopen' },
      { by: 'm', at: new Date(), flagCodes: [], control: false },
    );
    expect(index.applyReview(v2)).toBe(true);
    expect(index.applyReview(v1)).toBe(false);
    expect(index.get('acme', 'i-001')?.status).toBe('open');
    // A newer revision keeps the review state.
    index.upsertInteraction(item(1, { revision: 3 }));
    expect(index.get('acme', 'i-001')?.reviewVersion).toBe(2);
    index.removeInteraction('acme', 'i-001', 2);
    expect(index.get('acme', 'i-001')).toBeDefined();
    index.removeInteraction('acme', 'i-001', 3);
    expect(index.get('acme', 'i-001')).toBeUndefined();
  });

  it('computes rule precision from decisions and the control sample miss rate', () => {
    const index = filled(8); // i-000, i-004 rudeness; others jargon
    index.upsertInteraction(
      item(100, { control: true, flagCodes: [], flagDimensions: [], maxSeverity: null, severityRank: 0 }),
    );
    const decide = (id: string, code: string, action: 'confirm_flag' | 'dismiss_flag') =>
      index.applyReview(
        applyReviewCommand(
          initialReviewState('acme', id, new Date()),
          { action, code },
          { by: 'm', at: new Date(), flagCodes: [code], control: false },
        ),
      );
    decide('i-000', 'tone.rudeness', 'confirm_flag');
    decide('i-004', 'tone.rudeness', 'dismiss_flag');
    decide('i-001', 'clarity.jargon', 'confirm_flag');
    index.applyReview(
      applyReviewCommand(
        initialReviewState('acme', 'i-100', new Date()),
        { action: 'control_verdict', verdict: 'missed' },
        {
          by: 'm',
          at: new Date(),
          flagCodes: [],
          control: true,
        },
      ),
    );
    const rules = index.rulePrecision(admin);
    expect(rules.find((r) => r.code === 'tone.rudeness')).toEqual({
      code: 'tone.rudeness',
      flagged: 2,
      confirmed: 1,
      dismissed: 1,
      precision: 0.5,
    });
    expect(rules.find((r) => r.code === 'clarity.jargon')).toEqual({
      code: 'clarity.jargon',
      flagged: 6,
      confirmed: 1,
      dismissed: 0,
      precision: 1,
    });
    expect(index.controlSample(admin)).toEqual({ items: 1, reviewed: 1, missed: 1, missRate: 1 });
  });

  it('finds the neighbours of an item in the sorted, filtered queue', () => {
    const index = filled(10);
    const n = index.neighbours(admin, { teamId: 'orders' }, 'oldest', 'acme', 'i-004');
    expect(n.previous?.interactionId).toBe('i-002');
    expect(n.next?.interactionId).toBe('i-006');
  });

  it('refuses a cursor issued for another sort order', () => {
    const index = filled(30);
    const { nextCursor } = index.query(admin, {}, 'newest', 10);
    expect(() => index.query(admin, {}, 'severity', 10, nextCursor)).toThrow(
      /cursor is not one this queue issued/,
    );
    expect(() => index.query(admin, {}, 'newest', 10, 'garbage')).toThrow(/cursor/);
  });
});
