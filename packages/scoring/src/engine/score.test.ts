import { ScoredInteraction, type Evidence } from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  ENGINE_VERSION,
  EXAMPLE_KNOWLEDGE_BASE,
  parsePolicy,
  scoreInteraction,
} from '../index.js';
import { callEvent, chatEvent, emailEvent } from '../test-support/events.js';

const NOW = () => new Date('2026-03-02T00:00:00Z');
const score = (e: Parameters<typeof scoreInteraction>[0], policy = DEFAULT_POLICY) =>
  scoreInteraction(e, { policy, knowledgeBase: EXAMPLE_KNOWLEDGE_BASE, now: NOW });
const codes = (s: ScoredInteraction) => s.flags.map((f) => f.code).sort();
const flag = (s: ScoredInteraction, code: string) => s.flags.find((f) => f.code === code);

function expectEvidenceMatches(s: ScoredInteraction) {
  const all: Evidence[] = [
    ...s.flags.flatMap((f) => f.evidence),
    ...Object.values(s.scores).flatMap((d) => d.signals.flatMap((g) => g.evidence ?? [])),
  ];
  for (const e of all) expect(s.transcript[e.messageIndex]?.text.slice(e.start, e.end)).toBe(e.text);
}

const politeOpening: ['agent' | 'customer', string][] = [
  ['customer', 'Hi, the speaker does not show up in the app.'],
  ['agent', 'Hi there, thanks for contacting Acme. Hold the button for five seconds, then tap "Add device".'],
];

describe('scoreInteraction: tone', () => {
  it('flags condescension with the exact phrase and offsets', () => {
    const s = score(
      chatEvent([
        ...politeOpening,
        ['customer', 'It still does not work'],
        ['agent', 'As I already said, read the manual.'],
        ['agent', 'Thanks for contacting us, have a nice day.'],
      ]),
    );
    expect(ScoredInteraction.parse(s)).toBeTruthy();
    const f = flag(s, 'tone.condescension');
    expect(f?.severity).toBe('medium');
    expect(f?.evidence.map((e) => [e.messageIndex, e.start, e.end, e.text])).toEqual([
      [3, 0, 17, 'As I already said'],
      [3, 19, 34, 'read the manual'],
    ]);
    expect(s.flagged).toBe(true);
    expect(s.scores.tone.score).toBeLessThan(80);
    expectEvidenceMatches(s);
  });

  it('flags shouting, excessive punctuation, profanity, blame and dismissiveness in the agent text', () => {
    const s = score(
      chatEvent([
        ['customer', 'Hello, my router has no light.'],
        [
          'agent',
          'Hello. YOU NEED TO UNPLUG THE POWER CABLE!!! That is your fault. This damn thing. Not my problem.',
        ],
        ['agent', 'Have a nice day.'],
      ]),
    );
    expect(codes(s)).toEqual([
      'tone.blame',
      'tone.dismissive',
      'tone.excessive_punctuation',
      'tone.profanity',
      'tone.shouting',
    ]);
    expect(flag(s, 'tone.shouting')?.evidence[0]?.text).toBe('YOU NEED TO UNPLUG THE POWER CABLE');
    expect(flag(s, 'tone.excessive_punctuation')?.evidence[0]?.text).toBe('!!!');
    expect(flag(s, 'tone.profanity')?.evidence[0]?.text).toBe('damn');
    expectEvidenceMatches(s);
  });

  it('flags Danish condescension ("som jeg allerede har sagt", "det er ikke så svært")', () => {
    const s = score(
      chatEvent(
        [
          ['customer', 'Hej, min tv-boks viser kun en sort skærm.'],
          [
            'agent',
            'Hej og tak for din besked. Som jeg allerede har sagt, det er ikke så svært. Hav en god dag.',
          ],
        ],
        'da',
      ),
    );
    expect(codes(s)).toEqual(['tone.condescension']);
    expect(flag(s, 'tone.condescension')?.evidence.map((e) => e.text)).toEqual([
      'Som jeg allerede har sagt',
      'det er ikke så svært',
    ]);
  });

  it('an abusive customer is flagged but lowers no agent score', () => {
    const calm: ['agent' | 'customer', string][] = [
      ['customer', 'Why have I been charged for Premium?'],
      ['agent', 'Hello, thank you for contacting Acme. I have cancelled Premium and refunded the charge.'],
      ['customer', 'ok'],
      ['agent', 'Thank you for your patience. Have a good evening.'],
    ];
    const abusive = calm.map(([r, t], i): ['agent' | 'customer', string] =>
      i === 2 ? [r, 'Fuck you, you useless idiot.'] : [r, t],
    );
    const a = score(chatEvent(calm));
    const b = score(chatEvent(abusive));
    expect(codes(a)).toEqual([]);
    expect(codes(b)).toEqual(['tone.abusive_customer']);
    expect(flag(b, 'tone.abusive_customer')?.evidence.map((e) => e.text)).toEqual([
      'Fuck you',
      'you useless idiot',
    ]);
    for (const d of ['politeness', 'tone', 'accuracy', 'clarity', 'responsiveness', 'compliance'] as const) {
      expect(b.scores[d].score, d).toBe(a.scores[d].score);
    }
  });

  it('flags clearly negative agent wording (AFINN) but not apologies', () => {
    const negative = score(
      emailEvent([
        { role: 'customer', bodyText: 'Hi, the app crashes. Is there a fix?' },
        {
          role: 'agent',
          bodyText:
            'Hi Mia,\n\nHonestly, this app is terrible, the release is a disaster and I hate it.\n\nBest regards,\nOliver',
        },
      ]),
    );
    expect(codes(negative)).toEqual(['tone.negative_sentiment']);
    expect(flag(negative, 'tone.negative_sentiment')?.evidence.map((e) => e.text)).toEqual([
      'terrible',
      'disaster',
      'hate',
    ]);
    const apology = score(
      emailEvent([
        { role: 'customer', bodyText: 'Hi, the app crashes. Is there a fix?' },
        {
          role: 'agent',
          bodyText:
            'Hi Mia,\n\nSorry for the inconvenience, unfortunately there is a problem and an error. A fix comes next week.\n\nBest regards,\nOliver',
        },
      ]),
    );
    expect(codes(apology)).toEqual([]);
  });
});

