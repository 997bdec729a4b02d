import { describe, expect, it } from 'vitest';
import { candidateIds, TrainingAccumulator, trainingReport, type TrainingRow } from './training.js';
import { trainingMarkdown } from './training-markdown.js';

let n = 0;
function row(
  phrase: string,
  agentId: string,
  overall: number,
  opts: { flagged?: boolean; outcome?: number | null } = {},
): TrainingRow {
  n++;
  return {
    interactionId: `i${String(n).padStart(3, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 2, 2, 9, n)).toISOString(),
    channel: 'chat',
    language: { code: 'en' },
    flagged: opts.flagged ?? false,
    agentId,
    overall,
    scores: { politeness: overall, tone: overall },
    outcome: opts.outcome === undefined ? 70 : opts.outcome,
    insight: {
      keyphrases: [{ text: phrase, count: 1 }],
      firstResponseSec: 60,
      messages: { customer: 2, agent: 2 },
    },
  };
}

// "late delivery": Anna 22 times (88 and 92 in turn), Ben 8 times at 40, all flagged.
// "refund": Carl 25 times at 60, no outcome scored (engine 1.x).
const rows: TrainingRow[] = [
  ...Array.from({ length: 22 }, (_, i) => row('late delivery', 'anna', i % 2 === 0 ? 88 : 92)),
  ...Array.from({ length: 8 }, () => row('late delivery', 'ben', 40, { flagged: true, outcome: 20 })),
  ...Array.from({ length: 25 }, () => row('refund', 'carl', 60, { outcome: null })),
];

function draft() {
  const acc = new TrainingAccumulator({ topics: 5, examples: 2 });
  for (const r of rows) acc.add(r);
  return acc.result();
}

describe('training packs', () => {
  const d = draft();
  const late = d.topics.find((t) => t.topic.label === 'late delivery')!;
  const refund = d.topics.find((t) => t.topic.label === 'refund')!;

  it('finds the top topics with their share', () => {
    expect(d.analysed).toBe(55);
    expect(d.topics.map((t) => [t.topic.label, t.topic.count])).toEqual([
      ['late delivery', 30],
      ['refund', 25],
    ]);
    expect(late.topic.share).toBe(0.5455); // rounded to 4 places by topics
  });

  it('describes how the desk handles a topic: scores with intervals, flag rate, outcome, first response', () => {
    expect(late.handling.overall.n).toBe(30);
    expect(late.handling.overall.mean).toBeCloseTo((22 * 90 + 8 * 40) / 30, 10);
    expect(late.handling.dimensions.politeness.mean).toBeCloseTo((22 * 90 + 8 * 40) / 30, 10);
    expect(late.handling.dimensions.accuracy.n).toBe(0);
    expect(late.handling.flagRate).toMatchObject({ count: 8, n: 30 });
    expect(late.handling.outcome.mean).toBeCloseTo((22 * 70 + 8 * 20) / 30, 10);
    expect(late.handling.meanFirstResponseSec).toBe(60);
    expect(late.handling.tooFewToJudge).toBe(false);
    expect(refund.handling.outcome.n).toBe(0);
  });

  it('names agents only from 20 conversations on the topic, with their interval', () => {
    expect(late.best.map((a) => a.agentId)).toEqual(['anna']);
    expect(late.best[0]!.overall.mean).toBe(90);
    // sd of alternating 88/92 over 22 values = 2 * sqrt(22/21); t(0.975, 21) = 2.0796.
    const half = 2.0796 * ((2 * Math.sqrt(22 / 21)) / Math.sqrt(22));
    expect(late.best[0]!.overall.ci!.low).toBeCloseTo(90 - half, 3);
    expect(late.best[0]!.versusTopic).toBe('above');
    expect(late.worst).toEqual([]);
    expect(late.agentsJudged).toBe(1);
    expect(late.agentsTooFew).toBe(1); // ben: 8 conversations
  });

  it('picks example candidates: best handled with a good outcome, and the worst flagged', () => {
    expect(late.goodCandidates.every((c) => c.overall === 92)).toBe(true);
    expect(late.goodCandidates).toHaveLength(8);
    expect(late.problemCandidates.every((c) => c.flagged && c.overall === 40)).toBe(true);
    expect(candidateIds(d)).toContain(late.problemCandidates[0]!.interactionId);
  });

  it('keeps good examples without a confirmed flag, transcripts first, and only confirmed problems', () => {
    const [g1, g2] = late.goodCandidates;
    const [p1, p2] = late.problemCandidates;
    const details = new Map([
      [g1!.interactionId, { confirmedFlags: ['tone.rudeness'], transcript: [{ role: 'agent', text: 'x' }] }],
      [
        g2!.interactionId,
        { confirmedFlags: [], transcript: [{ role: 'customer', text: 'My parcel is late ```' }] },
      ],
      [p1!.interactionId, { confirmedFlags: [], transcript: [{ role: 'agent', text: 'dismissed' }] }],
      [
        p2!.interactionId,
        { confirmedFlags: ['tone.dismissive'], transcript: [{ role: 'agent', text: 'Whatever.' }] },
      ],
    ]);
    const report = trainingReport(d, details);
    const pack = report.packs[0]!;
    expect(pack.goodExamples.map((e) => [e.interactionId, e.transcript !== null])).toEqual([
      [g2!.interactionId, true],
      [late.goodCandidates[2]!.interactionId, false],
    ]);
    expect(pack.problemExamples.map((e) => [e.interactionId, e.confirmedFlags])).toEqual([
      [p2!.interactionId, ['tone.dismissive']],
    ]);
    const md = trainingMarkdown(report, { tenantId: 'acme', from: '2026-03-01', to: '2026-03-31' });
    expect(md).toContain('## 1. late delivery');
    expect(md).toContain('Transcript not kept: listed by id only.');
    expect(md).toContain(report.note);
    // The text's own backticks cannot close the block around it.
    expect(md).toContain('````text\ncustomer: My parcel is late ```\n````');
    expect(md).toContain('Handle it best: anna 90.0');
    expect(md).toContain('1 agent(s) handled it too few times to judge (under 20).');
    expect(md).toContain('| customer outcome | not scored (older engine) |');
  });

  it('refuses nonsense options with a code', () => {
    expect(() => new TrainingAccumulator({ topics: 0 })).toThrow(/topics must be a whole number/);
  });
});
