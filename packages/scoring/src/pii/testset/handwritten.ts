/**
 * Hand-written messages in the style of real help-desk traffic (typos, labels, line breaks,
 * several values in one message), and hand-written negatives that look numeric but are not PII.
 * Card numbers pass Luhn, CPR numbers start with a valid date and IBANs pass mod-97.
 */
import type { ExpectedPii, PiiCase } from './cases.js';

type Row = [lang: 'en' | 'da', format: string, text: string, pii: ExpectedPii[]];

const card = (value: string): ExpectedPii => ({ type: 'card', value });
const cpr = (value: string): ExpectedPii => ({ type: 'cpr', value });
const iban = (value: string): ExpectedPii => ({ type: 'iban', value });
const email = (value: string): ExpectedPii => ({ type: 'email', value });
const phone = (value: string): ExpectedPii => ({ type: 'phone', value });
const bank = (value: string): ExpectedPii => ({ type: 'bank_account', value });
const ssn = (value: string): ExpectedPii => ({ type: 'ssn', value });

const ROWS: readonly Row[] = [
  // --- e-mail addresses, including Danish letters on either side of the "@"
  ['da', 'email/idn-domain', 'Skriv til jens@søren.dk, han ved det.', [email('jens@søren.dk')]],
  ['da', 'email/unicode-local', 'søren@example.dk har ikke fået nogen mail', [email('søren@example.dk')]],
  ['da', 'email/both', 'Min nye adresse er bjørn.læsø@blåbær.dk', [email('bjørn.læsø@blåbær.dk')]],
  ['en', 'email/angle', 'From: "Chloé Dubois" <chloé.dubois@exemple.fr>', [email('chloé.dubois@exemple.fr')]],
  [
    'en',
    'email/sentence-end',
    'Please reply to john.smith@example.co.uk.',
    [email('john.smith@example.co.uk')],
  ],
  ['en', 'email/plus', 'I signed up as sarah+shop@gmail.com last year', [email('sarah+shop@gmail.com')]],
  [
    'da',
    'email/line-end',
    'Hej\nmin mail: mette.kjær@mail.tele.dk\nMvh Mette',
    [email('mette.kjær@mail.tele.dk')],
  ],
  [
    'en',
    'email/apostrophe',
    "It's sean.o'brien@example.ie if you need it",
    [email("sean.o'brien@example.ie")],
  ],
  ['da', 'email/upper', 'KONTAKT: ÅSE.HOLM@FIRMA.DK', [email('ÅSE.HOLM@FIRMA.DK')]],
  [
    'en',
    'email/two',
    'cc anna@acme.io and ops-team@acme.io please',
    [email('anna@acme.io'), email('ops-team@acme.io')],
  ],
  [
    'da',
    'email/parens',
    'Min søster (ida.møller@hotmail.dk) har samme problem',
    [email('ida.møller@hotmail.dk')],
  ],
  ['en', 'email/fullwidth-at', 'my email is kenji＠example.jp', [email('kenji＠example.jp')]],

  // --- cards
  ['en', 'card/dots', 'Card 4111.1111.1111.1111 exp 04/28', [card('4111.1111.1111.1111')]],
  ['en', 'card/double-space', 'number: 4111  1111  1111  1111', [card('4111  1111  1111  1111')]],
  ['en', 'card/glued-label', 'card:4111111111111111', [card('4111111111111111')]],
  ['en', 'card/glued-brand', 'Visa4111111111111111 is the one I used', [card('4111111111111111')]],
  [
    'da',
    'card/fullwidth',
    'kortnummer ４１１１ １１１１ １１１１ １１１１',
    [card('４１１１ １１１１ １１１１ １１１１')],
  ],
  ['da', 'card/dankort', 'Dankort 5019 7170 1010 3742, udløb 11/26', [card('5019 7170 1010 3742')]],
  ['en', 'card/amex', 'Amex 3782 822463 10005 please', [card('3782 822463 10005')]],
  ['en', 'card/mastercard-2', 'MC 2223003122003222 - cvc on request', [card('2223003122003222')]],
  ['da', 'card/line-end', 'Her er kortet\n5555 5555 5555 4444\nmvh', [card('5555 5555 5555 4444')]],
  ['en', 'card/with-cvc', 'It is 4012-8888-8888-1881, cvc 123', [card('4012-8888-8888-1881')]],

  // --- CPR numbers
  ['da', 'cpr/dash', 'Mit cpr er 150782-1234', [cpr('150782-1234')]],
  ['da', 'cpr/compact', 'CPR: 0101901234.', [cpr('0101901234')]],
  ['da', 'cpr/fullwidth', 'cpr-nr. １５０７８２-１２３４', [cpr('１５０７８２-１２３４')]],
  ['da', 'cpr/space', 'personnummer 311299 4321 (min mor)', [cpr('311299 4321')]],
  ['da', 'cpr/glued', 'CPR-nr.:290200-1111', [cpr('290200-1111')]],
  ['en', 'cpr/en', 'My CPR number is 241065-0987, sorry for sending it here', [cpr('241065-0987')]],

  // --- IBANs
  ['da', 'iban/dk-spaced', 'IBAN: DK50 0040 0440 1162 43', [iban('DK50 0040 0440 1162 43')]],
  ['en', 'iban/gb', 'Refund to GB82 WEST 1234 5698 7654 32 thanks', [iban('GB82 WEST 1234 5698 7654 32')]],
  ['en', 'iban/de-compact', 'IBAN DE89370400440532013000.', [iban('DE89370400440532013000')]],
  ['da', 'iban/lower', 'min iban er dk5000400440116243', [iban('dk5000400440116243')]],
  ['en', 'iban/glued', 'IBAN:NO9386011117947 (Norwegian account)', [iban('NO9386011117947')]],

  // --- phones
  ['da', 'phone/pairs', 'Ring på 20 30 40 50 i morgen', [phone('20 30 40 50')]],
  ['da', 'phone/+45', 'Mit nummer: +45 70 20 30 40', [phone('+45 70 20 30 40')]],
  ['da', 'phone/compact-cue', 'tlf 22334455', [phone('22334455')]],
  ['da', 'phone/fullwidth', 'mobil ２２ ３３ ４４ ５５', [phone('２２ ３３ ４４ ５５')]],
  ['en', 'phone/us', 'Call me at (555) 123-4567 after lunch', [phone('(555) 123-4567')]],
  ['en', 'phone/uk', 'My mobile is 07700 900123.', [phone('07700 900123')]],
  ['en', 'phone/+44', 'Phone: +44 20 7946 0958', [phone('+44 20 7946 0958')]],
  ['da', 'phone/0045', 'I kan ringe til 0045 28 19 37 46', [phone('0045 28 19 37 46')]],
  ['da', 'phone/4-4', 'kontakt mig på 2819 3746', [phone('2819 3746')]],

  // --- Danish bank accounts
  ['da', 'bank/reg-konto', 'Overfør til reg. 1234 konto 0001234567', [bank('1234 konto 0001234567')]],
  ['da', 'bank/dash', 'Mit kontonummer er 1234-0001234567', [bank('1234-0001234567')]],
  ['da', 'bank/regnr', 'Reg.nr. 5301 Kontonr. 0244125938', [bank('5301 Kontonr. 0244125938')]],
  ['da', 'bank/short', 'reg nr 9570 kontonr 12345678', [bank('9570 kontonr 12345678')]],
  [
    'en',
    'bank/en',
    'Danish account: reg. no. 3001 account no. 1234567890',
    [bank('3001 account no. 1234567890')],
  ],

  // --- US SSN
  ['en', 'ssn/dash', 'SSN 123-45-6789 on file', [ssn('123-45-6789')]],

  // --- several in one message
  [
    'da',
    'mixed/da',
    'Hej! Jeg hedder Søren. Mail: søren@jubii.dk, tlf. 31 41 59 26.\nKort 4111 1111 1111 1111 er spærret, brug reg. 1234 konto 0001234567.',
    [
      email('søren@jubii.dk'),
      phone('31 41 59 26'),
      card('4111 1111 1111 1111'),
      bank('1234 konto 0001234567'),
    ],
  ],
  [
    'en',
    'mixed/en',
    'Name: Jane Doe\nEmail: jane.doe@example.com\nPhone: +1 555 123 4567\nCard: 5555-5555-5555-4444',
    [email('jane.doe@example.com'), phone('+1 555 123 4567'), card('5555-5555-5555-4444')],
  ],

  // --- negatives: numbers that are not PII
  ['da', 'negative/order', 'Hvor er min ordre 60477123? Jeg bestilte den 01.03.2026.', []],
  ['da', 'negative/order-nr', 'Ordrenummer: 1002345678', []],
  ['en', 'negative/order', 'Order A-60477 shipped on 2026-03-01 at 10:30', []],
  ['en', 'negative/price', 'It was $1,299.99 plus 25% VAT', []],
  ['da', 'negative/price', 'Prisen er 1.299,00 kr. inkl. moms', []],
  ['da', 'negative/price-millions', 'Huset er vurderet til 12.500.000 kr', []],
  ['da', 'negative/time-range', 'Vi har åbent 09.30-16.00 alle hverdage', []],
  ['en', 'negative/date-time', 'Your appointment: 2026-03-04 14:30 CET', []],
  ['en', 'negative/flight', 'My flight SK 1234 to CPH leaves 07:15', []],
  ['en', 'negative/flight', 'Rebooked on DY1302 and BA815', []],
  ['da', 'negative/postcode', 'Adresse: Nørregade 12, 2100 København Ø', []],
  ['da', 'negative/cvr', 'Firmaet har CVR 12345678', []],
  ['en', 'negative/tracking', 'Tracking: 00370712345678901234', []],
  ['en', 'negative/ip', 'Router at 192.168.100.254 keeps rebooting', []],
  ['en', 'negative/version', 'Updated to 10.2.14.1 yesterday', []],
  ['en', 'negative/failing-luhn', 'Serial 4111 1111 1111 1112', []],
  ['da', 'negative/invalid-cpr-date', 'Sag 3213991234 er lukket', []],
  ['en', 'negative/invalid-iban', 'Reference DK50 0040 0440 1162 44 failed', []],
  ['en', 'negative/quantity', 'We sold 12345678 units in 2025', []],
  ['da', 'negative/days', 'Levering 3-5 dage, retur inden 30 dage', []],
  ['en', 'negative/last4', 'The card ending 4242 was declined', []],
  ['da', 'negative/kundenummer', 'Kundenummer 12345678, ordre 87654321', []],
  ['en', 'negative/email-like', 'Meet @ 10:30 at the office, or @john on Slack', []],
  ['en', 'negative/year-range', 'From 1990-2026 we served 1 000 000 customers', []],
  ['da', 'negative/date-dots', 'Fødselsdag 15.07.1982 - det er ikke et CPR', []],
  ['en', 'negative/isbn', 'The manual is ISBN 978-3-16-148410-0', []],
  ['da', 'negative/weight', 'Pakken vejer 2,5 kg og koster 49,95 kr', []],
  ['en', 'negative/ean', 'EAN 5701234567899 on the box', []],
  ['en', 'negative/ticket', 'Ticket #20260301-0042 created', []],
];

export function handwrittenCases(): PiiCase[] {
  return ROWS.map(([lang, format, text, pii], k) => ({
    id: `hand-${k}`,
    lang,
    source: 'handwritten',
    format,
    text,
    pii,
  }));
}
