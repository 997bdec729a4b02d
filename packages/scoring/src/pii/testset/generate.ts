/**
 * A seeded generator of PII test cases, written from how people type these values in e-mails and
 * chats (copied from a bank app, typed on a phone, pasted from a Japanese IME, glued to a label),
 * not from how the detector looks for them. Checksums are computed here independently of the
 * detector's own checks so that the two cannot share a bug.
 */
import { seededRandom } from '../../text/random.js';
import type { PiiCase, TestsetType } from './cases.js';

type Rng = () => number;
type Lang = 'en' | 'da';

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const digits = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');
const NBSP = '\u00a0';
const IDEOGRAPHIC_SPACE = '\u3000';

/** Full-width digits (U+FF10...) as a Japanese or Chinese input method types them. */
export const toFullWidth = (s: string): string =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

const groupsOf = (s: string, sizes: readonly number[], sep: string): string => {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    if (at >= s.length) break;
    out.push(s.slice(at, at + n));
    at += n;
  }
  if (at < s.length) out.push(s.slice(at));
  return out.join(sep);
};
const every4 = (s: string, sep: string): string => s.replace(/(.{4})(?=.)/g, `$1${sep}`);

// ---------------------------------------------------------------- cards

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const CARD_BRANDS: readonly { name: string; prefixes: readonly string[]; length: number }[] = [
  { name: 'Visa', prefixes: ['4'], length: 16 },
  { name: 'Mastercard', prefixes: ['51', '52', '53', '54', '55', '2221', '2720'], length: 16 },
  { name: 'Dankort', prefixes: ['5019'], length: 16 },
  { name: 'Amex', prefixes: ['34', '37'], length: 15 },
  { name: 'Maestro', prefixes: ['6759', '5018'], length: 16 },
  { name: 'Discover', prefixes: ['6011'], length: 16 },
  { name: 'Diners', prefixes: ['36'], length: 14 },
  { name: 'Visa', prefixes: ['4'], length: 19 },
];

export function cardNumber(rng: Rng): { brand: string; number: string } {
  const brand = pick(rng, CARD_BRANDS);
  const prefix = pick(rng, brand.prefixes);
  const body = prefix + digits(rng, brand.length - prefix.length - 1);
  return { brand: brand.name, number: body + luhnCheckDigit(body) };
}

function formatCard(rng: Rng, n: string, brand: string): { format: string; value: string; glue: string } {
  const amex = n.length === 15 ? [4, 6, 5] : n.length === 14 ? [4, 6, 4] : [4, 4, 4, 4, 4];
  const formats: [string, () => string][] = [
    ['compact', () => n],
    ['space4', () => (n.length === 16 || n.length === 19 ? every4(n, ' ') : groupsOf(n, amex, ' '))],
    ['dash4', () => (n.length === 16 ? every4(n, '-') : groupsOf(n, amex, '-'))],
    ['dot4', () => every4(n, '.')],
    ['double-space4', () => every4(n, '  ')],
    ['nbsp4', () => every4(n, NBSP)],
    ['fullwidth-space4', () => toFullWidth(every4(n, ' '))],
    ['fullwidth-ideographic-space', () => toFullWidth(every4(n, IDEOGRAPHIC_SPACE))],
    ['fullwidth-compact', () => toFullWidth(n)],
  ];
  const [format, make] = pick(rng, formats);
  const value = make();
  // Labels typed straight against the number, as in "card:4111..." or "Visa4111...".
  const glue =
    rng() < 0.3 ? pick(rng, ['card:', 'kort:', `${brand}`, `${brand}:`, 'kortnr.', 'nr.', '#']) : '';
  return { format: glue ? `${format}/glued-label` : format, value, glue };
}

// ---------------------------------------------------------------- CPR

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function cprNumber(rng: Rng): string {
  const month = 1 + Math.floor(rng() * 12);
  const day = 1 + Math.floor(rng() * (DAYS[month - 1] as number));
  const year = Math.floor(rng() * 100);
  const pad = (x: number) => String(x).padStart(2, '0');
  return pad(day) + pad(month) + pad(year) + digits(rng, 4);
}

