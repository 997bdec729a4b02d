import { readFileSync } from 'node:fs';
import type { ScoredInteraction } from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, scoreInteraction } from '../index.js';
import { chatEvent } from '../test-support/events.js';
import { BASE } from './scale.js';

const now = (): Date => new Date('2026-03-02T00:00:00Z');

function reply(text: string, lang: 'en' | 'da' = 'en'): ScoredInteraction {
  const ask = lang === 'da' ? 'Hvor lang tid tager reparationen?' : 'How long does the repair take?';
  return scoreInteraction(
    chatEvent(
      [
        ['customer', ask],
        ['agent', text],
      ],
      lang,
    ),
    { policy: DEFAULT_POLICY, now },
  );
}

const politeness = (s: ScoredInteraction) => s.scores.politeness;
const signal = (s: ScoredInteraction, name: string) => politeness(s).signals.find((x) => x.name === name);
const impolite = (s: ScoredInteraction) => s.flags.find((f) => f.code === 'politeness.impolite');

describe('politeness dimension', () => {
  it('puts a courteous factual reply at the neutral level and does not flag it', () => {
    for (const text of ['The repair usually takes 5 days.', 'Your order has shipped.']) {
      const s = reply(text);
      expect(politeness(s).score).toBe(BASE);
      expect(impolite(s)).toBeUndefined();
      // A statement is not a request: the request model never saw it.
      expect(signal(s, 'politeness.requests')).toBeUndefined();
    }
    expect(politeness(reply('Reparationen tager normalt 5 dage.', 'da')).score).toBe(BASE);
  });

  it('raises the score for each kind of warmth and quotes the words', () => {
    const s = reply(
      'Hi Anna, thanks for reaching out, and sorry for the wait! The repair usually takes 5 days. ' +
        'Let me know if there is anything else I can do. Have a great day!',
    );
    expect(politeness(s).score).toBe(89);
    expect(signal(s, 'politeness.warmth.gratitude')?.evidence?.map((e) => e.text)).toEqual(['thanks']);
    expect(signal(s, 'politeness.warmth.offer')?.evidence?.map((e) => e.text)).toEqual([
      'Let me know',
      'anything else I can',
    ]);
    expect(signal(s, 'politeness.warmth.wellwish')?.evidence?.map((e) => e.text)).toEqual([
      'Have a great day',
    ]);
  });

  it('flags talking down with the words as evidence', () => {
    const s = reply('No offense, but you need to understand how repairs work. It takes 5 days.');
    const f = impolite(s);
    expect(f?.evidence.map((e) => e.text)).toEqual(['No offense', 'you need to understand']);
    expect(politeness(s).score).toBeLessThan(20);
  });

  it('reads "thanks for nothing" as sarcasm, not gratitude', () => {
    const s = reply('Thanks for nothing. The repair takes 5 days.');
    expect(signal(s, 'politeness.warmth.gratitude')).toBeUndefined();
    expect(signal(s, 'politeness.sarcasm')?.evidence?.map((e) => e.text)).toEqual(['Thanks for nothing']);
  });

  it('flags curt, uncushioned commands but not the same instructions with courtesy', () => {
    const curt = reply('Send the form. Use the app next time.');
    expect(impolite(curt)?.evidence.map((e) => e.text)).toEqual(['Send the form.', 'Use the app next time.']);
    const kind = reply('Thanks! Send the form. Use the app next time.');
    expect(impolite(kind)).toBeUndefined();
    expect(politeness(kind).score).toBeGreaterThan(politeness(curt).score ?? 100);
  });

  it('does not flag plain questions, which only nudge the score', () => {
    const s = reply('What is your order number? When did you buy it?');
    expect(impolite(s)).toBeUndefined();
    expect(politeness(s).score).toBeGreaterThanOrEqual(45);
    expect(politeness(s).score).toBeLessThan(BASE);
  });

  it('reads Danish warmth and talking down', () => {
    const warm = reply('Hej Mette, tak for din besked! Reparationen tager 5 dage. Hav en god dag!', 'da');
    expect(politeness(warm).score).toBe(BASE + 6 + 8 + 6);
    const down = reply(
      'Som jeg allerede har sagt, tager reparationen 5 dage. Du skal forstå at vi ikke kan gøre mere.',
      'da',
    );
    expect(politeness(down).score).toBeLessThan(30);
    expect(signal(down, 'politeness.talking_down')?.evidence?.map((e) => e.text)).toContain('Du skal forstå');
  });

  it('judges a polite request above a blunt one', () => {
    const polite = politeness(reply('Could you please send me a photo of the label?')).score ?? 0;
    const blunt = politeness(reply('Send me a photo of the label.')).score ?? 0;
    expect(polite).toBeGreaterThan(BASE);
    expect(blunt).toBeLessThan(BASE);
  });
});

describe('politeness dimension on repetitive text', () => {
  it('stays fast and bounded when wording, warmth and requests repeat thousands of times (250 KB)', () => {
    const unit = 'Obviously, thanks for nothing! Have a nice day? Send it now. Thanks, sorry. ';
    const turns = Array.from(
      { length: 60 },
      (_, k) => [k % 2 === 0 ? 'customer' : 'agent', unit.repeat(55)] as ['customer' | 'agent', string],
    );
    const t0 = performance.now();
    const s = scoreInteraction(chatEvent(turns), { policy: DEFAULT_POLICY, now });
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(politeness(s).score).toBe(0);
    for (const sig of politeness(s).signals) expect(sig.evidence?.length ?? 0).toBeLessThanOrEqual(5);
    expect(signal(s, 'politeness.requests')?.value).toBe(200);
  });
});

describe('the 0-100 scale in the model card', () => {
  // The card's examples are read from the card itself, so the document cannot drift from the engine.
  const card = readFileSync(new URL('../../models/README.md', import.meta.url), 'utf8');
  const section = card.slice(card.indexOf('## The 0-100 scale'));
  const rows = [...section.matchAll(/^\| (\d+) +\| "(.+?)" +\|/gm)].map(
    (m) => [Number(m[1]), m[2] as string] as const,
  );

  it('has examples about 10, 50 and 90', () => {
    expect(new Set(rows.map(([band]) => band))).toEqual(new Set([10, 50, 90]));
  });

  it.each(rows)('an agent reply of band %i lands within 10 points: %s', (band, text) => {
    const score = politeness(reply(text)).score ?? NaN;
    expect(Math.abs(score - band)).toBeLessThanOrEqual(10);
  });
});
