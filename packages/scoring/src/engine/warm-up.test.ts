import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, EXAMPLE_KNOWLEDGE_BASE } from '../policy/defaults.js';
import { callEvent, chatEvent, emailEvent } from '../test-support/events.js';
import { scoreInteraction } from './score.js';
import { warmUp, warmUpEvents } from './warm-up.js';

const ctx = {
  policy: DEFAULT_POLICY,
  knowledgeBase: EXAMPLE_KNOWLEDGE_BASE,
  now: () => new Date('2026-03-02T00:00:00Z'),
};

describe('warmUp', () => {
  it('covers every channel, both supported languages, an unsupported one, and tagged and untagged events', () => {
    const events = warmUpEvents();
    const scored = events.map((e) => scoreInteraction(e, ctx));
    expect(new Set(events.map((e) => e.channel))).toEqual(new Set(['chat', 'email', 'call']));
    expect(new Set(scored.map((s) => s.language.code))).toEqual(new Set(['en', 'da', 'de']));
    expect(events.some((e) => e.language === undefined)).toBe(true);
    expect(events.some((e) => e.language !== undefined)).toBe(true);
    // Good and bad conversations: clean ones and ones with tone, accuracy, PII and compliance flags.
    const codes = new Set(scored.flatMap((s) => s.flags.map((f) => f.code)));
    for (const code of [
      'tone.shouting',
      'accuracy.contradiction',
      'accuracy.kb_mismatch',
      'compliance.pii_exposed',
      'compliance.pii_customer_shared',
      'compliance.missing_greeting',
      'responsiveness.dead_air',
    ])
      expect(codes).toContain(code);
    expect(scored.some((s) => s.flags.length === 0)).toBe(true);
  });

  it('changes no result: scoring after a warm-up equals scoring before it', () => {
    const events = [
      chatEvent([
        ['agent', 'Hi, thanks for contacting Acme! Standard delivery takes 3-5 business days.'],
        ['customer', 'Why was I charged twice? My card is 4111 1111 1111 1111.'],
        ['agent', 'As I already said, read the manual. Have a nice day!'],
      ]),
      emailEvent(
        [
          { role: 'customer', bodyText: 'Hej, hvornår kommer min router?' },
          {
            role: 'agent',
            bodyHtml: '<p>Hej Jens</p><p>Levering tager 3-5 hverdage.</p><p>Venlig hilsen</p>',
          },
        ],
        null,
      ),
      callEvent([
        ['agent', 0, 4, 'Thank you for calling Acme, this call is recorded.'],
        ['customer', 4.5, 8, 'How much does Premium cost?'],
        ['agent', 30, 34, 'Premium is 149 DKK a month. Goodbye.'],
      ]),
    ];
    const before = events.map((e) => scoreInteraction(e, ctx));
    warmUp({ knowledgeBase: EXAMPLE_KNOWLEDGE_BASE, rounds: 1 });
    expect(events.map((e) => scoreInteraction(e, ctx))).toEqual(before);
  });
});
