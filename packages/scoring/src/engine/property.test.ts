import fc from 'fast-check';
import { InteractionEvent, ScoredInteraction, type InteractionEventInput } from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, EXAMPLE_KNOWLEDGE_BASE, scoreInteraction } from '../index.js';

const NOW = () => new Date('2026-03-02T00:00:00Z');
const T0 = Date.parse('2026-03-01T09:00:00Z');

/** Text that stresses the engine: unicode, lone surrogates, RTL, HTML, PII-looking digits, regex-hostile runs. */
const hostile = fc.constantFrom(
  'a'.repeat(5_000) + '!',
  ' '.repeat(3_000),
  '>'.repeat(2_000),
  'On \n'.repeat(500),
  '!?'.repeat(1_000),
  '\ud800\udc00\ud800 lone \udfff',
  'مرحبا بكم שלום עולם',
  '👍🙂🙏'.repeat(50),
  '<div>'.repeat(2_000) + 'x',
  '4111 1111 1111 1111 DK50 0040 0440 1162 43 150782-1234 123-45-6789 a@b.co +45 12 34 56 78',
  'AS I ALREADY SAID, READ THE MANUAL!!! YOUR FAULT. WHATEVER.',
  'Som jeg allerede har sagt, det er ikke så svært. Tag det roligt.',
  'Our refund window is 14 days and delivery takes 7-10 business days, fra kl. 8 til 20.',
  '1 2 3 4 5 6 7 8 9 0 '.repeat(200),
  '',
);
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 2, arbitrary: hostile },
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.constantFrom(
          'Hi',
          'thanks',
          'I think',
          'probably',
          '30 days',
          '?',
          '!!!',
          'DNS',
          'tak',
          'hej',
          '\n',
          '> quoted',
          '-- ',
        ),
        { maxLength: 30 },
      )
      .map((w) => w.join(' ')),
  },
);
const offsets = fc.array(fc.integer({ min: 0, max: 4 * 3600 }), { minLength: 1, maxLength: 12 });
const language = fc.option(fc.constantFrom('en', 'da', 'de', 'en-GB', 'da-DK', 'fr', 'nb'), {
  nil: undefined,
});

const common = (lang: string | undefined) => ({
  interactionId: 'prop-1',
  revision: 1,
  tenantId: 'acme',
  occurredAt: new Date(T0).toISOString(),
  ...(lang === undefined ? {} : { language: lang }),
  agent: { id: 'ag', teamId: 'team' },
  customer: { id: 'cu' },
  source: { system: 'prop' },
});

const chat = fc
  .tuple(
    language,
    offsets,
    fc.array(fc.tuple(fc.constantFrom('agent', 'customer', 'bot', 'system' as const), text), {
      minLength: 1,
      maxLength: 12,
    }),
  )
  .map(([lang, gaps, msgs]): InteractionEventInput => {
    let t = T0;
    return {
      ...common(lang),
      channel: 'chat',
      messages: msgs.map(([role, body], i) => ({
        role,
        text: body,
        sentAt: new Date((t += (gaps[i % gaps.length] ?? 0) * 1000)).toISOString(),
      })),
    };
  });

