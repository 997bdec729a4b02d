import { describe, expect, it } from 'vitest';
import { Policy, type Channel } from '@rapport/schemas';
import { handleTimeSec } from './handle-time.js';
import { applyWhatIf, StaffingAccumulator, staffingSettingsOf, type StaffingRow } from './staffing.js';

const policy = Policy.parse({ id: 'p', version: '1' });
const settings = staffingSettingsOf(policy);

let n = 0;
function rows(
  at: string,
  channel: Channel,
  count: number,
  agents: number,
  handleSec: number | null,
  firstResponseSec: number | null = 10,
): StaffingRow[] {
  const start = Date.parse(at);
  return Array.from({ length: count }, (_, i) => ({
    interactionId: `i${++n}`,
    occurredAt: new Date(start + Math.floor((i * 3_600_000) / count)),
    channel,
    language: { code: 'en' },
    flagged: false,
    agentId: `${channel}-agent-${i % agents}`,
    handleSec,
    insight: { keyphrases: [], firstResponseSec, messages: { customer: 1, agent: 1 } },
  }));
}

// Two weeks from Monday 2 March 2026, UTC: each hour of the week occurs twice.
const period = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-16T00:00:00Z') };
const data: StaffingRow[] = [
  // Monday 09: 200 calls of 3 minutes each week (the textbook 10 Erlangs), 10 then 12 agents.
  ...rows('2026-03-02T09:00:00Z', 'call', 200, 10, 180),
  ...rows('2026-03-09T09:00:00Z', 'call', 200, 12, 180),
  // Wednesday 14: 20 calls an hour (1 Erlang) and 10 agents each week.
  ...rows('2026-03-04T14:00:00Z', 'call', 20, 10, null),
  ...rows('2026-03-11T14:00:00Z', 'call', 20, 10, null),
  // Tuesday 10: one chat a week, answered fast.
  ...rows('2026-03-03T10:00:00Z', 'chat', 1, 1, 400),
  ...rows('2026-03-10T10:00:00Z', 'chat', 1, 1, 400),
  // Thursday 08: 24 e-mails each week, 8 minutes of work each by the policy's default.
  ...rows('2026-03-05T08:00:00Z', 'email', 24, 2, null),
  ...rows('2026-03-12T08:00:00Z', 'email', 24, 2, null),
];

function plan(s = settings) {
  const acc = new StaffingAccumulator({ ...period, settings: s });
  for (const r of data) acc.add(r);
  return acc.result();
}

describe('staffing plan', () => {
  const p = plan();

  it('counts each hour of the week over the period and the interactions read', () => {
    expect(p.interactions).toBe(490);
    expect(p.cells.flat().every((c) => c.occurrences === 2)).toBe(true);
  });

  it('finds a busy hour understaffed by Erlang C, with observed handle time and the queue figures', () => {
    const mon9 = p.cells[0]?.[9];
    expect(mon9).toMatchObject({
      contacts: 400,
      contactsPerHour: 200,
      requiredAgents: 14,
      requiredWithShrinkage: 20,
      observedAgents: 11,
      gap: -3,
      status: 'understaffed',
      method: 'erlang',
    });
    expect(mon9?.channels).toEqual([
      {
        channel: 'call',
        contacts: 400,
        arrivalsPerHour: 200,
        handleSec: 180,
        handleSource: 'observed',
        handleSamples: 400,
        model: 'erlang_c',
        trafficErlangs: 10,
        agents: 14,
        agentsWithShrinkage: 20,
        probabilityOfWaiting: 0.1741,
        serviceLevel: 0.8884,
        averageSpeedOfAnswerSeconds: 7.8,
        observedAgents: 11,
      },
    ]);
  });

  it("uses the policy's handle time where none was observed, and finds too many agents", () => {
    const wed14 = p.cells[2]?.[14];
    expect(wed14?.channels[0]).toMatchObject({ handleSec: 300, handleSource: 'policy', handleSamples: 0 });
    // 20 calls of 5 minutes: 1.667 Erlangs need 4 agents for 80/20; 10 were there.
    expect(wed14).toMatchObject({
      requiredAgents: 4,
      observedAgents: 10,
      status: 'overstaffed',
      method: 'erlang',
    });
  });

  it('falls back to the rule of thumb when an hour is too quiet for Erlang C, and says so', () => {
    const tue10 = p.cells[1]?.[10];
    expect(tue10).toMatchObject({ contactsPerHour: 1, method: 'rule_of_thumb', status: 'balanced' });
    expect(tue10?.reason).toContain('too few for Erlang C');
  });

  it("spreads e-mail work over the response target's window", () => {
    // 24 x 480 s = 3.2 agent-hours, to be done within 24 h: 0.133 agents an hour -> 1 agent
    // from Thursday 08 to Friday 07, none after.
    const thu8 = p.cells[3]?.[8];
    expect(thu8?.channels[0]).toMatchObject({
      channel: 'email',
      model: 'workload',
      trafficErlangs: 0.133,
      agents: 1,
    });
    expect(thu8?.channels[0]?.probabilityOfWaiting).toBeNull();
    expect(p.cells[4]?.[7]).toMatchObject({ requiredAgents: 1, status: 'idle', method: 'none' });
    expect(p.cells[4]?.[8]).toMatchObject({ requiredAgents: 0, status: 'idle' });
  });

  it('recomputes for a what-if: shorter calls and more shrinkage', () => {
    const w = plan(applyWhatIf(settings, { handleSec: { call: 120 }, shrinkage: 0.5 }));
    expect(w.cells[0]?.[9]).toMatchObject({
      requiredAgents: 10,
      requiredWithShrinkage: 20,
      status: 'balanced',
    });
    expect(w.cells[0]?.[9]?.channels[0]).toMatchObject({ handleSec: 120, handleSource: 'what_if' });
    const stricter = plan(applyWhatIf(settings, { call: { share: 0.95 } }));
    expect(stricter.cells[0]?.[9]?.requiredAgents).toBe(16);
    expect(stricter.totals.understaffed).toBeGreaterThanOrEqual(1);
  });
});

describe('handle time', () => {
  it('reads calls from segment times, chats from the agent-active span, never e-mails', () => {
    expect(
      handleTimeSec('call', [
        { role: 'agent', startSec: 2, endSec: 10 },
        { role: 'customer', startSec: 11, endSec: 200 },
      ]),
    ).toBe(198);
    expect(
      handleTimeSec('chat', [
        { role: 'customer', at: '2026-03-02T09:00:00Z' },
        { role: 'agent', at: '2026-03-02T09:01:00Z' },
        { role: 'customer', at: '2026-03-02T09:02:00Z' },
        // An hour away counts as the idle cap, 300 s.
        { role: 'agent', at: '2026-03-02T10:02:00Z' },
      ]),
    ).toBe(360);
    expect(handleTimeSec('email', [{ role: 'agent', at: '2026-03-02T09:00:00Z' }])).toBeNull();
    expect(handleTimeSec('chat', [{ role: 'customer', at: '2026-03-02T09:00:00Z' }])).toBeNull();
    expect(handleTimeSec('call', undefined)).toBeNull();
  });
});
