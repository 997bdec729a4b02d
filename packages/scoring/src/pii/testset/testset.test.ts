import { describe, expect, it } from 'vitest';
import { cprDateValid, ibanValid, luhnValid } from '../checks.js';
import { evaluate, locate, type PiiCase } from './cases.js';
import { generateCases, toFullWidth } from './generate.js';
import { handwrittenCases } from './handwritten.js';

const ascii = (s: string) =>
  s
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[^0-9A-Za-z]/g, '');

describe('the PII test set', () => {
  const cases = [...generateCases(), ...handwrittenCases()];

  it('is the same on every run and large enough to measure 99% recall per type', () => {
    expect(generateCases()).toEqual(generateCases());
    expect(cases.length).toBeGreaterThanOrEqual(500);
    for (const type of ['card', 'cpr', 'iban', 'email', 'phone', 'bank_account'])
      expect(cases.flatMap((c) => c.pii).filter((p) => p.type === type).length, type).toBeGreaterThanOrEqual(
        60,
      );
    expect(cases.filter((c) => c.pii.length === 0).length).toBeGreaterThanOrEqual(300);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('holds only values that are what they claim: Luhn-valid cards, mod-97 IBANs, CPR numbers with a real date', () => {
    for (const c of cases) {
      expect(() => locate(c)).not.toThrow();
      for (const p of c.pii) {
        const v = ascii(p.value).toUpperCase();
        if (p.type === 'card') expect(luhnValid(v), `${c.id} ${p.value}`).toBe(true);
        if (p.type === 'iban') expect(ibanValid(v), `${c.id} ${p.value}`).toBe(true);
        if (p.type === 'cpr') expect(cprDateValid(v), `${c.id} ${p.value}`).toBe(true);
      }
    }
  });

  it('writes full-width digits as an input method does', () => {
    expect(toFullWidth('+45 12-34')).toBe('+４５ １２-３４');
  });
});

describe('evaluate', () => {
  const cases: PiiCase[] = [
    {
      id: 'a',
      lang: 'en',
      source: 'handwritten',
      format: 'two',
      text: 'card 4111 1111 1111 1111, mail a@b.dk',
      pii: [
        { type: 'card', value: '4111 1111 1111 1111' },
        { type: 'email', value: 'a@b.dk' },
      ],
    },
    { id: 'n', lang: 'en', source: 'handwritten', format: 'negative', text: 'order 123', pii: [] },
  ];

  it('counts a value found only when one span of its type covers all of it', () => {
    const result = evaluate(cases, (text) =>
      text.startsWith('order')
        ? [{ type: 'phone', start: 6, end: 9 }]
        : [
            { type: 'card', start: 5, end: 14 }, // half the card: a miss
            { type: 'phone', start: 31, end: 37 }, // the e-mail, typed as a phone: a miss, but hidden
            { type: 'phone', start: 6, end: 9 }, // overlaps an expected value, so not stray
          ],
    );
    expect(result.byType.card).toMatchObject({ expected: 1, found: 0, hiddenAsOther: 0 });
    expect(result.byType.email).toMatchObject({ expected: 1, found: 0, hiddenAsOther: 1 });
    expect(result.negatives).toBe(1);
    expect(result.falsePositiveCases).toEqual([{ id: 'n', text: 'order 123', detected: ['phone:123'] }]);
    expect(result.strayDetections).toEqual([]);
  });

  it('reports spans that cover no expected value as stray', () => {
    const result = evaluate([cases[0]!], () => [
      { type: 'card', start: 5, end: 24 },
      { type: 'email', start: 31, end: 37 },
      { type: 'phone', start: 0, end: 4 },
    ]);
    expect(result.byType.card.found).toBe(1);
    expect(result.byType.email.found).toBe(1);
    expect(result.strayDetections).toEqual([{ id: 'a', detected: 'phone:card' }]);
  });
});
