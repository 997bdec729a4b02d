import { describe, expect, it } from 'vitest';
import type { Flag, Policy } from '@rapport/schemas';
import { scoreInteraction } from '../engine/score.js';
import { DEFAULT_POLICY } from '../policy/defaults.js';
import { parsePolicy } from '../policy/load.js';
import { chatEvent } from '../test-support/events.js';

/** The phrase rules alone: learned detectors set out of reach, so these tests pin the rules' context handling. */
const off = { flagAt: 1, mediumAt: 1, highAt: 1, languages: {} };
const RULES_ONLY: Policy = parsePolicy({
  ...DEFAULT_POLICY,
  thresholds: {
    ...DEFAULT_POLICY.thresholds,
    tone: {
      ...DEFAULT_POLICY.thresholds.tone,
      models: { offensive: off, hostile: off, condescending: off, dismissive: off },
    },
  },
});

const now = () => new Date('2026-03-01T12:00:00Z');
type Turn = ['agent' | 'customer', string];

function toneFlags(turns: Turn[], language = 'en'): Flag[] {
  const scored = scoreInteraction(chatEvent(turns, language), { policy: RULES_ONLY, now });
  return scored.flags.filter((f) => f.dimension === 'tone' && f.code !== 'tone.customer_frustration');
}
const codes = (flags: Flag[]) => flags.map((f) => `${f.code}:${f.severity}`);

describe('tone in context: identifiers are not shouting', () => {
  it('lets flight numbers, booking codes and airport pairs pass', () => {
    expect(
      toneFlags([
        ['customer', 'Hi, my flight was cancelled.'],
        ['agent', 'I have rebooked you on SK1234 CPH-LHR, booking PNR X7Y2Z, order AB12CD, seat 12A.'],
      ]),
    ).toEqual([]);
  });

  it('still hears a run of shouted words', () => {
    expect(
      codes(toneFlags([['agent', 'Hello. YOU NEED TO UNPLUG THE POWER CABLE, NOT THE PHONE CABLE.']])),
    ).toEqual(['tone.shouting:medium']);
  });
});

describe('tone in context: apologies and empathy are not negative', () => {
  it('does not count the negative words of an apologising sentence', () => {
    expect(
      toneFlags([
        ['customer', 'My bag was lost and the trip was ruined.'],
        [
          'agent',
          'I am so sorry for the terrible delay, the lost bag and the disappointment; I regret the trouble.',
        ],
        ['agent', "I'm afraid the fare is non-refundable. I understand how frustrating and awful this is."],
      ]),
    ).toEqual([]);
  });

  it('counts the same words when the agent means them', () => {
    expect(codes(toneFlags([['agent', 'Honestly, this app is terrible, awful and horrible.']]))).toEqual([
      'tone.negative_sentiment:low',
    ]);
  });

  it('reads "you should have received" as information, not condescension', () => {
    expect(
      toneFlags([
        ['customer', 'Where is my confirmation?'],
        ['agent', 'You should have received an email with your booking. Du burde have fået en sms.'],
      ]),
    ).toEqual([]);
  });
});

describe('tone in context: words that are not aimed at the customer', () => {
  it('does not hold the customer’s quoted or echoed words against the agent', () => {
    expect(
      toneFlags([
        ['customer', 'This product is garbage, total crap, and the app is useless.'],
        ['agent', 'You said the product is "garbage" and total crap. I am sorry it is useless to you.'],
      ]),
    ).toEqual([]);
  });

  it('does not read self-deprecation or a cursed thing as an insult', () => {
    expect(
      toneFlags([
        ['agent', "Oh, I'm an idiot, I sent you the wrong link. My bad, stupid of me."],
        ['agent', 'This stupid printer keeps eating the labels, so I will email the label instead.'],
      ]),
    ).toEqual([]);
    expect(toneFlags([['agent', 'Jeg er en idiot, undskyld. Jeg sendte det forkerte link.']], 'da')).toEqual(
      [],
    );
  });

  it('raises an insult aimed at "you" to high', () => {
    expect(codes(toneFlags([['agent', 'You are an idiot.']]))).toEqual(['tone.rudeness:high']);
    expect(codes(toneFlags([['agent', 'Du er en idiot.']], 'da'))).toEqual(['tone.rudeness:high']);
  });

  it('keeps swearing in praise at low severity', () => {
    expect(
      codes(toneFlags([['agent', 'Ha, that was a damn good match last night! Your refund is on its way.']])),
    ).toEqual(['tone.profanity:low']);
  });
});

describe('the customer’s side in context', () => {
  const customerFlags = (turns: Turn[], language = 'en') =>
    scoreInteraction(chatEvent(turns, language), { policy: RULES_ONLY, now })
      .flags.filter((f) => f.code === 'tone.abusive_customer')
      .map((f) => f.severity);

  it('does not call a customer abusive for blaming themself or a thing', () => {
    expect(
      customerFlags([
        ['customer', "I'm such an idiot, I forgot my password again. This stupid router is useless too."],
        ['agent', 'No worries at all, I have sent you a reset link.'],
      ]),
    ).toEqual([]);
    expect(
      customerFlags(
        [
          ['customer', 'Jeg er en idiot, jeg har glemt min kode.'],
          ['agent', 'Det sker for alle. Jeg har sendt dig et nyt link.'],
        ],
        'da',
      ),
    ).toEqual([]);
  });

  it('still flags abuse aimed at the agent', () => {
    expect(
      customerFlags([
        ['customer', 'You are an idiot.'],
        ['agent', 'I am sorry you feel that way. Let me help with the password.'],
      ]),
    ).toEqual(['medium']);
  });
});
