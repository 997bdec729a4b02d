import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scores, TranscriptEntry } from '@rapport/schemas';
import { decodeInteraction, encodeInteraction } from './interaction-codec.js';
import type { InteractionDocument } from './interactions.js';
import { minimisedInteraction } from './retention.js';

const dimension = (score: number | null, value = 1) => ({
  score,
  signals: [
    {
      name: 'condescension',
      value,
      impact: -12.5,
      evidence: [{ messageIndex: 1, start: 0, end: 17, text: 'As I already said', rule: 'tone.x' }],
    },
  ],
});
const scoreDetails: Scores = {
  politeness: dimension(80),
  tone: dimension(41.5, 0.25),
  accuracy: dimension(null),
  clarity: dimension(100),
  responsiveness: dimension(90),
  compliance: dimension(75),
};
const transcript: TranscriptEntry[] = [
  { index: 0, role: 'customer', at: '2026-03-02T09:00:00.000Z', text: 'Hej, æøå "quoted" \\ \u2028 😀' },
  { index: 1, role: 'agent', startSec: 1.5, endSec: 3.25, text: 'As I already said, read the manual.' },
];

function interaction(extra: Partial<InteractionDocument> = {}): InteractionDocument {
  return {
    _id: 'acme:i-1',
    tenantId: 'acme',
    interactionId: 'i-1',
    revision: 2,
    channel: 'chat',
    occurredAt: new Date('2026-03-02T09:00:00Z'),
    agent: { id: 'ag-1', teamId: 'support' },
    customerId: 'cu-1',
    source: { system: 'zendesk' },
    tags: [],
    language: { code: 'en', detected: true, supported: true },
    scores: { politeness: 80, tone: 41.5, accuracy: null, clarity: 100, responsiveness: 90, compliance: 75 },
    overall: 77,
    flags: [],
    flagCodes: [],
    flagDimensions: [],
    flagged: true,
    maxSeverity: 'medium',
    severityRank: 2,
    redactions: {},
    review: { status: 'open', control: false },
    policy: { id: 'default', version: '1.0.0' },
    engineVersion: '1.0.0',
    scoredAt: new Date('2026-03-02T09:01:00Z'),
    storedAt: new Date('2026-03-02T09:01:01Z'),
    ...extra,
  };
}

describe('stored interaction codec', () => {
  it('stores the transcript and score details as JSON text and reads them back unchanged', () => {
    const doc = interaction({ transcript, scoreDetails });
    const stored = encodeInteraction(doc);
    expect(typeof stored.transcript).toBe('string');
    expect(typeof stored.scoreDetails).toBe('string');
    // Everything else stays as it was: queries and indexes see the same fields.
    const { transcript: _t, scoreDetails: _s, ...plain } = stored;
    const { transcript: _dt, scoreDetails: _ds, ...docPlain } = doc;
    expect(plain).toEqual(docPlain);
    expect(decodeInteraction(stored)).toEqual(doc);
  });

  it('stores the customer outcome plain and its evidence as JSON text, and reads both back', () => {
    const outcomeDetails = [
      {
        name: 'outcome.resolved',
        value: 1,
        impact: 15,
        evidence: [{ messageIndex: 0, start: 0, end: 3, text: 'Hej', rule: 'outcome.resolved:x' }],
      },
    ];
    const doc = interaction({
      engineVersion: '2.0.0',
      outcome: { score: 65, summary: 'Good for the customer (65).' },
      outcomeDetails,
      transcript,
    });
    const stored = encodeInteraction(doc);
    expect(stored.outcome).toEqual({ score: 65, summary: 'Good for the customer (65).' });
    expect(stored.outcomeDetails).toBe(JSON.stringify(outcomeDetails));
    expect(decodeInteraction(stored)).toEqual(doc);
  });

  it('retention minimises the outcome evidence with the transcript, keeping score and summary', () => {
    const outcome = { score: 30, summary: 'Poor for the customer (30).' };
    const doc = interaction({
      outcome,
      outcomeDetails: [{ name: 'outcome.thanks', value: 1, impact: 10 }],
      transcript,
    });
    const minimised = minimisedInteraction(doc);
    expect('outcomeDetails' in minimised || 'transcript' in minimised).toBe(false);
    expect(minimised.outcome).toEqual(outcome);
  });

  it('reads documents of engine 1.x, which have no outcome, unchanged', () => {
    const doc = interaction({ transcript, scoreDetails });
    const decoded = decodeInteraction(encodeInteraction(doc));
    expect(decoded).toEqual(doc);
    expect('outcome' in decoded || 'outcomeDetails' in decoded).toBe(false);
  });

  it('leaves interactions without a transcript (unflagged) without either field', () => {
    const doc = interaction({ flagged: false });
    const stored = encodeInteraction(doc);
    expect('transcript' in stored || 'scoreDetails' in stored).toBe(false);
    expect(decodeInteraction(stored)).toEqual(doc);
  });

  it('reads documents stored before the encoding, with structured parts', () => {
    const legacy = interaction({ transcript, scoreDetails });
    expect(decodeInteraction(legacy)).toEqual(legacy);
  });

  it('decodes projections that carry only some fields', () => {
    const stored = encodeInteraction(interaction({ transcript, scoreDetails }));
    expect(decodeInteraction({ _id: stored._id, transcript: stored.transcript })).toEqual({
      _id: 'acme:i-1',
      transcript,
    });
  });

  it('round-trips any transcript text and any score', () => {
    const entry = fc.record({
      index: fc.nat(),
      role: fc.constantFrom('agent', 'customer', 'bot', 'system'),
      text: fc.string({ unit: 'binary' }),
      startSec: fc.integer({ min: 0, max: 100_000 }).map((n) => n / 10),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 20 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (t, v) => {
          const doc = interaction({
            transcript: t,
            scoreDetails: { ...scoreDetails, tone: dimension(50, Object.is(v, -0) ? 0 : v) },
          });
          expect(decodeInteraction(encodeInteraction(doc))).toEqual(doc);
        },
      ),
    );
  });
});