function formatCpr(rng: Rng, c: string): { format: string; value: string } {
  const [format, value] = pick(rng, [
    ['dash', `${c.slice(0, 6)}-${c.slice(6)}`],
    ['dash', `${c.slice(0, 6)}-${c.slice(6)}`],
    ['compact', c],
    ['space', `${c.slice(0, 6)} ${c.slice(6)}`],
    ['en-dash', `${c.slice(0, 6)}\u2013${c.slice(6)}`],
    ['fullwidth-dash', toFullWidth(`${c.slice(0, 6)}-${c.slice(6)}`)],
    ['fullwidth-fullwidth-dash', toFullWidth(c.slice(0, 6)) + '\uff0d' + toFullWidth(c.slice(6))],
    ['fullwidth-compact', toFullWidth(c)],
  ] as const);
  return { format, value };
}

// ---------------------------------------------------------------- IBAN

function mod97(s: string): number {
  let r = 0;
  for (const ch of s) {
    const v = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) r = (r * 10 + Number(d)) % 97;
  }
  return r;
}

const letters = (rng: Rng, n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(65 + Math.floor(rng() * 26))).join('');

const BBANS: readonly [string, (rng: Rng) => string][] = [
  ['DK', (r) => digits(r, 14)],
  ['DK', (r) => digits(r, 14)],
  ['DK', (r) => digits(r, 14)],
  ['FO', (r) => digits(r, 14)],
  ['GL', (r) => digits(r, 14)],
  ['NO', (r) => digits(r, 11)],
  ['SE', (r) => digits(r, 20)],
  ['DE', (r) => digits(r, 18)],
  ['GB', (r) => letters(r, 4) + digits(r, 14)],
  ['NL', (r) => letters(r, 4) + digits(r, 10)],
  ['FI', (r) => digits(r, 14)],
  ['FR', (r) => digits(r, 23)],
  ['ES', (r) => digits(r, 20)],
  ['PL', (r) => digits(r, 24)],
];

export function ibanNumber(rng: Rng): string {
  const [country, bban] = pick(rng, BBANS);
  const b = bban(rng);
  const check = 98 - mod97(b + country + '00');
  return country + String(check).padStart(2, '0') + b;
}

function formatIban(rng: Rng, iban: string): { format: string; value: string; glue: string } {
  const [format, value] = pick(rng, [
    ['space4', every4(iban, ' ')],
    ['space4', every4(iban, ' ')],
    ['compact', iban],
    ['lower-compact', iban.toLowerCase()],
    ['lower-space4', every4(iban.toLowerCase(), ' ')],
    ['nbsp4', every4(iban, NBSP)],
    ['dash4', every4(iban, '-')],
  ] as const);
  const glue = rng() < 0.2 ? pick(rng, ['IBAN:', 'iban:', 'IBAN-nr.']) : '';
  return { format: glue ? `${format}/glued-label` : format, value, glue };
}

// ---------------------------------------------------------------- e-mail

const FIRST = [
  'jens',
  'søren',
  'mette',
  'anne',
  'lars',
  'åse',
  'bjørn',
  'ærø',
  'mads',
  'freja',
  'john',
  'sarah',
  'michael',
  'emma',
  'oliver',
  'chloé',
  'josé',
  'zoë',
  'nikolaj',
  'ida',
  'kasper',
  'rasmus',
  'pia',
];
const LAST = [
  'hansen',
  'jørgensen',
  'sørensen',
  'møller',
  'læsø',
  'smith',
  'brown',
  'o.neil',
  'andersen',
  'müller',
  'dahl',
  'skov',
  'kjær',
  'holm',
  'nielsen',
  'thomsen',
];
const DOMAINS = [
  'gmail.com',
  'hotmail.com',
  'outlook.dk',
  'live.dk',
  'yahoo.co.uk',
  'mail.tele.dk',
  'firma.dk',
  'example.com',
  'acme-support.io',
  'kommune.dk',
  'stud.ku.dk',
  'søren.dk',
  'blåbær.dk',
  'ærø.dk',
  'møbelhuset.dk',
  'bücher.de',
  'co-op.dk',
  'jubii.dk',
  'icloud.com',
  'protonmail.ch',
];

export function emailAddress(rng: Rng): string {
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  const local = pick(rng, [
    first,
    `${first}.${last}`,
    `${first}_${last}`,
    `${first}-${last}`,
    `${first}${digits(rng, 2)}`,
    `${first[0]}${last}`,
    `${first}.${last}+${pick(rng, ['ordre', 'news', 'support', 'x'])}`,
    `${first}.${last}${digits(rng, 4)}`,
  ]);
  const address = `${local}@${pick(rng, DOMAINS)}`;
  return rng() < 0.1
    ? address.toUpperCase()
    : rng() < 0.1
      ? address[0]!.toUpperCase() + address.slice(1)
      : address;
}

