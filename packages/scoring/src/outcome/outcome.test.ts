import type { ScoredInteraction, Signal } from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, EXAMPLE_KNOWLEDGE_BASE, scoreInteraction } from '../index.js';
import { chatEvent } from '../test-support/events.js';
import { OUTCOME_POINTS, OUTCOME_WEIGHT_IN_OVERALL, overallScore } from './index.js';

const NOW = () => new Date('2026-03-02T00:00:00Z');
const score = (e: Parameters<typeof scoreInteraction>[0]) =>
  scoreInteraction(e, { policy: DEFAULT_POLICY, knowledgeBase: EXAMPLE_KNOWLEDGE_BASE, now: NOW });
const sig = (s: ScoredInteraction, name: string): Signal | undefined =>
  s.outcome?.signals.find((x) => x.name === name);
const quotes = (s: ScoredInteraction, name: string) =>
  (sig(s, name)?.evidence ?? []).map((e) => e.text.toLowerCase());

type Turn = ['agent' | 'customer', string];
const opening: Turn[] = [
  ['customer', 'Hi, my router keeps dropping the connection every evening.'],
  ['agent', 'Hi, thanks for writing. Please restart it and update the firmware from the app.'],
];

function expectEvidenceInTranscript(s: ScoredInteraction) {
  for (const sg of s.outcome?.signals ?? [])
    for (const e of sg.evidence ?? [])
      expect(s.transcript[e.messageIndex]?.text.slice(e.start, e.end)).toBe(e.text);
}

describe('customer outcome: resolution and thanks', () => {
  it('scores an ending with "that worked" and thanks well, quoting the words', () => {
    const s = score(chatEvent([...opening, ['customer', 'That worked, thanks a lot!']]));
    expect(quotes(s, 'outcome.resolved')).toEqual(['that worked']);
    expect(quotes(s, 'outcome.thanks')).toEqual(['thanks']);
    expect(s.outcome?.about).toBe('customer');
    expect(s.outcome?.score).toBeGreaterThanOrEqual(
      OUTCOME_POINTS.neutral + OUTCOME_POINTS.resolved + OUTCOME_POINTS.thanks,
    );
    expect(s.outcome?.summary).toMatch(/^Good for the customer .*not a fault of the agent/);
    expectEvidenceInTranscript(s);
  });

  it('reads Danish: "tak, det virker" is resolved and thanked; "det virker ikke" is not resolved', () => {
    const good = score(
      chatEvent(
        [
          ['customer', 'Hej, min router mister forbindelsen hver aften.'],
          ['agent', 'Hej, genstart den og opdater firmwaren i appen.'],
          ['customer', 'Tak, det virker nu!'],
        ],
        'da',
      ),
    );
    expect(quotes(good, 'outcome.resolved')).toEqual(['det virker nu']);
    expect(quotes(good, 'outcome.thanks')).toEqual(['tak']);
    const bad = score(
      chatEvent(
        [
          ['customer', 'Hej, min router mister forbindelsen hver aften.'],
          ['agent', 'Hej, genstart den og opdater firmwaren i appen.'],
          ['customer', 'Det virker stadig ikke.'],
        ],
        'da',
      ),
    );
    expect(sig(bad, 'outcome.resolved')).toBeUndefined();
    expect(quotes(bad, 'outcome.unresolved_ending')).toEqual(['det virker stadig ikke']);
    expect(bad.outcome!.score!).toBeLessThan(good.outcome!.score!);
  });

  it('"thanks for nothing" is a complaint, not thanks', () => {
    const s = score(chatEvent([...opening, ['customer', 'Thanks for nothing.']]));
    expect(sig(s, 'outcome.thanks')).toBeUndefined();
    expect(quotes(s, 'outcome.unresolved_ending')).toEqual(['thanks for nothing']);
    expect(s.outcome!.score!).toBeLessThan(OUTCOME_POINTS.neutral);
  });
});