const email = fc
  .tuple(
    language,
    offsets,
    fc.array(
      fc.tuple(
        fc.constantFrom('agent', 'customer' as const),
        text,
        fc.boolean(),
        fc.option(text, { nil: undefined }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([lang, gaps, msgs]): InteractionEventInput => {
    let t = T0;
    return {
      ...common(lang),
      channel: 'email',
      messages: msgs.map(([role, body, html, subject], i) => ({
        role,
        sentAt: new Date((t += (gaps[i % gaps.length] ?? 0) * 1000)).toISOString(),
        ...(subject === undefined ? {} : { subject: subject.slice(0, 200) }),
        ...(html ? { bodyHtml: `<p>${body}</p><blockquote>${body}</blockquote>` } : { bodyText: body }),
      })),
    };
  });

const call = fc
  .tuple(
    language,
    fc.array(
      fc.tuple(
        fc.constantFrom('agent', 'customer' as const),
        text,
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: -5, max: 20, noNaN: true }),
      ),
      { minLength: 1, maxLength: 20 },
    ),
  )
  .map(([lang, segs]): InteractionEventInput => {
    let start = 0;
    const segments = segs.map(([speaker, body, len, gap]) => {
      const s = { speaker, text: body, startSec: start, endSec: start + len };
      start = Math.max(start, start + len + gap);
      return s;
    });
    return {
      ...common(lang),
      channel: 'call',
      segments,
      durationSec: Math.ceil(Math.max(...segments.map((s) => s.endSec))) + 1,
    };
  });

const events = fc
  .oneof(chat, email, call)
  .filter((e) => InteractionEvent.safeParse(e).success)
  .map((e) => InteractionEvent.parse(e));

describe('scoreInteraction properties', () => {
  it('returns a valid ScoredInteraction whose evidence quotes the stored transcript, quickly, for any valid event', () => {
    fc.assert(
      fc.property(events, (event) => {
        const t0 = performance.now();
        const s = scoreInteraction(event, {
          policy: DEFAULT_POLICY,
          knowledgeBase: EXAMPLE_KNOWLEDGE_BASE,
          now: NOW,
        });
        const ms = performance.now() - t0;
        expect(ScoredInteraction.safeParse(s).success).toBe(true);
        const evidence = [
          ...s.flags.flatMap((f) => f.evidence),
          ...Object.values(s.scores).flatMap((d) => d.signals.flatMap((g) => g.evidence ?? [])),
        ];
        for (const e of evidence) {
          expect(e.end).toBeGreaterThanOrEqual(e.start);
          expect(s.transcript[e.messageIndex]?.text.slice(e.start, e.end)).toBe(e.text);
        }
        for (const d of Object.values(s.scores))
          if (d.score !== null) expect(d.score >= 0 && d.score <= 100).toBe(true);
        expect(s.transcript).toHaveLength(
          event.channel === 'call' ? event.segments.length : event.messages.length,
        );
        for (const t of s.transcript)
          expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(t.text)).toBe(
            false,
          );
        expect(ms).toBeLessThan(500);
      }),
      { numRuns: 300, seed: 20260301 },
    );
  });

  it('never lets customer text change the agent-side flags of an unsupported-language interaction into tone flags', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (texts) => {
        const event = InteractionEvent.parse({
          ...common('de'),
          channel: 'chat',
          messages: texts.map((t, i) => ({
            role: i % 2 ? 'agent' : 'customer',
            text: t.replace(/[A-Z!?]/g, 'x'),
            sentAt: new Date(T0 + i * 1000).toISOString(),
          })),
        });
        const s = scoreInteraction(event, { policy: DEFAULT_POLICY, now: NOW });
        expect(s.language.supported).toBe(false);
        expect(
          s.flags.filter(
            (f) =>
              f.dimension === 'tone' ||
              f.dimension === 'politeness' ||
              f.dimension === 'accuracy' ||
              f.dimension === 'clarity',
          ),
        ).toEqual([]);
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it('scores a 256 KiB message and regex-hostile bodies without hanging', () => {
    const big = 'Hello, thanks. '.repeat(17_000).slice(0, 256 * 1024 - 10);
    for (const body of [
      big,
      'a'.repeat(50_000) + '!',
      ' '.repeat(200_000),
      '>'.repeat(200_000),
      'On x wrote:\n'.repeat(20_000),
    ]) {
      const event = InteractionEvent.parse({
        ...common(undefined),
        channel: 'email',
        messages: [{ role: 'agent', sentAt: new Date(T0).toISOString(), bodyText: body }],
      });
      const t0 = performance.now();
      const s = scoreInteraction(event, { policy: DEFAULT_POLICY, now: NOW });
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(ScoredInteraction.safeParse(s).success).toBe(true);
    }
  });
});