// ---------------------------------------------------------------- phones

function dkSubscriber(rng: Rng): string {
  return String(2 + Math.floor(rng() * 8)) + digits(rng, 7);
}

export function phoneNumber(rng: Rng): { format: string; value: string } {
  const dk = dkSubscriber(rng);
  const pairs = groupsOf(dk, [2, 2, 2, 2], ' ');
  const uk = '7' + digits(rng, 9);
  const area = String(2 + Math.floor(rng() * 8)) + digits(rng, 2);
  const us = area + String(2 + Math.floor(rng() * 8)) + digits(rng, 6);
  const options: [string, string][] = [
    ['dk/pairs', pairs],
    ['dk/pairs', pairs],
    ['dk/4-4', groupsOf(dk, [4, 4], ' ')],
    ['dk/compact', dk],
    ['dk/compact', dk],
    ['dk/+45-pairs', `+45 ${pairs}`],
    ['dk/+45-4-4', `+45 ${groupsOf(dk, [4, 4], ' ')}`],
    ['dk/+45-compact', `+45${dk}`],
    ['dk/0045', `0045 ${dk}`],
    ['dk/(+45)', `(+45) ${pairs}`],
    ['dk/+45-dashes', `+45-${groupsOf(dk, [2, 2, 2, 2], '-')}`],
    ['dk/nbsp-pairs', groupsOf(dk, [2, 2, 2, 2], NBSP)],
    ['dk/fullwidth-pairs', toFullWidth(pairs)],
    ['dk/fullwidth-compact', toFullWidth(dk)],
    ['dk/fullwidth-+45', `＋４５ ${toFullWidth(pairs)}`],
    ['uk/+44', `+44 ${groupsOf(uk, [4, 6], ' ')}`],
    ['uk/national', `0${groupsOf(uk, [4, 6], ' ')}`],
    ['uk/london', `020 ${digits(rng, 4)} ${digits(rng, 4)}`],
    ['us/paren', `(${area}) ${us.slice(3, 6)}-${us.slice(6)}`],
    ['us/dashes', `${area}-${us.slice(3, 6)}-${us.slice(6)}`],
    ['us/dots', `${area}.${us.slice(3, 6)}.${us.slice(6)}`],
    ['us/+1', `+1 ${area} ${us.slice(3, 6)} ${us.slice(6)}`],
    ['us/+1-paren', `+1 (${area}) ${us.slice(3, 6)}-${us.slice(6)}`],
  ];
  const [format, value] = pick(rng, options);
  return { format, value };
}

// ---------------------------------------------------------------- Danish bank accounts

export function bankAccount(rng: Rng): { format: string; value: string; lead: string } {
  const reg = String(1 + Math.floor(rng() * 9)) + digits(rng, 3);
  const account = digits(rng, 6 + Math.floor(rng() * 5));
  const padded = account.padStart(10, '0');
  const options: [string, string, string][] = [
    ['reg-konto', 'reg. ', `${reg} konto ${padded}`],
    ['regnr-kontonr', 'reg.nr. ', `${reg} kontonr. ${account}`],
    ['regnr-kontonr', 'Reg.nr.: ', `${reg}, kontonr.: ${padded}`],
    ['registreringsnummer', 'registreringsnummer ', `${reg} og kontonummer ${account}`],
    ['dash-10', '', `${reg}-${padded}`],
    ['space-10', '', `${reg} ${padded}`],
    ['cue-dash', 'konto ', `${reg}-${account}`],
    ['cue-space', 'bankkonto: ', `${reg} ${account}`],
    ['en/reg-account', 'reg. no. ', `${reg} account no. ${padded}`],
    ['en/bank-account', 'bank account ', `${reg}-${padded}`],
    ['fullwidth-dash-10', '', toFullWidth(`${reg}-${padded}`)],
  ];
  const [format, lead, value] = pick(rng, options);
  return { format, value, lead };
}

// ---------------------------------------------------------------- sentences

type Slot = (lang: Lang) => readonly string[];

