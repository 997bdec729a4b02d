import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scorePoliteness, type PolitenessStrategy } from './index.js';

const names = (s: PolitenessStrategy[]): string[] => s.map((x) => x.name);
const find = (s: PolitenessStrategy[], name: string): PolitenessStrategy | undefined =>
  s.find((x) => x.name === name);

describe('scorePoliteness (en)', () => {
  it('rates a polite request above a bare command and explains why', () => {
    const text = 'Could you please help me with this? Thanks!';
    const polite = scorePoliteness(text, 'en');
    const rude = scorePoliteness('Fix this now.', 'en');
    expect(polite.probability).toBeGreaterThan(0.9);
    expect(rude.probability).toBeLessThan(0.5);
    expect(polite.probability).toBeGreaterThan(rude.probability);
    expect(find(polite.strategies, 'counterfactual_modal')).toEqual({
      name: 'counterfactual_modal',
      start: 0,
      end: 9,
      text: 'Could you',
    });
    expect(find(polite.strategies, 'please')).toEqual({ name: 'please', start: 10, end: 16, text: 'please' });
    expect(find(polite.strategies, 'gratitude')).toEqual({
      name: 'gratitude',
      start: 36,
      end: 42,
      text: 'Thanks',
    });
    expect(names(rude.strategies)).toEqual(['imperative_start']);
  });

  it('detects the paper strategies at the right positions', () => {
    const cases: [string, string, string][] = [
      ['Sorry to bother you, is it done?', 'apology', 'Sorry'],
      ['Hi, can you check the page?', 'greeting', 'Hi'],
      ['Hi, can you check the page?', 'indicative_modal', 'can you'],
      ['Please fix the link.', 'please_start', 'Please'],
      ['Why did you delete it?', 'direct_question', 'Why'],
      ['So what happened here?', 'direct_start', 'So'],
      ['Great work on the article. Any news?', 'deference', 'Great'],
      ['I was wondering about the source.', 'hedge', 'wondering'],
      ['It is sort of broken.', 'hedge', 'sort of'],
      ['In fact the source says otherwise.', 'factuality', 'In fact'],
      ['By the way, who wrote it?', 'indirect_btw', 'By the way'],
      ['We should merge them.', 'first_person_plural', 'We'],
      ['I added the map.', 'first_person_start', 'I'],
      ['You removed the map.', 'second_person_start', 'You'],
      ['This edit is stupid.', 'negative_lexicon', 'stupid'],
      ['Thank you for the edit.', 'gratitude', 'Thank you'],
      ['It would be nice to have a map.', 'subjunctive', 'would'],
    ];
    for (const [text, name, span] of cases) {
      const s = find(scorePoliteness(text, 'en').strategies, name);
      expect(s, `${name} in ${JSON.stringify(text)}`).toBeDefined();
      expect(s!.text).toBe(span);
      expect(text.slice(s!.start, s!.end)).toBe(span);
    }
  });

  it('orders requests the way the annotators of the corpus did', () => {
    const p = (t: string) => scorePoliteness(t, 'en').probability;
    expect(p('Thanks for your help! Would you mind taking a look at the draft?')).toBeGreaterThan(
      p('Why did you revert my edit? Then explain it.'),
    );
    expect(p('Sorry for the trouble, could you check it again?')).toBeGreaterThan(p('Check it again.'));
  });

  it('is deterministic and keeps spans on UTF-16 offsets after astral characters', () => {
    const text = '🙂🙂 thanks a lot';
    const a = scorePoliteness(text, 'en');
    expect(scorePoliteness(text, 'en')).toEqual(a);
    expect(find(a.strategies, 'gratitude')).toEqual({ name: 'gratitude', start: 5, end: 11, text: 'thanks' });
  });

  it('reads typographic apostrophes and upper case', () => {
    const s = scorePoliteness('I’M SORRY, COULD YOU HELP?', 'en').strategies;
    expect(names(s)).toEqual(
      expect.arrayContaining(['first_person_start', 'apology', 'counterfactual_modal']),
    );
    expect(find(s, 'first_person_start')!.text).toBe('I’M');
  });

  it('returns a low-information answer for empty text', () => {
    const r = scorePoliteness('', 'en');
    expect(r.strategies).toEqual([]);
    expect(r.probability).toBeGreaterThan(0);
    expect(r.probability).toBeLessThan(1);
  });
});

