import { describe, expect, it } from 'vitest';
import { FeatureBuffer } from './features.js';
import { tokenize, TokenBuffer, MENTION, LINK, NUMBER, WORD } from './tokens.js';

function indexSet(text: string): Set<number> {
  const fb = new FeatureBuffer().extract(text);
  return new Set(fb.index.subarray(0, fb.count));
}

function normalised(text: string): string[] {
  const tk = tokenize(text, new TokenBuffer());
  const out: string[] = [];
  for (let t = 0; t < tk.count; t++) {
    out.push(String.fromCharCode(...tk.norm.subarray(tk.normStart[t], tk.normEnd[t])));
  }
  return out;
}

describe('tokenize', () => {
  it('lowercases, keeps repeated letters twice, and maps handles, links and numbers to placeholders', () => {
    expect(normalised('Soooo STUPID @bob123 see https://x.io/a?b=1 or URL, costs 1,299.50!!!')).toEqual([
      'soo',
      'stupid',
      '@user',
      'see',
      '<url>',
      'or',
      '<url>',
      'costs',
      '<num>',
      '!!',
    ]);
  });

  it('keeps censoring stars and apostrophes inside words', () => {
    expect(normalised('f**k that, don’t')).toEqual(['f**k', 'that', "don't"]);
  });

  it('records each token’s kind and its offsets in the original text', () => {
    const text = 'Hi @anna, 42 ways: www.example.com';
    const tk = tokenize(text, new TokenBuffer());
    const kinds = Array.from(tk.kind.subarray(0, tk.count));
    expect(kinds).toEqual([WORD, MENTION, NUMBER, WORD, LINK]);
    const pieces = kinds.map((_, t) => text.slice(tk.start[t], tk.end[t]));
    expect(pieces).toEqual(['Hi', '@anna', '42', 'ways', 'www.example.com']);
  });

  it('counts words written in capitals, ignoring tokens with digits', () => {
    const tk = tokenize('WHY IS THIS BROKEN A1B2 again', new TokenBuffer());
    expect(tk.capsWords).toBe(4);
    expect(tk.plainWords).toBe(5);
  });
});

describe('features', () => {
  it('lets a Danish compound share the char n-grams of the word inside it', () => {
    const lort = indexSet('lort');
    const compound = indexSet('lortefirma');
    const unrelated = indexSet('kundeservice');
    const shared = [...lort].filter((i) => compound.has(i)).length;
    // " lo", " lor", " lort", "lor", "lort", "ort": the prefix n-grams of "lort".
    expect(shared).toBeGreaterThanOrEqual(6);
    expect([...lort].filter((i) => unrelated.has(i)).length).toBeLessThan(2);
  });

  it('maps spelling with stretched letters onto the same features', () => {
    expect(indexSet('you are stuuuuupid')).toEqual(indexSet('you are stuupid'));
  });

  it('is deterministic and scales each feature group to unit length', () => {
    const a = new FeatureBuffer().extract('Read the manual, like I said.');
    const b = new FeatureBuffer().extract('Read the manual, like I said.');
    expect(Array.from(a.index.subarray(0, a.count))).toEqual(Array.from(b.index.subarray(0, b.count)));
    let words = 0;
    let chars = 0;
    for (let k = 0; k < a.count; k++) {
      const v = a.value[k] as number;
      if (a.group[k] === 0) words += v * v;
      else chars += v * v;
    }
    expect(words).toBeCloseTo(1, 5);
    expect(chars).toBeCloseTo(1, 5);
  });

  it('ties word pairs to both of their words and char n-grams to their word', () => {
    const fb = new FeatureBuffer().extract('you idiot');
    const pairs: [number, number][] = [];
    for (let k = 0; k < fb.count; k++)
      if ((fb.tokenB[k] as number) >= 0) pairs.push([fb.tokenA[k]!, fb.tokenB[k]!]);
    expect(pairs).toEqual([[0, 1]]);
  });
});
