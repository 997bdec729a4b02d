/**
 * Hand-written messages kept apart from the rest: written after the detector was tuned on the
 * generated and hand-written sets, and never tuned on, so their figures show how the detector
 * does on wording it has not seen. Add to this set; do not change the detector to fit it and
 * then count it as held out.
 */
import type { ExpectedPii, PiiCase } from './cases.js';

type Row = [lang: 'en' | 'da', format: string, text: string, pii: ExpectedPii[]];

const p = (type: ExpectedPii['type'], value: string): ExpectedPii => ({ type, value });

const ROWS: readonly Row[] = [
  [
    'da',
    'email',
    'hej, det er mig igen (lone.bækgaard@outlook.dk) - har I fået min mail?',
    [p('email', 'lone.bækgaard@outlook.dk')],
  ],
  ['en', 'email', 'Reply-To: Støttegruppen <hjælp@foreningen.dk>', [p('email', 'hjælp@foreningen.dk')]],
  ['en', 'email', 'contact: first.last@sub.example.travel;', [p('email', 'first.last@sub.example.travel')]],
  [
    'da',
    'email',
    'Skriv til KUNDESERVICE@Æblehaven.DK eller ring',
    [p('email', 'KUNDESERVICE@Æblehaven.DK')],
  ],
  [
    'en',
    'email',
    'my work address is j.doe@corp-mail.example.org.\nThanks',
    [p('email', 'j.doe@corp-mail.example.org')],
  ],
  [
    'da',
    'card',
    'Kortnr: 4571 9940 0000 0005 udl. 09/27 kontrolcifre 123',
    [p('card', '4571 9940 0000 0005')],
  ],
  [
    'en',
    'card',
    'the number on the card is 5105-1051-0510-5100 and it was declined',
    [p('card', '5105-1051-0510-5100')],
  ],
  ['en', 'card', 'VISA: 4000 0566 5566 5556.', [p('card', '4000 0566 5566 5556')]],
  ['da', 'card', 'betalt med MasterCard 2223 0000 4841 0010 i går', [p('card', '2223 0000 4841 0010')]],
  ['en', 'card', 'card no.4242424242424242 exp 12/29', [p('card', '4242424242424242')]],
  [
    'da',
    'card',
    'kort nummer ５５５５ ５５５５ ５５５５ ４４４４ tak',
    [p('card', '５５５５ ５５５５ ５５５５ ４４４４')],
  ],
  ['en', 'card', 'Amex: 3714 496353 98431', [p('card', '3714 496353 98431')]],
  ['da', 'cpr', 'Mit personnummer: 010203-1234 (jeg er født i 2003)', [p('cpr', '010203-1234')]],
  ['da', 'cpr', 'CPR 2512881234, adresse Vestergade 4, 8000 Aarhus C', [p('cpr', '2512881234')]],
  ['da', 'cpr', 'hun har cpr.nr. 130466 4321 hvis I skal bruge det', [p('cpr', '130466 4321')]],
  ['en', 'cpr', 'Civil registration number: 300992-0012', [p('cpr', '300992-0012')]],
  ['da', 'cpr', 'cpr: ０５１１７５－３３２１', [p('cpr', '０５１１７５－３３２１')]],
  [
    'da',
    'iban',
    'Vores IBAN er DK92 5000 0001 2345 67 og SWIFT DABADKKK',
    [p('iban', 'DK92 5000 0001 2345 67')],
  ],
  [
    'en',
    'iban',
    'Please wire to IE29 AIBK 9311 5212 3456 78 today',
    [p('iban', 'IE29 AIBK 9311 5212 3456 78')],
  ],
  ['da', 'iban', 'kontoen er NL91ABNA0417164300 i Holland', [p('iban', 'NL91ABNA0417164300')]],
  ['en', 'iban', 'IBAN: FR14 2004 1010 0505 0001 3M02 606', [p('iban', 'FR14 2004 1010 0505 0001 3M02 606')]],
  ['da', 'phone', 'Du kan fange mig på 40 50 60 70 hele dagen', [p('phone', '40 50 60 70')]],
  ['da', 'phone', 'mit mobilnr. er 28193746', [p('phone', '28193746')]],
  ['en', 'phone', 'ring me back on +45 2819 3746 pls', [p('phone', '+45 2819 3746')]],
  [
    'en',
    'phone',
    'Office: 020 7946 0018, mobile 07700 900461',
    [p('phone', '020 7946 0018'), p('phone', '07700 900461')],
  ],
  ['en', 'phone', 'my cell is 312-555-0198', [p('phone', '312-555-0198')]],
  [
    'da',
    'phone',
    'Hjemme: 86 12 34 56\nArbejde: 87 65 43 21',
    [p('phone', '86 12 34 56'), p('phone', '87 65 43 21')],
  ],
  ['da', 'phone', 'send en sms på ＋４５ ４０５０６０７０', [p('phone', '＋４５ ４０５０６０７０')]],
  [
    'da',
    'bank',
    'Beløbet bedes indsat på reg.nr 9877 konto 1234567890',
    [p('bank_account', '9877 konto 1234567890')],
  ],
  ['da', 'bank', 'Reg. 2191 - Kontonummer 6281234567', [p('bank_account', '2191 - Kontonummer 6281234567')]],
  ['da', 'bank', 'min bankkonto er 1551-3456789012', [p('bank_account', '1551-3456789012')]],
  ['en', 'bank', 'sort it to reg 4180 acct 0004567891 please', [p('bank_account', '4180 acct 0004567891')]],
  ['da', 'bank', 'kontonr. 3409 0001122334', [p('bank_account', '3409 0001122334')]],
  ['da', 'negative', 'Ordre 2026-004512 er afsendt med GLS 12345678901', []],
  ['en', 'negative', 'We are open Mon-Fri 08:00-17:00 and Sat 10-14', []],
  ['da', 'negative', 'Prisen steg fra 1.299 kr. til 1.499 kr. den 1. april', []],
  ['en', 'negative', 'Your 2 x 250 GB plan costs 49.95 EUR/month from 01/04/2026', []],
  ['da', 'negative', 'Kvitteringsnr. 4411-2233 og kasse 12', []],
  ['en', 'negative', 'Parcel 1Z999AA10123456784 is at depot 4400', []],
  ['da', 'negative', 'Ring 1. eller 2. marts mellem 9 og 15', []],
  ['en', 'negative', 'Error code 0x80070057 at 12:34:56', []],
  ['da', 'negative', 'Vi forventer 2.500.000 besøgende i 2026 - eller 2 500 000', []],
  ['en', 'negative', 'See section 4.2.1 and page 12-14 of the 2024 manual', []],
  ['da', 'negative', 'Bestilling 10023456 leveres uge 14, 2026', []],
  ['en', 'negative', 'Booking ref. 7HJ9KQ, seat 14C, gate B12', []],
  ['da', 'negative', 'Måleren viste 123456 kWh den 31.12.2025', []],
  ['en', 'negative', 'Invoice 2026-0311-007 for 12,450.00 DKK', []],
  ['da', 'negative', 'Sagen har nr. 2026/004518', []],
  ['en', 'negative', 'Transaction ID 20260311094512 was approved', []],
];

export function holdoutCases(): PiiCase[] {
  return ROWS.map(([lang, format, text, pii], k) => ({
    id: `holdout-${k}`,
    lang,
    source: 'handwritten',
    format: `holdout/${format}`,
    text,
    pii,
  }));
}
