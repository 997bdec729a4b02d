import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from './phrases.js';
import { sentencesOf } from './sentences.js';
import { tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('keeps apostrophes, decimals and currency symbols; numbers sentences; skips abbreviations', () => {
    const text = "It’s 49.99 $ now. Ring kl. 8! Don't.";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(["it's", '49.99', '$', 'now', 'ring', 'kl', '8', "don't"]);
    expect(tokens.map((t) => t.sentence)).toEqual([0, 0, 0, 0, 1, 1, 1, 2]);
    expect(sentencesOf(text, tokens).map((s) => text.slice(s.start, s.end))).toEqual([
      'It’s 49.99 $ now.',
      'Ring kl. 8!',
      "Don't.",
    ]);
  });

  it('handles emoji, right-to-left text and huge words in linear time', () => {
    expect(tokenize('👍🙂 שלום עולם مرحبا').map((t) => t.norm)).toEqual(['שלום', 'עולם', 'مرحبا']);
    const t0 = performance.now();
    expect(tokenize('a'.repeat(200_000) + '!').length).toBe(1);
    expect(tokenize(' '.repeat(200_000)).length).toBe(0);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('PhraseMatcher', () => {
  const m = new PhraseMatcher<string>()
    .add('as i (already) said|told', 'condescension')
    .add("i'm|i_am not sure", 'hedge')
    .add('not sure', 'hedge')
    .add('^whatever$', 'dismissive')
    .add('!guaranteed', 'promise')
    .add('you should_have ~received', 'condescension');

  const run = (text: string) => m.match(tokenize(text)).map((x) => [x.payload, text.slice(x.start, x.end)]);

  it('matches optional words, alternatives and multi-word alternatives', () => {
    expect(run('As I already said, no. As I told you.')).toEqual([
      ['condescension', 'As I already said'],
      ['condescension', 'As I told'],
    ]);
    expect(run('I am not sure')).toEqual([['hedge', 'I am not sure']]);
  });

  it('honours whole-clause, negation and not-followed-by rules', () => {
    expect(run('Whatever. Fine')).toEqual([['dismissive', 'Whatever']]);
    expect(run('whatever you need')).toEqual([]);
    expect(run('It is guaranteed')).toEqual([['promise', 'guaranteed']]);
    expect(run('It is not guaranteed')).toEqual([]);
    expect(run('You should have received a mail')).toEqual([]);
    expect(run('You should have read it')).toEqual([['condescension', 'You should have']]);
  });

  it('does not match across sentence breaks', () => {
    expect(run('As I. Said')).toEqual([]);
  });
});
