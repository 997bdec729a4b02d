import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PII_TYPES } from '@rapport/schemas';
import { cprDateValid, ibanValid, luhnValid, ssnValid } from './checks.js';
import { detectPii } from './detect.js';
import { redactPii } from './redact.js';

const ALL = {
  types: new Set(PII_TYPES),
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

  // Regression tests for the gaps a security review found: each failed before this detector.
  it('finds e-mail addresses with letters beyond ASCII on either side of the "@"', () => {
    expect(found('Skriv til jens@søren.dk, han ved det.')).toEqual([['email', 'jens@søren.dk']]);
    expect(found('søren@example.dk har ikke fået mail')).toEqual([['email', 'søren@example.dk']]);
    expect(found('(bjørn.læsø@blåbær.dk)')).toEqual([['email', 'bjørn.læsø@blåbær.dk']]);
    expect(found("sean.o'brien@example.ie, kenji＠example.jp")).toEqual([
      ['email', "sean.o'brien@example.ie"],
      ['email', 'kenji＠example.jp'],
    ]);
  });

  it('finds card numbers grouped by dots, double or no-break spaces, or glued to a label', () => {
    expect(found('Card 4111.1111.1111.1111 exp 04/28')).toEqual([['card', '4111.1111.1111.1111']]);
    expect(found('number: 4111  1111  1111  1111')).toEqual([['card', '4111  1111  1111  1111']]);
    expect(found('kort 4111\u00a01111\u00a01111\u00a01111.')).toEqual([
      ['card', '4111\u00a01111\u00a01111\u00a01111'],
    ]);
    expect(found('card:4111111111111111')).toEqual([['card', '4111111111111111']]);
    expect(found('Visa4111111111111111 is the one')).toEqual([['card', '4111111111111111']]);
    expect(found('Dankort5019-7170-1010-3742?')).toEqual([['card', '5019-7170-1010-3742']]);
    expect(found('charge (5555 5555 5555 4444).')).toEqual([['card', '5555 5555 5555 4444']]);
    expect(found('Amex 3782 822463 10005')).toEqual([['card', '3782 822463 10005']]);
  });

  it('reads full-width digits as digits', () => {
    expect(found('kort ４１１１ １１１１ １１１１ １１１１')).toEqual([
      ['card', '４１１１ １１１１ １１１１ １１１１'],
    ]);
    expect(found('cpr １５０７８２－１２３４')).toEqual([['cpr', '１５０７８２－１２３４']]);
    expect(found('mobil ２２ ３３ ４４ ５５')).toEqual([['phone', '２２ ３３ ４４ ５５']]);
    expect(found('ring ＋４５ ２２ ３３ ４４ ５５')).toEqual([['phone', '＋４５ ２２ ３３ ４４ ５５']]);
  });

  it('finds Danish bank accounts: reg. nr. and account number', () => {
    expect(found('Overfør til reg. 1234 konto 0001234567')).toEqual([
      ['bank_account', '1234 konto 0001234567'],
    ]);
    expect(found('Mit kontonummer er 1234-0001234567.')).toEqual([['bank_account', '1234-0001234567']]);
    expect(found('Reg.nr. 5301 Kontonr. 0244125938')).toEqual([['bank_account', '5301 Kontonr. 0244125938']]);
    expect(found('reg. no. 3001 account no. 1234567')).toEqual([
      ['bank_account', '3001 account no. 1234567'],
    ]);
    expect(found('bankkonto: 9570 123456')).toEqual([['bank_account', '9570 123456']]);
    // A reg. nr. alone, and four digits and six without a bank word, are not accounts.
    expect(found('reg. 1234 og ordre 654321, vare 1234 567890')).toEqual([]);
  });

  it('finds phone numbers with an area code in parentheses after the country code', () => {
    expect(found('Call me on (+45) 85 34 46 09.')).toEqual([['phone', '(+45) 85 34 46 09']]);
    expect(found('Tel: +1 (979) 806-5996')).toEqual([['phone', '+1 (979) 806-5996']]);
    expect(found('ring 0045 28 19 37 46')).toEqual([['phone', '0045 28 19 37 46']]);
  });

  it('takes a bare number as a phone or CPR number only when the words before do not name it otherwise', () => {
    expect(found('You can reach me on 84580509')).toEqual([['phone', '84580509']]);
    expect(found('Mit nummer er 84580509')).toEqual([['phone', '84580509']]);
    expect(found('Mit kundenummer er 84580509, ordre nr. 12345678')).toEqual([]);
    expect(found('You asked for my personal ID number, it is 1202891722')).toEqual([['cpr', '1202891722']]);
    expect(found('Sagsnummer 1202891722')).toEqual([]);
  });

  it('leaves dates, times, amounts, addresses and identifiers alone', () => {
    for (const text of [
      'Booked for 2026-03-04 14:30',
      'Vi har åbent 09.30-16.00',
      'Huset kostede 12.500.000 kr, 12 500 000 kr',
      'Router at 192.168.100.254',
      'years 1990-2026',
      'Reference: 1128 1463',
      'Ticket #20260301-0042 created',
      'EAN 5701234567899, ISBN 978-3-16-148410-0',
      'Tracking 00370712345678901234',
      'Flight SK 1234 at 07:15, DY1302',
      'Nørregade 12, 2100 København Ø',
      'Meet @ 10:30, or @john on Slack, v10.2.14',
    ])
      expect(found(text), text).toEqual([]);
  });

  it('returns sorted, non-overlapping spans inside the text for any input', () => {
    // Characters the detector treats specially, so that random strings reach its branches.
    const alphabet = fc.constantFrom(...'0123456789４５ \u00a0-–.+()（）@＠:aDKkreg.konto\nø'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 120 }), (chars) => {
        const text = chars.join('');
        const spans = detectPii(text);
        let last = 0;
        for (const s of spans) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(text.length);
          last = s.end;
        }
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('is linear on hostile input', () => {
    const t0 = performance.now();
    detectPii('1 '.repeat(100_000));
    detectPii('@'.repeat(100_000));
    detectPii('a'.repeat(100_000) + '@' + 'b'.repeat(100_000));
    detectPii('DK'.repeat(50_000));
    detectPii('１ '.repeat(100_000));
    detectPii('reg. 1234 '.repeat(20_000));
    detectPii('(+'.repeat(100_000));
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