describe('scoreInteraction: accuracy', () => {
  it('flags a knowledge-base mismatch naming both values (14 vs 30 days)', () => {
    const s = score(
      chatEvent([
        ['customer', 'Hi, can I return my jacket for a refund?'],
        [
          'agent',
          'Hi, thanks for contacting Acme! Unfortunately our refund window is 14 days, so it is too late.',
        ],
        ['agent', 'Have a nice day!'],
      ]),
    );
    const f = flag(s, 'accuracy.kb_mismatch');
    expect(f?.severity).toBe('high');
    expect(f?.message).toContain('14');
    expect(f?.message).toContain('30');
    expect(f?.evidence[0]?.text).toBe('14 days');
    expect(codes(s)).toEqual(['accuracy.kb_mismatch']);
  });

  it('accepts a claim that agrees with the knowledge base (3-5 business days)', () => {
    const s = score(
      chatEvent([
        ['customer', 'How long does delivery take?'],
        ['agent', 'Hi! Standard delivery takes 3-5 business days. Have a nice day!'],
      ]),
    );
    expect(codes(s)).toEqual([]);
    expect(s.scores.accuracy.signals.find((g) => g.name === 'accuracy.kb_checked')?.value).toBe(1);
  });

  it('flags contradictions, hedging, over-promising and customer corrections', () => {
    const s = score(
      chatEvent([
        ['customer', 'Hi, how much does it cost to end my contract early?'],
        [
          'agent',
          'Hi, thanks for asking! The early termination fee is 250 DKK. I think it is probably waived, but I am not sure.',
        ],
        ['customer', "That's not what you said last time. I was told it was free."],
        [
          'agent',
          'The termination fee of 400 DKK is added to your final invoice. I guarantee it will never happen again. Have a nice day!',
        ],
      ]),
    );
    expect(codes(s)).toEqual([
      'accuracy.contradiction',
      'accuracy.customer_correction',
      'accuracy.hedging',
      'accuracy.overpromise',
    ]);
    expect(flag(s, 'accuracy.contradiction')?.evidence.map((e) => e.text)).toEqual(['250 DKK', '400 DKK']);
    expect(flag(s, 'accuracy.hedging')?.evidence.map((e) => e.text)).toEqual([
      'I think',
      'probably',
      'I am not sure',
    ]);
    expect(flag(s, 'accuracy.customer_correction')?.evidence.map((e) => e.text)).toEqual([
      "That's not what you said",
      'I was told',
    ]);
    expect(s.scores.accuracy.score).toBeLessThan(60);
  });

  it('flags a customer question the agent never addressed', () => {
    const s = score(
      chatEvent([
        ['customer', 'Hi! Could you add gift wrapping to the order?'],
        ['agent', 'Hi, thanks for your order! It will be sent tomorrow.'],
        ['agent', 'Have a nice day!'],
      ]),
    );
    expect(codes(s)).toEqual(['accuracy.unanswered_question']);
    expect(flag(s, 'accuracy.unanswered_question')?.evidence[0]?.text).toBe(
      'Could you add gift wrapping to the order?',
    );
  });
});

