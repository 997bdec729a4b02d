/**
 * Sparse hashed features shared by every classifier of a language: extracted once per message,
 * then each model reads its weights at the same indices.
 *
 * - word unigrams, bigrams (sentence-initial words pair with a start marker, which captures
 *   imperatives such as "Read the manual") and skip-bigrams over one word, so "you are an idiot"
 *   and "you are an absolute idiot" share the pair ("an", "idiot") or ("are", "an") evidence;
 * - char n-grams (3-5) of each word padded with boundaries, so a compound ("lortefirma") or a
 *   spelling variant ("stoopid") shares most of its features with the known word;
 * - one cue: most words written in capitals (shouting), ignoring tokens with digits.
 *
 * Each group (words, chars) is scaled to unit length by its own count, so a long message does not
 * score higher merely for being long, and char n-grams (many per word) do not drown word features.
 * Indices are hashed into 2^DIM_BITS slots with a hash-derived sign, which keeps collisions
 * unbiased.
 */
import { combine, finalize, fnvStep, FNV_OFFSET, hashRange, hashString } from './hash.js';
import { MARK, TokenBuffer, WORD, tokenize } from './tokens.js';

/** Bump when anything here changes what a message's features are: models record it. */
export const FEATURE_VERSION = 'rapport-text-features/1';
export const DIM_BITS = 18;
export const DIM = 1 << DIM_BITS;
const MASK = DIM - 1;
export const CHAR_MIN = 3;
export const CHAR_MAX = 5;

const SEED_WORD = 1;
const SEED_BIGRAM = 2;
const SEED_SKIP = 3;
const SEED_CHAR = 4;
const BOUNDARY = 0x20;
const BOS = hashString('<s>', SEED_WORD);
const CUE_CAPS = hashString('<shouting>', 9);

const GROUP_WORD = 0;
const GROUP_CHAR = 1;

export class FeatureBuffer {
  count = 0;
  index = new Int32Array(1024);
  value = new Float32Array(1024);
  /** Tokens the feature belongs to (-1: none), for evidence; a pair splits its weight over two. */
  tokenA = new Int32Array(1024);
  tokenB = new Int32Array(1024);
  group = new Uint8Array(1024);
  readonly tokens = new TokenBuffer();
  private wordHash = new Uint32Array(128);

  private grow(): void {
    const n = this.index.length * 2;
    const index = new Int32Array(n);
    index.set(this.index);
    this.index = index;
    const value = new Float32Array(n);
    value.set(this.value);
    this.value = value;
    const a = new Int32Array(n);
    a.set(this.tokenA);
    this.tokenA = a;
    const b = new Int32Array(n);
    b.set(this.tokenB);
    this.tokenB = b;
    const g = new Uint8Array(n);
    g.set(this.group);
    this.group = g;
  }

  private push(hash: number, group: number, a: number, b: number): void {
    if (this.count === this.index.length) this.grow();
    const k = this.count++;
    this.index[k] = hash & MASK;
    this.value[k] = hash >>> 31 === 1 ? -1 : 1;
    this.group[k] = group;
    this.tokenA[k] = a;
    this.tokenB[k] = b;
  }

  /** Extracts the features of `text` into this buffer (overwriting the previous message's). */
  extract(text: string): this {
    const tk = tokenize(text, this.tokens);
    this.count = 0;
    if (this.wordHash.length < tk.count) this.wordHash = new Uint32Array(tk.count * 2);
    const norm = tk.norm;
    let words = 0;
    let chars = 0;
    for (let t = 0; t < tk.count; t++) {
      const ns = tk.normStart[t] as number;
      const ne = tk.normEnd[t] as number;
      const uni = hashRange(norm, ns, ne, SEED_WORD);
      this.wordHash[t] = uni;
      this.push(uni, GROUP_WORD, t, -1);
      const opens = tk.sentenceStart[t] === 1;
      if (opens) this.push(combine(BOS, uni, SEED_BIGRAM), GROUP_WORD, t, -1);
      else this.push(combine(this.wordHash[t - 1] as number, uni, SEED_BIGRAM), GROUP_WORD, t - 1, t);
      words += 2;
      if (t >= 2 && !opens && tk.sentenceStart[t - 1] === 0 && tk.kind[t] !== MARK) {
        this.push(combine(this.wordHash[t - 2] as number, uni, SEED_SKIP), GROUP_WORD, t - 2, t);
        words++;
      }
      if (tk.kind[t] !== WORD) continue;
      // Padded word: boundary, chars ns..ne-1, boundary; positions 0..len+1.
      const len = ne - ns;
      const last = len + 1;
      for (let p = 0; p + CHAR_MIN - 1 <= last; p++) {
        let h = fnvStep(FNV_OFFSET, SEED_CHAR);
        const stop = Math.min(last, p + CHAR_MAX - 1);
        for (let q = p; q <= stop; q++) {
          const code = q === 0 || q === last ? BOUNDARY : (norm[ns + q - 1] as number);
          h = fnvStep(h, code);
          if (q - p + 1 >= CHAR_MIN) {
            this.push(finalize(h), GROUP_CHAR, t, -1);
            chars++;
          }
        }
      }
    }
    if (tk.plainWords >= 2 && tk.capsWords * 2 >= tk.plainWords) {
      this.push(CUE_CAPS, GROUP_WORD, -1, -1);
      words++;
    }
    const ws = words > 0 ? 1 / Math.sqrt(words) : 0;
    const cs = chars > 0 ? 1 / Math.sqrt(chars) : 0;
    for (let k = 0; k < this.count; k++) {
      this.value[k] = (this.value[k] as number) * (this.group[k] === GROUP_WORD ? ws : cs);
    }
    return this;
  }
}