describe('customer outcome: signs that it went badly', () => {
  it('an escalation request costs the outcome and is quoted (English and Danish)', () => {
    const en = score(
      chatEvent([...opening, ['customer', 'This is not good enough. Let me speak to a manager.']]),
    );
    expect(quotes(en, 'outcome.escalation_request')).toEqual(['speak to a manager']);
    expect(sig(en, 'outcome.escalation_request')?.impact).toBe(OUTCOME_POINTS.escalation);
    const complain = score(chatEvent([...opening, ['customer', 'I want to complain about this.']]));
    expect(quotes(complain, 'outcome.escalation_request')).toEqual(['want to complain']);
    const da = score(
      chatEvent(
        [
          ['customer', 'Min pakke er ikke kommet.'],
          ['agent', 'Den er på vej.'],
          ['customer', 'Jeg vil gerne klage og tale med en leder.'],
        ],
        'da',
      ),
    );
    expect(quotes(da, 'outcome.escalation_request')).toEqual(['jeg vil gerne klage', 'tale med en leder']);
    expect(da.outcome!.score!).toBeLessThan(OUTCOME_POINTS.neutral);
  });

  it('the customer asking the same thing again is a repeated ask, by overlap or in so many words', () => {
    const s = score(
      chatEvent([
        ['customer', 'When will my replacement router be delivered to the shop?'],
        ['agent', 'Routers are great for streaming.'],
        ['customer', 'I asked when the replacement router will be delivered to the shop.'],
        ['agent', 'It ships Monday.'],
        ['customer', 'As I said, the shop, not my home.'],
      ]),
    );
    const repeated = sig(s, 'outcome.repeated_ask');
    expect(repeated?.value).toBe(2);
    expect(repeated?.impact).toBe(2 * OUTCOME_POINTS.repeat);
    expect(quotes(s, 'outcome.repeated_ask')).toEqual([
      'as i said',
      'i asked when the replacement router will be delivered to the shop.',
    ]);
    expectEvidenceInTranscript(s);
  });

  it('a last message that asks a question nobody answered is an unresolved ending', () => {
    const s = score(chatEvent([...opening, ['customer', 'And what about the evening drops?']]));
    expect(quotes(s, 'outcome.unanswered_ending')).toEqual(['and what about the evening drops?']);
    expect(sig(s, 'outcome.unanswered_ending')?.impact).toBe(OUTCOME_POINTS.unansweredQuestion);
  });

  it("an agent's last answer that says it cannot be had counts against the outcome, not the agent", () => {
    const s = score(
      chatEvent([
        ['customer', 'Can I get a room for two nights from Friday?'],
        ['agent', 'I am sorry, there are no rooms left for those nights.'],
      ]),
    );
    expect(quotes(s, 'outcome.unmet_ending')).toEqual(['there are no']);
    expect(s.flags.map((f) => f.code)).not.toContain('outcome.unmet_ending');
  });

  it('a worsening mood toward the end scores below an improving one', () => {
    const better = score(
      chatEvent([
        ['customer', 'This is a terrible, awful mess.'],
        ['agent', 'I understand. I have reset your line now.'],
        ['customer', 'Lovely, the line is good again.'],
      ]),
    );
    const worse = score(
      chatEvent([
        ['customer', 'Lovely, the line is good again.'],
        ['agent', 'I understand. I have reset your line now.'],
        ['customer', 'This is a terrible, awful mess.'],
      ]),
    );
    expect(sig(better, 'outcome.sentiment_trajectory')!.value).toBeGreaterThan(0);
    expect(sig(worse, 'outcome.sentiment_trajectory')!.value).toBeLessThan(0);
    expect(better.outcome!.score!).toBeGreaterThan(worse.outcome!.score!);
  });
});

describe('customer outcome: never an agent fault', () => {
  it('an abusive customer lowers neither the agent dimensions, nor the outcome, nor the overall', () => {
    const calm = score(chatEvent([...opening, ['customer', 'That worked, thanks.']]));
    const abusive = score(chatEvent([...opening, ['customer', 'That worked, thanks, you idiot.']]));
    for (const d of Object.keys(calm.scores) as (keyof ScoredInteraction['scores'])[])
      expect(abusive.scores[d].score).toBe(calm.scores[d].score);
    expect(abusive.outcome?.score).toBe(calm.outcome?.score);
    expect(abusive.overall).toBe(calm.overall);
    expect(sig(abusive, 'outcome.customer_abuse')).toMatchObject({ value: 1, impact: 0 });
  });

  it('raises no flags of its own', () => {
    const s = score(
      chatEvent([...opening, ['customer', 'I want to speak to your manager. I already asked twice.']]),
    );
    expect(s.flags.filter((f) => f.code.startsWith('outcome.'))).toEqual([]);
  });

  it('is null with nothing from the customer, and the overall is then the agent mean', () => {
    const s = score(chatEvent([['agent', 'Hello, your order has shipped and arrives on Monday.']]));
    expect(s.outcome?.score).toBeNull();
    const judged = Object.values(s.scores).flatMap((d) => (d.score === null ? [] : [d.score]));
    expect(s.overall).toBeCloseTo(judged.reduce((a, b) => a + b, 0) / judged.length, 2);
  });
});

describe('overallScore', () => {
  it('blends the outcome with the mean of the judged dimensions, leaving nulls out', () => {
    expect(overallScore([80, null, 60], 40)).toBe(
      OUTCOME_WEIGHT_IN_OVERALL * 40 + (1 - OUTCOME_WEIGHT_IN_OVERALL) * 70,
    );
    expect(overallScore([null, null], 40)).toBe(40);
    expect(overallScore([90, 70], null)).toBe(80);
    expect(overallScore([null], null)).toBeNull();
  });
});