describe('scoreInteraction: clarity', () => {
  it('flags jargon and customer confusion', () => {
    const s = score(
      chatEvent([
        ['customer', 'Why is my order still pending?'],
        [
          'agent',
          'Hello, it is pending because our backend API has high latency and the sync is behind. It is within the SLA.',
        ],
        ['customer', "Sorry, I don't understand. What do you mean?"],
        ['agent', 'Sorry! Our system is slow. Your order arrives Thursday. Have a good day!'],
      ]),
    );
    expect(codes(s)).toEqual(['clarity.customer_confusion', 'clarity.jargon']);
    expect(flag(s, 'clarity.jargon')?.evidence.map((e) => e.text)).toEqual([
      'backend',
      'API',
      'latency',
      'SLA',
    ]);
    expect(flag(s, 'clarity.customer_confusion')?.evidence.map((e) => e.text)).toEqual([
      "I don't understand",
      'What do you mean',
    ]);
  });

  it('flags low readability by LIX', () => {
    const long =
      'Following the comprehensive reorganisation of our subscription infrastructure, which necessitated the recalculation of individually negotiated promotional arrangements in accordance with contractual stipulations communicated previously, your introductory discount automatically concluded after the predetermined qualification period, consequently resulting in the reinstatement of the standard monthly subscription price.';
    const s = score(
      emailEvent([
        { role: 'customer', bodyText: 'Why did my bill go up?' },
        { role: 'agent', bodyText: `Hi Carl,\n\n${long}\n\nBest regards,\nEmma` },
      ]),
    );
    expect(codes(s)).toEqual(['clarity.low_readability']);
    expect(s.scores.clarity.signals.find((g) => g.name === 'clarity.lix')?.value).toBeGreaterThan(55);
  });
});

describe('scoreInteraction: responsiveness', () => {
  it('flags dead air on a call with the gap', () => {
    const s = score(
      callEvent([
        ['agent', 0.5, 6, 'Hello, thank you for calling Acme, this call is recorded. How can I help?'],
        ['customer', 6.5, 10, 'My parcel is missing.'],
        ['agent', 10.5, 12, 'Let me check.'],
        ['agent', 24, 30, 'It arrives tomorrow. Thanks for calling, goodbye.'],
      ]),
    );
    expect(codes(s)).toEqual(['responsiveness.dead_air']);
    const f = flag(s, 'responsiveness.dead_air');
    expect(f?.message).toContain('12 s');
    expect(f?.evidence[0]).toMatchObject({ messageIndex: 3, rule: 'responsiveness.dead_air:12s' });
    expect(
      s.scores.responsiveness.signals.find((g) => g.name === 'responsiveness.longest_silence_sec')?.value,
    ).toBe(12);
  });

  it('flags overtalk and a lopsided talk ratio', () => {
    const s = score(
      callEvent([
        [
          'agent',
          0,
          50,
          'Hello, thank you for calling, this call is recorded. ' +
            'Let me explain everything about your invoice. '.repeat(10),
        ],
        ['customer', 45, 52, 'Wait, I only asked one thing.'],
        ['agent', 49, 100, 'And then the next part of the invoice. Thanks for calling, goodbye.'],
      ]),
    );
    expect(codes(s)).toEqual(['responsiveness.overtalk', 'responsiveness.talk_ratio']);
  });

  it('flags a slow first response and a long wait in chat, ignoring bots', () => {
    const s = score(
      chatEvent([
        ['customer', 'Hi, can I change the colour of my sofa?', 0],
        ['bot', 'An agent will be with you shortly.', 2],
        ['agent', 'Hi, thanks for waiting! Yes, which colour would you like?', 540],
        ['customer', 'Green please', 30],
        ['agent', 'Done, the sofa is now green. Have a lovely day!', 900],
      ]),
    );
    expect(codes(s)).toEqual(['responsiveness.long_wait', 'responsiveness.slow_first_response']);
    expect(
      s.scores.responsiveness.signals.find((g) => g.name === 'responsiveness.first_response_sec')?.value,
    ).toBe(542);
  });
});