/** Sentences with {x} where the value goes; chosen to read as customers and agents write. */
const SENTENCES: Record<Exclude<TestsetType, 'ssn'>, Slot> = {
  card: (l) =>
    l === 'da'
      ? [
          'Mit kortnummer er {x} og udløb 08/27',
          'Kan I trække beløbet på {x}?',
          'Jeg har betalt med kortet {x}, men pengene er ikke kommet retur',
          'Kort: {x}',
          'Hej, brug venligst {x} til abonnementet',
        ]
      : [
          'My card number is {x}, expiry 08/27',
          'Please charge {x} for the renewal',
          'I paid with {x} but was charged twice',
          'Card: {x}',
          'The card ending in 1234 is old, use {x} instead',
        ],
  cpr: (l) =>
    l === 'da'
      ? [
          'Mit CPR-nummer er {x}',
          'cpr nr {x}',
          'Personnummer: {x}',
          'Her er mit cpr {x} som I bad om',
          'Min søns CPR er {x}, kan I opdatere det?',
        ]
      : [
          'My Danish CPR number is {x}',
          'CPR: {x}',
          'You asked for my personal ID number, it is {x}',
          'cpr {x} (my wife)',
        ],
  iban: (l) =>
    l === 'da'
      ? [
          'Pengene kan sættes ind på {x}',
          'IBAN: {x}',
          'Min IBAN er {x}, tak',
          'Overfør venligst til {x} inden fredag',
        ]
      : ['Please refund to {x}', 'IBAN {x}', 'My IBAN is {x}.', 'Transfer it to {x} when you can'],
  email: (l) =>
    l === 'da'
      ? [
          'Du kan skrive til mig på {x}',
          'Min mail er {x}',
          'Send kvitteringen til {x} tak',
          'Ny e-mail: {x}',
          'Kontakt min kone på {x} hvis jeg ikke svarer',
        ]
      : [
          'You can reach me at {x}',
          'My e-mail is {x}',
          'Please send the invoice to {x}',
          'Email: {x}',
          'CC my colleague {x} on this',
        ],
  phone: (l) =>
    l === 'da'
      ? [
          'Ring til mig på {x}',
          'Mit nummer er {x}',
          'Kontakt mig på {x} efter kl. 16',
          'tlf. {x}',
          'Mobil: {x}',
          'I kan sende en sms til {x}',
          'Min telefon {x} virker ikke',
        ]
      : [
          'Call me on {x}',
          'My number is {x}',
          'You can reach me on {x} after 4pm',
          'Tel: {x}',
          'Mobile {x}',
          'Text me at {x} when it ships',
          'Phone number: {x}',
        ],
  bank_account: (l) =>
    l === 'da'
      ? ['Pengene skal sættes ind på {x}', 'Min konto er {x}', 'Udbetal til {x} tak', '{x}']
      : ['Please pay it into {x}', 'My Danish account is {x}', 'Refund to {x}'],
};

/** Where the value sits and what follows it: mid-sentence, before punctuation, at a line end. */
const PLACEMENTS: readonly [string, (sentence: string, value: string) => string][] = [
  ['sentence', (s, v) => `${s.replace('{x}', v)}.`],
  ['no-period', (s, v) => s.replace('{x}', v)],
  ['comma', (s, v) => `${s.replace('{x}', `${v},`)} tak.`],
  ['parens', (s, v) => `${s.replace('{x}', `(${v})`)}.`],
  ['quotes', (s, v) => s.replace('{x}', `"${v}"`)],
  ['question', (s, v) => `${s.replace('{x}', v)}?`],
  ['line-end', (s, v) => `${s.replace('{x}', v)}\nMvh\nKunde`],
  ['crlf-line-end', (s, v) => `Hej\r\n${s.replace('{x}', v)}\r\n`],
  ['exclaim', (s, v) => `${s.replace('{x}', v)}!`],
  ['semicolon', (s, v) => `${s.replace('{x}', v)}; tak`],
];

function place(rng: Rng, lang: Lang, type: Exclude<TestsetType, 'ssn'>, value: string) {
  const [where, put] = pick(rng, PLACEMENTS);
  return { where, text: put(pick(rng, SENTENCES[type](lang)), value) };
}

// ---------------------------------------------------------------- negatives

const MONTHS_DA = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august'];
const pad2 = (x: number) => String(x).padStart(2, '0');

