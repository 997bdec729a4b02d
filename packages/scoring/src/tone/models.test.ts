import { describe, expect, it } from 'vitest';
import type { Policy } from '@rapport/schemas';
import { scoreInteraction } from '../engine/score.js';
import { DEFAULT_POLICY } from '../policy/defaults.js';
import { parsePolicy } from '../policy/load.js';
import { chatEvent } from '../test-support/events.js';
import { bandOf, raised } from './severity.js';

describe('severity bands', () => {
  const bands = { flagAt: 0.5, mediumAt: 0.8, highAt: 0.95 };

  it('maps a probability to its band and nothing below flagAt', () => {
    expect([0.49, 0.5, 0.79, 0.8, 0.95, 1].map((p) => bandOf(p, bands))).toEqual([
      undefined,
      'low',
      'low',
      'medium',
      'high',
      'high',
    ]);
  });

  it('raises one step for words aimed at the customer, never past high', () => {
    expect([raised('low'), raised('medium'), raised('high'), raised('critical')]).toEqual([
      'medium',
      'high',
      'high',
      'critical',
    ]);
  });
});

/** Every learned detector fires from a tiny probability, so what is tested is the wiring, not a model's threshold. */
const eager = { flagAt: 0.001, mediumAt: 1, highAt: 1, languages: {} };
const EAGER: Policy = parsePolicy({
  ...DEFAULT_POLICY,
  thresholds: {
    ...DEFAULT_POLICY.thresholds,
    tone: {
      ...DEFAULT_POLICY.thresholds.tone,
      models: { offensive: eager, hostile: eager, condescending: eager, dismissive: eager },
    },
  },
});
const now = () => new Date('2026-03-01T12:00:00Z');

describe('learned detectors in the tone flags', () => {
  it('raises the model flag with its probability and evidence quoting the stored text', () => {
    const s = scoreInteraction(
      chatEvent([
        ['customer', 'Hi, where is my parcel?'],
        ['agent', 'Your parcel is late, deal with it, you moron.'],
      ]),
      { policy: EAGER, now },
    );
    const rude = s.flags.find((f) => f.code === 'tone.rudeness');
    expect(rude?.message).toMatch(/The offensive model \(probability 0\.\d\d\) found the agent offensive/);
    const modelEvidence = rude?.evidence.filter((e) => e.rule === 'tone.rudeness:model(offensive)') ?? [];
    expect(modelEvidence.length).toBeGreaterThan(0);
    for (const e of modelEvidence)
      expect(s.transcript[e.messageIndex]?.text.slice(e.start, e.end)).toBe(e.text);
    // "you moron" is aimed at the customer: the low band is raised to medium (the rule's high stays).
    expect(rude?.severity).toBe('high');
    const signal = s.scores.tone.signals.find((x) => x.name === 'tone.model.offensive');
    expect(signal?.value).toBeGreaterThan(0);
  });

  it('does not flag the customer’s quoted words', () => {
    const s = scoreInteraction(
      chatEvent([
        ['customer', 'Your app is shit and your staff are morons.'],
        [
          'agent',
          'I am sorry you feel that "your app is shit and your staff are morons". I have passed it on.',
        ],
      ]),
      { policy: EAGER, now },
    );
    const evidence = s.flags
      .filter((f) => f.dimension === 'tone')
      .flatMap((f) => f.evidence)
      .filter((e) => e.messageIndex === 1);
    expect(evidence.filter((e) => /shit|moron/i.test(e.text))).toEqual([]);
  });
});

describe('one insult, one flag', () => {
  it('reports a plain insult as rudeness, not also as condescension and dismissiveness', () => {
    const s = scoreInteraction(
      chatEvent([
        ['customer', 'Hi, the link is broken.'],
        ['agent', 'You are a complete idiot and a moron.'],
      ]),
      { policy: EAGER, now },
    );
    expect(s.flags.filter((f) => f.dimension === 'tone').map((f) => f.code)).toEqual(['tone.rudeness']);
  });
});

describe('evidence that shows something', () => {
  it('does not flag a message whose only evidence would be function words', () => {
    const s = scoreInteraction(
      chatEvent([
        ['customer', 'Hi, I have a question.'],
        ['agent', 'What? Which one? And you?'],
      ]),
      { policy: EAGER, now },
    );
    expect(s.flags.filter((f) => f.dimension === 'tone')).toEqual([]);
  });
});

describe('model thresholds in the policy', () => {
  it('gives a policy written before the models their defaults', () => {
    const old = parsePolicy({ id: 'old', version: '1', thresholds: { tone: { shoutingMinWords: 3 } } });
    expect(old.thresholds.tone.models.offensive).toEqual(DEFAULT_POLICY.thresholds.tone.models.offensive);
    expect(old.thresholds.tone.models.hostile.flagAt).toBe(
      DEFAULT_POLICY.thresholds.tone.models.hostile.flagAt,
    );
  });

  it('refuses bands out of order, naming the field', () => {
    const bad = { flagAt: 0.9, mediumAt: 0.5, highAt: 0.95 };
    expect(() =>
      parsePolicy({ id: 'bad', version: '1', thresholds: { tone: { models: { dismissive: bad } } } }),
    ).toThrow(/thresholds\.tone\.models\.dismissive.*flagAt <= mediumAt <= highAt/);
  });
});