describe('scoreInteraction: compliance and PII', () => {
  it('redacts a card number to [CARD], counts it and flags the agent for writing it out', () => {
    const s = score(
      chatEvent([
        ['customer', 'Which card do you have on file?'],
        ['agent', 'Hi, the card on your account is 4111 1111 1111 1111. Have a nice day!'],
      ]),
    );
    expect(s.redactions).toEqual({ card: 1 });
    expect(s.transcript[1]?.text).toBe('Hi, the card on your account is [CARD]. Have a nice day!');
    expect(flag(s, 'compliance.pii_exposed')?.evidence[0]).toMatchObject({
      messageIndex: 1,
      start: 32,
      end: 38,
      text: '[CARD]',
    });
    expect(JSON.stringify(s)).not.toContain('4111');
  });

  it('redacts PII the customer shares at low severity, without flagging for review', () => {
    const s = score(
      chatEvent(
        [
          [
            'customer',
            'Hej, mit CPR-nummer er 150782-1234 og min mail er kim@example.com, ring på +45 12 34 56 78.',
          ],
          ['agent', 'Hej, tak for din besked. Du skal ikke sende dit CPR-nummer her. Hav en god dag!'],
        ],
        'da',
      ),
    );
    expect(s.redactions).toEqual({ cpr: 1, email: 1, phone: 1 });
    expect(codes(s)).toEqual(['compliance.pii_customer_shared']);
    expect(flag(s, 'compliance.pii_customer_shared')?.severity).toBe('low');
    expect(s.flagged).toBe(false);
  });

  it('flags a missing greeting, closing and recording disclosure, and forbidden phrases', () => {
    const s = score(
      callEvent([
        ['agent', 0.5, 5, 'What is the issue?'],
        ['customer', 5.5, 9, 'My phone line crackles.'],
        ['agent', 9.5, 15, 'That is not my department. A technician fixes it tomorrow.'],
      ]),
    );
    expect(codes(s)).toEqual([
      'compliance.forbidden_phrase',
      'compliance.missing_closing',
      'compliance.missing_greeting',
      'compliance.missing_recording_disclosure',
    ]);
    expect(flag(s, 'compliance.forbidden_phrase')?.evidence[0]?.text).toBe('not my department');
    expect(s.maxSeverity).toBe('high');
  });

  it('honours rule toggles and severities from the policy', () => {
    const policy = parsePolicy({
      ...DEFAULT_POLICY,
      id: 'strict',
      rules: {
        'compliance.missing_greeting': { enabled: false },
        'compliance.missing_closing': { severity: 'critical' },
      },
    });
    const s = score(
      chatEvent([
        ['customer', 'Is there an outage?'],
        ['agent', 'Yes, in Aalborg. It is fixed by 3 pm.'],
      ]),
      policy,
    );
    expect(codes(s)).toEqual(['compliance.missing_closing']);
    expect(s.maxSeverity).toBe('critical');
    expect(s.policy).toEqual({ id: 'strict', version: DEFAULT_POLICY.version });
  });
});

describe('scoreInteraction: language', () => {
  it('scores a German chat on language-neutral signals only, marked unsupported', () => {
    const s = score(
      chatEvent(
        [
          ['customer', 'Hallo, ich habe ein Problem mit meiner Rechnung. Können Sie mir bitte helfen?'],
          [
            'agent',
            'Hallo, natürlich. Ich habe die Rechnung korrigiert, Sie bekommen eine neue per E-Mail. Schönen Tag noch!',
          ],
        ],
        null,
      ),
    );
    expect(s.language).toEqual({ code: 'de', detected: true, supported: false });
    expect(s.flags.filter((f) => f.dimension === 'tone' || f.dimension === 'politeness')).toEqual([]);
    expect(s.scores.politeness.score).toBeNull();
    expect(s.scores.accuracy.score).toBeNull();
    expect(s.scores.responsiveness.score).toBe(100);
  });

  it('detects Danish without a language tag and says when short text fell back', () => {
    const da = score(
      chatEvent(
        [
          ['customer', 'Hej, jeg har et problem med min faktura. Kan du hjælpe mig?'],
          ['agent', 'Hej, det kan jeg sagtens. Hav en god dag!'],
        ],
        null,
      ),
    );
    expect(da.language).toEqual({ code: 'da', detected: true, supported: true });
    const short = score(
      chatEvent(
        [
          ['customer', 'hi'],
          ['agent', 'hello, bye'],
        ],
        null,
      ),
    );
    expect(short.language.code).toBe('en');
    expect(short.scores.tone.signals.map((g) => g.name)).toContain('language.detection_fallback');
  });
});

describe('scoreInteraction: output', () => {
  it('parses with ScoredInteraction, is deterministic and stamps the engine version and clock', () => {
    const e = emailEvent([
      {
        role: 'customer',
        subject: 'Refund',
        bodyHtml: '<p>Hello,</p><p>where is my refund? Mail me at jane@example.com</p>',
      },
      {
        role: 'agent',
        bodyHtml:
          '<p>Hi Jane,</p><p>It is on its way.</p><p>Best regards,<br>Sophie<br>Acme</p><blockquote>where is my refund?</blockquote>',
      },
    ]);
    const a = score(e);
    expect(ScoredInteraction.parse(a)).toEqual(a);
    expect(score(e)).toEqual(a);
    expect(a.scoredAt).toBe('2026-03-02T00:00:00.000Z');
    expect(a.engineVersion).toBe(ENGINE_VERSION);
    expect(a.transcript.map((t) => t.text)).toEqual([
      'Hello,\n\nwhere is my refund? Mail me at [EMAIL]',
      'Hi Jane,\n\nIt is on its way.\n\nBest regards,',
    ]);
    expect(a.overall).not.toBeNull();
  });
});
