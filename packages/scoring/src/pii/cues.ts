/**
 * The words just before a bare number decide what it is: "ring på 12345678" is a phone number,
 * "ordrenummer 12345678" is not. Danish compounds ("telefonnummer", "kundenr") are matched by
 * their first part.
 */

export type Cue = 'phone' | 'bank' | 'reg' | 'other-id' | undefined;

/** Words that name the number as something that is not personal data (orders, cases, products...). */
const OTHER_ID_STEMS = [
  'ordre',
  'order',
  'faktura',
  'invoice',
  'sags',
  'ticket',
  'kunde',
  'customer',
  'booking',
  'track',
  'pakke',
  'parcel',
  'forsendel',
  'shipment',
  'serie',
  'serial',
  'vare',
  'item',
  'postnr',
  'medlem',
  'member',
  'police',
  'policy',
  'licens',
  'license',
  'transak',
  'transact',
  'referen',
  'reference',
  'produkt',
  'product',
  'model',
  'konto',
  'account',
];
const OTHER_ID_WORDS = new Set([
  'ref',
  'id',
  'sag',
  'case',
  'ean',
  'sku',
  'cvr',
  'pin',
  'kode',
  'code',
  'zip',
  'isbn',
]);

const PHONE_STEMS = [
  'telefon',
  'phone',
  'mobil',
  'ring',
  'call',
  'reach',
  'kontakt',
  'contact',
  'whatsapp',
  'sms',
  'text',
  'cell',
  'opkald',
  'fax',
];
const PHONE_WORDS = new Set(['tlf', 'tel', 'mob', 'ph']);
/** Say "number" but not which: "my number is" is a phone, "order number" is not. */
const WEAK_WORDS = new Set(['nummer', 'number', 'nr', 'no', 'num']);

const BANK_STEMS = ['bankkonto', 'kontonr', 'kontonum', 'konto', 'account', 'acct'];
const REG_WORDS = new Set(['reg', 'regnr', 'registreringsnummer', 'registreringsnr']);

const WINDOW = 40;
const MAX_WORDS = 4;
const LETTERS = /\p{L}+/gu;

// One number is classified against several cue lists; its words are read once.
let memoText = '';
let memoAt = -1;
let memoWords: string[] = [];

/** Up to `count` words before `at`, nearest first. */
function lastWords(text: string, at: number, count = MAX_WORDS): string[] {
  if (text !== memoText || at !== memoAt) {
    const window = text.slice(Math.max(0, at - WINDOW), at).toLowerCase();
    memoWords = (window.match(LETTERS) ?? []).reverse();
    memoText = text;
    memoAt = at;
  }
  return count >= memoWords.length ? memoWords : memoWords.slice(0, count);
}

const startsWithAny = (word: string, stems: readonly string[]) => stems.some((s) => word.startsWith(s));

const isNamingWord = (w: string): boolean =>
  PHONE_WORDS.has(w) ||
  OTHER_ID_WORDS.has(w) ||
  startsWithAny(w, PHONE_STEMS) ||
  startsWithAny(w, OTHER_ID_STEMS);

/** What the nearest cue word before `at` says a phone-shaped or bare number is. */
export function numberCue(text: string, at: number): Cue {
  let weak = false;
  for (const w of lastWords(text, at)) {
    if (PHONE_WORDS.has(w) || startsWithAny(w, PHONE_STEMS)) return 'phone';
    if (OTHER_ID_WORDS.has(w) || startsWithAny(w, OTHER_ID_STEMS)) return 'other-id';
    if (WEAK_WORDS.has(w)) weak = true;
  }
  return weak ? 'phone' : undefined;
}

// "my personal ID number, it is ...": the name comes a few words before the number.
const CPR_WORDS = 7;
const CPR_STEMS = ['cpr', 'personnum', 'personnr', 'personal', 'fødselsnum', 'civilreg'];

/** Whether the number is named as a CPR number ("CPR-nr.", "personnummer", "personal ID number"). */
export function cprCue(text: string, at: number): boolean {
  return lastWords(text, at, CPR_WORDS).some((w) => startsWithAny(w, CPR_STEMS));
}

/** Whether a bank word ("konto", "account", "reg.nr.") comes shortly before `at`. */
export function bankCue(text: string, at: number): Cue {
  for (const w of lastWords(text, at)) {
    if (REG_WORDS.has(w)) return 'reg';
    if (startsWithAny(w, BANK_STEMS)) return 'bank';
    // The nearest naming word decides: "reg. 1234 og ordre 654321" is an order number.
    if (isNamingWord(w)) return undefined;
  }
  return undefined;
}

/** Whether the word right before `at` is a registration-number label ("reg.", "reg.nr.", "regnr"). */
export function followsRegLabel(text: string, at: number): boolean {
  const words = lastWords(text, at);
  const [w0, w1] = words;
  if (w0 === undefined) return false;
  if (REG_WORDS.has(w0)) return true;
  return (w0 === 'nr' || w0 === 'no') && w1 === 'reg';
}

/** Whether text between a reg. nr. and an account number is only an account label and punctuation. */
export function isAccountLabelGap(gap: string): boolean {
  if (gap.length > 32 || /\p{N}/u.test(gap)) return false;
  const words = gap.toLowerCase().match(LETTERS) ?? [];
  return words.every(
    (w) => w === 'og' || w === 'and' || w === 'nr' || w === 'no' || startsWithAny(w, BANK_STEMS),
  );
}
