import { describe, expect, it } from 'vitest';
import { cprDateValid, ibanValid, luhnValid, ssnValid } from './checks.js';
import { detectPii } from './detect.js';
import { redactPii } from './redact.js';

const ALL = {
  types: new Set(['email', 'phone', 'card', 'iban', 'cpr', 'ssn'] as const),
  allow: new Set<string>(),
};
const found = (text: string) => detectPii(text).map((s) => [s.type, text.slice(s.start, s.end)]);

describe('checksums', () => {
  it('validates Luhn, IBAN mod-97, CPR dates and SSN rules', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('DK5000400440116243')).toBe(true);
    expect(ibanValid('DK5000400440116244')).toBe(false);
    expect(cprDateValid('1507821234')).toBe(true);
    expect(cprDateValid('3102821234')).toBe(false);
    expect(cprDateValid('2902001234')).toBe(true);
    expect(ssnValid('123', '45', '6789')).toBe(true);
    expect(ssnValid('666', '45', '6789')).toBe(false);
    expect(ssnValid('900', '45', '6789')).toBe(false);
  });
});

describe('detectPii', () => {
  it('finds cards, IBANs, CPR numbers, SSNs, e-mails and phone numbers', () => {
    expect(
      found('card 4111 1111 1111 1111, iban DK50 0040 0440 1162 43, cpr 150782-1234, ssn 123-45-6789.'),
    ).toEqual([
      ['card', '4111 1111 1111 1111'],
      ['iban', 'DK50 0040 0440 1162 43'],
      ['cpr', '150782-1234'],
      ['ssn', '123-45-6789'],
    ]);
    expect(
      found('Mail jane.doe+x@example.co.uk or call +45 12 34 56 78 / (555) 123-4567 / tlf 12345678'),
    ).toEqual([
      ['email', 'jane.doe+x@example.co.uk'],
      ['phone', '+45 12 34 56 78'],
      ['phone', '(555) 123-4567'],
      ['phone', '12345678'],
    ]);
  });

  it('leaves ordinary numbers alone', () => {
    expect(
      found('Order A-60477, 2026-03-01, 1.299,00 kr, 4111 1111 1111 1112, 12345678, 10:30, 3-5 days'),
    ).toEqual([]);
  });

  it('is linear on hostile input', () => {
    const t0 = performance.now();
    detectPii('1 '.repeat(100_000));
    detectPii('@'.repeat(100_000));
    detectPii('a'.repeat(100_000) + '@' + 'b'.repeat(100_000));
    detectPii('DK'.repeat(50_000));
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});

describe('redactPii', () => {
  it('replaces PII with typed placeholders and reports their spans in the redacted text', () => {
    const r = redactPii('Card 4111 1111 1111 1111 and me@x.dk.', ALL);
    expect(r.text).toBe('Card [CARD] and [EMAIL].');
    expect(r.redactions).toEqual([
      { type: 'card', start: 5, end: 11 },
      { type: 'email', start: 16, end: 23 },
    ]);
  });

  it('keeps allow-listed values and types that are not redacted', () => {
    const r = redactPii('Call +45 70 20 30 40 or mail support@acme.dk', {
      types: new Set(['email']),
      allow: new Set(['support@acme.dk']),
    });
    expect(r.text).toBe('Call +45 70 20 30 40 or mail support@acme.dk');
  });
});
