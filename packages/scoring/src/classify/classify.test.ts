import { describe, expect, it } from 'vitest';
import { classifierNames, classifierOperatingPoints, classifyText, warmUpClassifiers } from './index.js';

function offensive(text: string, lang: 'en' | 'da' = 'en'): { probability: number; spans: string[] } {
  const c = classifyText(lang, text).find((x) => x.name === 'offensive');
  if (!c) throw new Error('no offensive model');
  return { probability: c.probability, spans: c.spans.map((s) => text.slice(s.start, s.end)) };
}

describe('classifyText', () => {
  it('lists the English models and returns one classification per model', () => {
    warmUpClassifiers();
    expect(classifierNames('en')).toEqual(['offensive', 'condescending', 'dismissive', 'hostile']);
    expect(classifierNames('da')).toEqual(['offensive']);
    expect(classifyText('en', 'Thanks!').map((c) => c.name)).toEqual([...classifierNames('en')]);
  });

  it('exposes each model’s calibrated thresholds, stricter for fewer false alarms', () => {
    const points = classifierOperatingPoints('en', 'offensive');
    expect(points.map((p) => p.maxFalseAlarmRate)).toEqual([0.01, 0.03, 0.05]);
    const [at1, at3, at5] = points.map((p) => p.threshold);
    expect(at1).toBeGreaterThanOrEqual(at3!);
    expect(at3).toBeGreaterThanOrEqual(at5!);
  });

  it('ranks a clearly insulting reply far above a courteous one', () => {
    const rude = offensive('Are you stupid? Read the damn email I sent you, idiot.');
    const kind = offensive(
      'Thank you for waiting. I have sent you a replacement and a prepaid return label.',
    );
    expect(rude.probability).toBeGreaterThan(0.9);
    expect(kind.probability).toBeLessThan(0.5);
  });

  it('points its evidence at the insulting words', () => {
    const text = 'I checked your account and honestly you are a complete moron.';
    const c = classifyText('en', text).find((x) => x.name === 'offensive')!;
    const [top, ...rest] = c.spans;
    expect(text.slice(top!.start, top!.end)).toMatch(/moron/);
    for (const s of rest) expect(s.weight).toBeLessThan(top!.weight);
  });

  it('returns probabilities in [0, 1] and spans inside the text, strongest first', () => {
    const text = 'WHAT THE HELL is wrong with you people, this shit never works!!!';
    for (const c of classifyText('en', text)) {
      expect(c.probability).toBeGreaterThanOrEqual(0);
      expect(c.probability).toBeLessThanOrEqual(1);
      expect(c.spans.length).toBeLessThanOrEqual(5);
      for (const s of c.spans) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(text.length);
        expect(s.end).toBeGreaterThan(s.start);
      }
      const weights = c.spans.map((s) => s.weight);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
    }
  });

  it('recognises a Danish insult built into a compound it never saw, and points at the compound', () => {
    const text = 'Sikke noget lortesupport, I er håbløse.';
    const rude = offensive(text, 'da');
    const kind = offensive('Tak for din tålmodighed, jeg har sendt en ny vare i dag.', 'da');
    expect(rude.probability).toBeGreaterThan(kind.probability + 0.3);
    expect(rude.spans[0]).toBe('lortesupport');
  });

  it('gives no spans to empty text and the same answer on every call', () => {
    expect(classifyText('en', '').every((c) => c.spans.length === 0)).toBe(true);
    const text = 'You people are useless.';
    expect(classifyText('en', text)).toEqual(classifyText('en', text));
  });
});