describe('scorePoliteness (da, heuristic)', () => {
  it('detects gratitude with its intensifier', () => {
    const r = scorePoliteness('Mange tak for hjælpen', 'da');
    expect(r.strategies).toEqual([{ name: 'gratitude', start: 0, end: 9, text: 'Mange tak' }]);
    expect(r.probability).toBeGreaterThan(0.7);
  });

  it('separates a polite request from a blunt directive', () => {
    const polite = scorePoliteness('Hej! Kunne du måske sende mig fakturaen? På forhånd tak.', 'da');
    const blunt = scorePoliteness('Du skal sende den nu. Det er latterligt.', 'da');
    expect(names(polite.strategies)).toEqual(['greeting', 'counterfactual_modal', 'hedge', 'gratitude']);
    expect(find(polite.strategies, 'counterfactual_modal')!.text).toBe('Kunne du');
    expect(names(blunt.strategies)).toEqual(['obligation', 'negative_lexicon']);
    expect(polite.probability).toBeGreaterThan(0.9);
    expect(blunt.probability).toBeLessThan(0.2);
  });

  it('knows apologies, please forms, sign-offs and imperative starts', () => {
    const cases: [string, string, string][] = [
      ['Undskyld ventetiden.', 'apology', 'Undskyld'],
      ['Vi beklager fejlen.', 'apology', 'beklager'],
      ['Udfyld venligst formularen.', 'please', 'venligst'],
      ['Vær så venlig at svare.', 'please', 'Vær så venlig'],
      ['Venlig hilsen Mette', 'greeting', 'Venlig hilsen'],
      ['Send kvitteringen.', 'imperative_start', 'Send'],
      ['Vil du tjekke det?', 'indicative_modal', 'Vil du'],
      ['Hvorfor er den ikke sendt?', 'direct_question', 'Hvorfor'],
    ];
    for (const [text, name, span] of cases) {
      const s = find(scorePoliteness(text, 'da').strategies, name);
      expect(s, `${name} in ${JSON.stringify(text)}`).toBeDefined();
      expect(s!.text).toBe(span);
    }
  });

  it('does not read the preposition "i" as plural you', () => {
    expect(names(scorePoliteness('Vi vil i morgen sende den.', 'da').strategies)).not.toContain(
      'indicative_modal',
    );
    expect(names(scorePoliteness('Kan I sende den?', 'da').strategies)).toContain('indicative_modal');
  });

  it('puts a neutral statement at 0.5', () => {
    expect(scorePoliteness('Din ordre er afsendt.', 'da').probability).toBe(0.5);
  });
});

describe('robustness', () => {
  const hostile = [
    '',
    ' ',
    '😀'.repeat(2000),
    '\ud800\udc00\ud800x\udfff',
    'שלום, תודה רבה! مرحبا شكرا',
    'a'.repeat(50000) + '!',
    "'".repeat(10000),
    '.'.repeat(10000),
    'please '.repeat(5000),
    'Thank you. '.repeat((256 * 1024) / 11),
  ];
  it.each(hostile.map((t) => [t.slice(0, 20), t] as const))('handles %j quickly', (_label, text) => {
    for (const lang of ['en', 'da'] as const) {
      const t0 = performance.now();
      const r = scorePoliteness(text, lang);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(r.probability).toBeGreaterThanOrEqual(0);
      expect(r.probability).toBeLessThanOrEqual(1);
    }
  });

  it('any string: probability in [0,1], spans inside the text and matching it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc
            .array(
              fc.constantFrom(
                'could',
                'you',
                'please',
                'tak',
                'mange',
                'Du',
                'skal',
                '!',
                '?',
                ' ',
                '’',
                "'",
                'I',
                '\n',
              ),
              {
                maxLength: 40,
              },
            )
            .map((a) => a.join('')),
        ),
        fc.constantFrom('en' as const, 'da' as const),
        (text, lang) => {
          const r = scorePoliteness(text, lang);
          expect(r.probability).toBeGreaterThanOrEqual(0);
          expect(r.probability).toBeLessThanOrEqual(1);
          for (const s of r.strategies) {
            expect(s.start).toBeGreaterThanOrEqual(0);
            expect(s.end).toBeLessThanOrEqual(text.length);
            expect(s.start).toBeLessThan(s.end);
            expect(s.text).toBe(text.slice(s.start, s.end));
          }
        },
      ),
      { numRuns: 500, seed: 42 },
    );
  });
});