function negative(rng: Rng): { format: string; lang: Lang; text: string } {
  const d = 1 + Math.floor(rng() * 28);
  const m = 1 + Math.floor(rng() * 12);
  const y = 2020 + Math.floor(rng() * 8);
  const hh = pad2(7 + Math.floor(rng() * 12));
  const mm = pick(rng, ['00', '15', '30', '45']);
  const price = 10 + Math.floor(rng() * 99_990);
  const kr = price.toLocaleString('da-DK');
  const usd = price.toLocaleString('en-US');
  const order = digits(rng, 5 + Math.floor(rng() * 6));
  const options: [string, Lang, string][] = [
    ['order-number', 'da', `Min ordre ${order} er ikke kommet`],
    ['order-number', 'da', `Ordrenummer: ${order}`],
    ['order-number', 'da', `ordrenr. ${order}, bestilt ${d}/${m}`],
    ['order-number', 'en', `Order #${order} still says processing`],
    ['order-number', 'en', `Order number ${order}`],
    ['order-number', 'en', `Re: your order ${order} (${d} items)`],
    ['order-number', 'en', `Order A-${digits(rng, 5)} was shipped`],
    ['invoice', 'da', `Faktura ${y}-${digits(rng, 6)} er betalt`],
    ['invoice', 'en', `Invoice no. ${digits(rng, 8)} is overdue`],
    ['case', 'en', `Ticket ${digits(rng, 8)} has been escalated`],
    ['case', 'da', `Sagsnummer ${digits(rng, 10)}`],
    ['customer-number', 'da', `Mit kundenummer er ${digits(rng, 8)}`],
    ['customer-number', 'en', `Customer no. ${digits(rng, 10)}`],
    ['tracking', 'da', `Pakkenummer ${digits(rng, 20)}`],
    ['tracking', 'en', `Tracking number 00${digits(rng, 18)}`],
    ['date', 'da', `Leveret den ${pad2(d)}.${pad2(m)}.${y}`],
    ['date', 'da', `den ${d}. ${pick(rng, MONTHS_DA)} ${y}`],
    ['date', 'en', `Delivered on ${y}-${pad2(m)}-${pad2(d)}`],
    ['date', 'en', `on ${pad2(m)}/${pad2(d)}/${y}`],
    ['date', 'da', `Fra ${pad2(d)}-${pad2(m)}-${y} til ${pad2(d)}-${pad2(m)}-${y + 1}`],
    ['date-time', 'en', `Booked for ${y}-${pad2(m)}-${pad2(d)} ${hh}:${mm}`],
    ['date-time', 'da', `${pad2(d)}.${pad2(m)}.${y} kl. ${hh}.${mm}`],
    ['time', 'da', `Vi har åbent kl. ${hh}.${mm}-${pad2(Number(hh) + 2)}.${mm}`],
    ['time', 'en', `between ${hh}:${mm} and ${pad2(Number(hh) + 1)}:${mm}`],
    ['time', 'da', `åbent ${hh}.${mm} - ${pad2(Number(hh) + 3)}.${mm} på hverdage`],
    ['price', 'da', `Det koster ${kr} kr.`],
    ['price', 'da', `Beløb: kr. ${kr},${pick(rng, ['00', '95', '50'])}`],
    ['price', 'da', `Huset kostede ${(price * 1000).toLocaleString('da-DK')} kr`],
    ['price', 'en', `The total is $${usd}.99`],
    ['price', 'en', `Refund of £${usd} issued`],
    ['price', 'en', `That is ${(price * 1000).toLocaleString('en-US')} DKK`],
    ['price', 'da', `${(price * 1000).toLocaleString('fr-FR')} kr i alt`],
    [
      'flight',
      'en',
      `Flight ${pick(rng, ['SK', 'DY', 'BA', 'LH', 'D8'])}${Math.floor(rng() * 2000)} was cancelled`,
    ],
    ['flight', 'da', `Fly ${pick(rng, ['SK', 'DY', 'KL'])} ${Math.floor(rng() * 2000)} afgår ${hh}:${mm}`],
    [
      'postcode',
      'da',
      `Adresse: Vestergade ${d}, ${1000 + Math.floor(rng() * 8999)} ${pick(rng, ['Aarhus C', 'København Ø', 'Odense'])}`,
    ],
    ['postcode', 'en', `10 Downing Street, London SW1A 2AA`],
    ['postcode', 'en', `New York, NY ${digits(rng, 5)}`],
    ['quantity', 'da', `Vi har ${price} på lager og ${d} i butikken`],
    ['quantity', 'en', `${d} of ${price} units, ${m}% off`],
    ['range', 'da', `Levering tager 3-5 hverdage`],
    ['range', 'en', `Pages ${d}-${d + 40}, years ${y - 30}-${y}`],
    ['version', 'en', `Firmware ${m}.${d}.${Math.floor(rng() * 200)} fixes it`],
    ['ip', 'en', `The router is at 192.168.${m}.${d * 3}`],
    ['ean', 'da', `Varenr. ${digits(rng, 13)}`],
    ['isbn', 'en', `ISBN 978-87-${digits(rng, 2)}-${digits(rng, 5)}-${digits(rng, 1)}`],
    ['cvr', 'da', `CVR ${digits(rng, 8)}`],
    ['cvr', 'da', `CVR-nr.: ${digits(rng, 8)}`],
    ['phone-like-id', 'en', `Reference: ${digits(rng, 4)} ${digits(rng, 4)}`],
    ['card-like-failing-luhn', 'en', `Serial ${badLuhn(rng)}`],
    ['last4', 'en', `The card ending in ${digits(rng, 4)} was declined`],
    ['last4', 'da', `Kortet der slutter på ${digits(rng, 4)} er udløbet`],
    ['measurement', 'da', `Pakken vejer ${d},${m} kg og måler ${price} mm`],
    ['account-balance', 'en', `Your balance is ${usd}.00 and limit ${(price * 10).toLocaleString('en-US')}`],
  ];
  const [format, lang, text] = pick(rng, options);
  return { format, lang, text };
}

