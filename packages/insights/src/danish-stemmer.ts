/**
 * A Danish stemmer after the Snowball algorithm for Danish (natural has none): it folds
 * inflections ("pakke", "pakken", "pakkerne" -> "pak"; "forbindelsen" -> "forbind") so topics
 * merge them. Stems are merge keys, never shown.
 */
const VOWELS = new Set('aeiouyæåø');
/** Letters after which a final "s" is an inflection. */
const S_ENDING = new Set('abcdfghjklmnoprtvyzå');
const STEP1_SUFFIXES = [
  'hed',
  'ethed',
  'ered',
  'e',
  'erede',
  'ende',
  'erende',
  'ene',
  'erne',
  'ere',
  'en',
  'heden',
  'eren',
  'er',
  'heder',
  'erer',
  'heds',
  'es',
  'endes',
  'erendes',
  'enes',
  'ernes',
  'eres',
  'ens',
  'hedens',
  'erens',
  'ers',
  'ets',
  'erets',
  'et',
  'eret',
].sort((a, b) => b.length - a.length);
const STEP3_SUFFIXES = ['elig', 'løst', 'lig', 'els', 'ig'];
const CONSONANT_PAIRS = ['gd', 'dt', 'gt', 'kt'];

/** Start of R1: after the first non-vowel that follows a vowel, and at least 3 letters in. */
function r1Of(w: string): number {
  let i = 0;
  while (i < w.length && !VOWELS.has(w[i] as string)) i++;
  while (i < w.length && VOWELS.has(w[i] as string)) i++;
  return i < w.length ? Math.max(3, i + 1) : w.length;
}

function undoConsonantPair(w: string, r1: number): string {
  return w.length - 2 >= r1 && CONSONANT_PAIRS.some((p) => w.endsWith(p)) ? w.slice(0, -1) : w;
}

export function stemDanish(word: string): string {
  let w = word.toLowerCase();
  const r1 = r1Of(w);
  if (r1 >= w.length) return w;
  const main = STEP1_SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= r1);
  if (main !== undefined) w = w.slice(0, -main.length);
  else if (w.endsWith('s') && w.length - 1 >= r1 && S_ENDING.has(w[w.length - 2] ?? '')) w = w.slice(0, -1);
  w = undoConsonantPair(w, r1);
  if (w.endsWith('igst')) w = w.slice(0, -2);
  const other = STEP3_SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= r1);
  if (other === 'løst') w = w.slice(0, -1);
  else if (other !== undefined) w = undoConsonantPair(w.slice(0, -other.length), r1);
  const last = w[w.length - 1];
  if (last !== undefined && w.length - 1 >= r1 && !VOWELS.has(last) && w[w.length - 2] === last)
    w = w.slice(0, -1);
  return w;
}
