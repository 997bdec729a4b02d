import { describe, expect, it } from 'vitest';
import { InsightsError } from './errors.js';
import { averageSpeedOfAnswer, erlangB, erlangC, requiredAgents, serviceLevel } from './erlang.js';

/** ln Γ(x) by Lanczos (g = 7, 9 terms): an independent route to N!, good to ~1e-15 relative. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * The textbook closed form, Pw = X / (sum_{k<N} A^k/k! + X) with X = A^N/N! * N/(N-A), every
 * term in logs (log-sum-exp), so it stays finite for thousands of agents.
 */
function closedFormErlangC(n: number, a: number): number {
  const logTerm = (k: number) => k * Math.log(a) - logGamma(k + 1);
  const logX = logTerm(n) + Math.log(n / (n - a));
  const logs = Array.from({ length: n }, (_, k) => logTerm(k));
  logs.push(logX);
  const max = Math.max(...logs);
  const sum = logs.reduce((s, l) => s + Math.exp(l - max), 0);
  return Math.exp(logX - max) / sum;
}

const closedFormServiceLevel = (n: number, a: number, aht: number, t: number) =>
  1 - closedFormErlangC(n, a) * Math.exp((-(n - a) * t) / aht);

describe('Erlang C', () => {
  // The worked example every call-centre text uses: 100 calls in 30 minutes (200 an hour), 3
  // minutes handle time (10 Erlangs), 80% answered in 20 s. Published figures, agents 11-15:
  // Pw 0.6821, 0.4494, 0.2853, 0.1741, 0.1020; SL 39.0%, 64.0%, 79.6%, 88.8%, 94.1%;
  // ASA 122.8, 40.4, 17.1, 7.8, 3.7 s.
  const published = [
    { n: 11, pw: 0.6821, sl: 0.3896, asa: 122.8 },
    { n: 12, pw: 0.4494, sl: 0.6402, asa: 40.4 },
    { n: 13, pw: 0.2853, sl: 0.7956, asa: 17.1 },
    { n: 14, pw: 0.1741, sl: 0.8884, asa: 7.8 },
    { n: 15, pw: 0.102, sl: 0.9415, asa: 3.7 },
  ];

  it('matches the published worked example and the closed form to 3 decimals', () => {
    for (const p of published) {
      expect(erlangC(p.n, 10)).toBeCloseTo(p.pw, 3);
      expect(erlangC(p.n, 10)).toBeCloseTo(closedFormErlangC(p.n, 10), 10);
      expect(serviceLevel(p.n, 10, 180, 20)).toBeCloseTo(p.sl, 3);
      expect(serviceLevel(p.n, 10, 180, 20)).toBeCloseTo(closedFormServiceLevel(p.n, 10, 180, 20), 10);
      expect(averageSpeedOfAnswer(p.n, 10, 180)).toBeCloseTo(p.asa, 1);
    }
  });

  it('needs 14 agents for 80/20 in the worked example: 13 misses it by a hair', () => {
    const r = requiredAgents({
      arrivalsPerHour: 200,
      handleSec: 180,
      answerWithinSec: 20,
      serviceLevel: 0.8,
    });
    expect(r.trafficErlangs).toBe(10);
    expect(r.agents).toBe(14);
    expect(r.probabilityOfWaiting).toBeCloseTo(0.1741, 4);
    expect(r.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(r.averageSpeedOfAnswerSeconds).toBeCloseTo(7.84, 2);
    expect(r.occupancy).toBeCloseTo(10 / 14, 10);
    expect(r.agentsWithShrinkage).toBe(14);
    // 79.6% with 13 agents: the smallest N meeting 0.8 is 14, and 0.79 is met by 13.
    expect(
      requiredAgents({ arrivalsPerHour: 200, handleSec: 180, answerWithinSec: 20, serviceLevel: 0.79 })
        .agents,
    ).toBe(13);
  });

  it('adds shrinkage by dividing, rounding up: 14 agents at 30% shrinkage is 20 scheduled', () => {
    const r = requiredAgents({
      arrivalsPerHour: 200,
      handleSec: 180,
      answerWithinSec: 20,
      serviceLevel: 0.8,
      shrinkage: 0.3,
    });
    expect(r.agents).toBe(14);
    expect(r.agentsWithShrinkage).toBe(20); // 14 / 0.7 = 20 exactly, not 21
    expect(
      requiredAgents({
        arrivalsPerHour: 200,
        handleSec: 180,
        answerWithinSec: 20,
        serviceLevel: 0.8,
        shrinkage: 0.25,
      }).agentsWithShrinkage,
    ).toBe(19); // 18.67 up
  });

  it('models chat concurrency as handle time shared between the chats an agent holds', () => {
    const chat = requiredAgents({
      arrivalsPerHour: 200,
      handleSec: 360,
      answerWithinSec: 20,
      serviceLevel: 0.8,
      concurrency: 2,
    });
    const asCalls = requiredAgents({
      arrivalsPerHour: 200,
      handleSec: 180,
      answerWithinSec: 20,
      serviceLevel: 0.8,
    });
    expect(chat).toEqual(asCalls);
  });

  it('stays exact for large desks, where A^N/N! overflows', () => {
    // 1,000 Erlangs: 1000^1011 / 1011! is far beyond a double; the recursion is not.
    const n = 1011;
    expect(erlangC(n, 1000)).toBeCloseTo(closedFormErlangC(n, 1000), 8);
    expect(serviceLevel(n, 1000, 180, 20)).toBeCloseTo(closedFormServiceLevel(n, 1000, 180, 20), 8);
    const r = requiredAgents({
      arrivalsPerHour: 20_000,
      handleSec: 180,
      answerWithinSec: 20,
      serviceLevel: 0.8,
    });
    expect(r.agents).toBe(1011);
    expect(closedFormServiceLevel(1010, 1000, 180, 20)).toBeLessThan(0.8);
    expect(closedFormServiceLevel(1011, 1000, 180, 20)).toBeGreaterThanOrEqual(0.8);
    expect(Number.isFinite(erlangB(5000, 4900))).toBe(true);
    expect(erlangB(5000, 4900)).toBeGreaterThan(0);
  });

  it('finds the smallest N meeting the target across a range of loads (checked against the closed form)', () => {
    for (const [perHour, aht, t, target] of [
      [30, 240, 20, 0.8],
      [75, 300, 30, 0.9],
      [400, 200, 15, 0.85],
      [3, 600, 60, 0.8],
    ] as const) {
      const r = requiredAgents({
        arrivalsPerHour: perHour,
        handleSec: aht,
        answerWithinSec: t,
        serviceLevel: target,
      });
      const a = (perHour * aht) / 3600;
      expect(closedFormServiceLevel(r.agents, a, aht, t)).toBeGreaterThanOrEqual(target);
      if (r.agents - 1 > a) expect(closedFormServiceLevel(r.agents - 1, a, aht, t)).toBeLessThan(target);
    }
  });

  it('needs no one when nothing arrives, and every arrival waits at full occupancy', () => {
    expect(
      requiredAgents({ arrivalsPerHour: 0, handleSec: 180, answerWithinSec: 20, serviceLevel: 0.8 }),
    ).toMatchObject({
      agents: 0,
      agentsWithShrinkage: 0,
      serviceLevel: 1,
    });
    expect(erlangC(10, 10)).toBe(1);
    expect(serviceLevel(9, 10, 180, 20)).toBe(0);
    expect(averageSpeedOfAnswer(10, 10, 180)).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses out-of-range input with a code and the field named', () => {
    const base = { arrivalsPerHour: 10, handleSec: 180, answerWithinSec: 20, serviceLevel: 0.8 };
    for (const [bad, field] of [
      [{ serviceLevel: 1 }, 'service level'],
      [{ handleSec: 0 }, 'handle time'],
      [{ shrinkage: 1 }, 'shrinkage'],
      [{ concurrency: 1.5 }, 'concurrency'],
      [{ arrivalsPerHour: -1 }, 'arrivals'],
    ] as const) {
      const call = () => requiredAgents({ ...base, ...bad });
      expect(call).toThrow(InsightsError);
      expect(call).toThrow(field);
      try {
        call();
      } catch (err) {
        expect((err as InsightsError).code).toBe('INSIGHTS_BAD_OPTION');
      }
    }
  });
});
