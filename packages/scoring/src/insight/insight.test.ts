import { describe, expect, it } from 'vitest';
import { ScoredInteraction } from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '../index.js';
import { callEvent, chatEvent, emailEvent } from '../test-support/events.js';
import { foldEnglish } from './keyphrases.js';

const ctx = { policy: DEFAULT_POLICY, now: () => new Date('2026-03-01T12:00:00Z') };
const insightOf = (event: Parameters<typeof scoreInteraction>[0]) => scoreInteraction(event, ctx).insight;
const texts = (event: Parameters<typeof scoreInteraction>[0]) =>
  insightOf(event)?.keyphrases.map((k) => k.text);

describe('interaction insight', () => {
  it('takes keyphrases from the customer only, with first response time and message counts', () => {
    const insight = insightOf(
      chatEvent([
        ['customer', 'My package has not arrived and the tracking says delivered. Late deliveries again!'],
        ['agent', 'Sorry to hear that about the package tracking. Let me check the courier.', 90],
        ['customer', 'The package was a phone case.'],
        ['agent', 'I have sent a replacement phone case.'],
      ]),
    );
    expect(insight).toEqual({
      keyphrases: [
        { text: 'package', count: 2 },
        { text: 'late delivery', count: 1 },
        { text: 'phone case', count: 1 },
        { text: 'arrived', count: 1 },
        { text: 'tracking', count: 1 },
        { text: 'delivered', count: 1 },
      ],
      firstResponseSec: 90,
      messages: { customer: 2, agent: 2 },
    });
  });

  it('works on the redacted text and leaves out names, so no personal data reaches a keyphrase', () => {
    const event = chatEvent([
      [
        'customer',
        "Hi, I'm Jane Smith. I need to change the email address on my account, it is " +
          'jane.smith@example.com and my phone is +45 20 30 40 50.',
      ],
      ['agent', 'Hello Jane, I can help with the email address.', 45],
    ]);
    const scored = scoreInteraction(event, ctx);
    expect(scored.redactions).toEqual({ email: 1, phone: 1 });
    expect(scored.insight?.keyphrases).toEqual([
      { text: 'email address', count: 1 },
      { text: 'change', count: 1 },
      { text: 'account', count: 1 },
      { text: 'phone', count: 1 },
    ]);
    const stored = JSON.stringify(scored.insight?.keyphrases);
    for (const pii of ['jane', 'smith', 'example', '45', '20 30']) expect(stored).not.toContain(pii);
  });

  it('reads the first e-mail subject (Title Case is no name) and drops order numbers and sign-off names', () => {
    const insight = insightOf(
      emailEvent([
        {
          role: 'customer',
          subject: 'Refund Request For Order 12345',
          bodyText:
            'Hello,\n\nI was charged twice for my subscription. Please refund the double charge.\n\nKind regards\nPeter Hansen',
        },
        { role: 'agent', bodyText: 'Dear Peter, we have refunded the charge.', gapSec: 7200 },
      ]),
    );
    expect(insight).toEqual({
      keyphrases: [
        { text: 'refund', count: 2 },
        { text: 'charged twice', count: 1 },
        { text: 'double charge', count: 1 },
        { text: 'order', count: 1 },
        { text: 'subscription', count: 1 },
      ],
      firstResponseSec: 7200,
      messages: { customer: 1, agent: 1 },
    });
  });

  it('uses the Danish stopwords for Danish conversations', () => {
    expect(
      insightOf(
        chatEvent(
          [
            ['customer', 'Hej, min pakke er ikke kommet frem. Pakken skulle være leveret i tirsdags.'],
            ['agent', 'Hej, det beklager jeg.', 30],
            ['customer', 'Kan I sende pakken igen? Mvh Søren'],
          ],
          'da',
        ),
      ),
    ).toEqual({
      keyphrases: [
        { text: 'pakken', count: 2 },
        { text: 'sende pakken', count: 1 },
        { text: 'pakke', count: 1 },
        { text: 'leveret', count: 1 },
      ],
      firstResponseSec: 30,
      messages: { customer: 2, agent: 1 },
    });
  });

  it('keeps at most 8, bigrams weighted double, and breaks phrases at commas', () => {
    expect(
      insightOf(
        chatEvent([
          [
            'customer',
            'I would like to cancel my subscription. Cancel the subscription now, the subscription is too ' +
              'expensive and the app crashes. App crashes every time. Billing is wrong, billing address wrong, ' +
              'invoice wrong, refund please, password reset does not work, login fails, router broken',
          ],
        ]),
      )?.keyphrases,
    ).toEqual([
      { text: 'app crash', count: 2 },
      { text: 'subscription', count: 3 },
      { text: 'wrong', count: 3 },
      { text: 'cancel', count: 2 },
      { text: 'billing', count: 2 },
      { text: 'billing address', count: 1 },
      { text: 'address wrong', count: 1 },
      { text: 'invoice wrong', count: 1 },
    ]);
  });

  it('measures a call from the end of the customer first segment to the agent reply', () => {
    expect(
      insightOf(
        callEvent([
          ['agent', 0, 3, 'Thank you for calling Acme, this is Mette.'],
          ['customer', 3.5, 9, 'Hi, my router keeps dropping the wifi connection.'],
          ['agent', 10.2, 14, 'Let me look at that for you.'],
        ]),
      ),
    ).toEqual({
      keyphrases: [
        { text: 'wifi connection', count: 1 },
        { text: 'router', count: 1 },
        { text: 'dropping', count: 1 },
      ],
      firstResponseSec: 1.2,
      messages: { customer: 1, agent: 2 },
    });
  });

  it('has no first response when the agent started the conversation or never replied', () => {
    expect(
      insightOf(
        chatEvent([
          ['agent', 'Hi, we noticed your invoice is overdue.'],
          ['customer', 'Oh, I will pay the invoice today.', 600],
          ['agent', 'Thanks!', 30],
        ]),
      )?.firstResponseSec,
    ).toBeNull();
    expect(
      insightOf(
        chatEvent([
          ['customer', 'Is anyone there?'],
          ['customer', 'Hello??', 60],
        ]),
      ),
    ).toEqual({ keyphrases: [], firstResponseSec: null, messages: { customer: 2, agent: 0 } });
  });

  it('extracts no keyphrases in a language without lexicons', () => {
    expect(
      texts(
        chatEvent(
          [
            ['customer', 'Hallo, mein Paket ist nicht angekommen.'],
            ['agent', 'Hallo'],
          ],
          'de',
        ),
      ),
    ).toEqual([]);
  });

  it('is part of the contract and deterministic', () => {
    const event = chatEvent([
      ['customer', 'Where is my refund? The refund was promised last week.'],
      ['agent', 'As I already said, calm down.', 400],
    ]);
    const scored = scoreInteraction(event, ctx);
    expect(ScoredInteraction.parse(scored).insight).toEqual({
      keyphrases: [
        { text: 'refund', count: 2 },
        { text: 'promised', count: 1 },
      ],
      firstResponseSec: 400,
      messages: { customer: 1, agent: 1 },
    });
    expect(scoreInteraction(event, ctx)).toEqual(scored);
  });
});

describe('foldEnglish', () => {
  it.each([
    ['deliveries', 'delivery'],
    ['refunds', 'refund'],
    ['boxes', 'box'],
    ['addresses', 'address'],
    ['watches', 'watch'],
    ['charges', 'charge'],
    ["customer's", 'customer'],
    ['status', 'status'],
    ['access', 'access'],
    ['analysis', 'analysis'],
    ['news', 'news'],
    ['bus', 'bus'],
  ])('%s -> %s', (word, folded) => {
    expect(foldEnglish(word)).toBe(folded);
  });
});