function badLuhn(rng: Rng): string {
  const { number } = cardNumber(rng);
  const last = (Number(number.slice(-1)) + 1 + Math.floor(rng() * 8)) % 10;
  return every4(number.slice(0, -1) + String(last), ' ');
}

// ---------------------------------------------------------------- the set

export interface GenerateOptions {
  seed: number;
  perType: Partial<Record<Exclude<TestsetType, 'ssn'>, number>>;
  negatives: number;
}

export const DEFAULT_GENERATION: GenerateOptions = {
  seed: 20260301,
  perType: { card: 100, cpr: 80, iban: 80, email: 100, phone: 120, bank_account: 60 },
  negatives: 300,
};

export function generateCases(options: GenerateOptions = DEFAULT_GENERATION): PiiCase[] {
  const rng = seededRandom(options.seed);
  const cases: PiiCase[] = [];
  const add = (type: TestsetType, lang: Lang, format: string, text: string, value: string) =>
    cases.push({
      id: `gen-${type}-${cases.length}`,
      lang,
      source: 'generated',
      format: `${type}/${format}`,
      text,
      pii: [{ type, value }],
    });
  for (const [type, count] of Object.entries(options.perType) as [Exclude<TestsetType, 'ssn'>, number][]) {
    for (let k = 0; k < count; k++) {
      const lang: Lang = rng() < 0.5 ? 'da' : 'en';
      switch (type) {
        case 'card': {
          const { brand, number } = cardNumber(rng);
          const f = formatCard(rng, number, brand);
          const { where, text } = place(rng, lang, type, f.glue + f.value);
          add(type, lang, `${f.format}/${where}`, text, f.value);
          break;
        }
        case 'cpr': {
          const f = formatCpr(rng, cprNumber(rng));
          const { where, text } = place(rng, lang, type, f.value);
          add(type, lang, `${f.format}/${where}`, text, f.value);
          break;
        }
        case 'iban': {
          const f = formatIban(rng, ibanNumber(rng));
          const { where, text } = place(rng, lang, type, f.glue + f.value);
          add(type, lang, `${f.format}/${where}`, text, f.value);
          break;
        }
        case 'email': {
          const value = emailAddress(rng);
          const wrap = pick(rng, ['plain', 'plain', 'angle', 'mailto'] as const);
          const shown = wrap === 'angle' ? `<${value}>` : wrap === 'mailto' ? `mailto:${value}` : value;
          const { where, text } = place(rng, lang, type, shown);
          add(type, lang, `${wrap}/${where}`, text, value);
          break;
        }
        case 'phone': {
          const f = phoneNumber(rng);
          const { where, text } = place(rng, lang, type, f.value);
          add(type, lang, `${f.format}/${where}`, text, f.value);
          break;
        }
        case 'bank_account': {
          const f = bankAccount(rng);
          const { where, text } = place(rng, lang, type, f.lead + f.value);
          add(type, lang, `${f.format}/${where}`, text, f.value);
          break;
        }
      }
    }
  }
  for (let k = 0; k < options.negatives; k++) {
    const n = negative(rng);
    cases.push({
      id: `gen-negative-${k}`,
      lang: n.lang,
      source: 'generated',
      format: `negative/${n.format}`,
      text: n.text,
      pii: [],
    });
  }
  return cases;
}
