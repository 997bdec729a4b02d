import { describe, expect, it } from 'vitest';
import { InteractionEvent } from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import { decodeInteraction } from '@rapport/store';
import { analyse, type AnalysisSettings } from './analysis.js';
import {
  bytes,
  chatEvent as chat,
  POLITE_REPLY as POLITE,
  RUDE_REPLY as RUDE,
} from './test-support/events.js';

const settings: AnalysisSettings = {
  policy: DEFAULT_POLICY,
  score: (event) => scoreInteraction(event, { policy: DEFAULT_POLICY }),
  maxEventBytes: 64 * 1024,
};

describe('analysing one message', () => {
  it('scores a valid event: the published value leaves the transcript out, the stored document keeps it when flagged', () => {
    const result = analyse(bytes(chat('int-rude', RUDE)), settings);
    if (!result.ok) throw new Error(result.message);
    const expected = scoreInteraction(InteractionEvent.parse(chat('int-rude', RUDE)), {
      policy: DEFAULT_POLICY,
    });
    expect(result).toMatchObject({
      tenantId: 'acme',
      interactionId: 'int-rude',
      channel: 'chat',
      flagged: true,
      maxSeverity: expected.maxSeverity,
    });
    const published = JSON.parse(result.value) as Record<string, unknown>;
    expect(published.transcript).toEqual([]);
    expect(published.controlSample).toBe(false);
    expect(published.flags).toEqual(expected.flags);
    const stored = decodeInteraction(result.doc);
    expect(stored._id).toBe('acme:int-rude');
    expect(stored.transcript).toEqual(expected.transcript);
    expect(stored.review).toEqual({ status: 'open', control: false });
  });

  it('stores an unflagged interaction without its transcript (data minimisation)', () => {
    const result = analyse(bytes(chat('int-polite', POLITE)), settings);
    if (!result.ok) throw new Error(result.message);
    expect(result.flagged).toBe(false);
    expect(result.doc.transcript).toBeUndefined();
    expect(result.doc.scoreDetails).toBeUndefined();
    expect(result.doc.review.status).toBe('not_flagged');
  });

  it('rejects what cannot be scored, with the dead-letter code and the issue paths', () => {
    expect(analyse(Buffer.from('{"interactionId": '), settings)).toMatchObject({
      ok: false,
      code: 'INVALID_JSON',
    });
    expect(analyse(null, settings)).toMatchObject({ ok: false, code: 'INVALID_JSON' });
    const invalid = analyse(bytes({ ...chat('int-bad', POLITE), revision: 0 }), settings);
    expect(invalid).toMatchObject({ ok: false, code: 'SCHEMA_VIOLATION' });
    expect(!invalid.ok && invalid.issues.map((i) => i.path)).toEqual(['revision']);
    const big = analyse(Buffer.alloc(64 * 1024 + 1, 0x20), settings);
    expect(big).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('turns an engine failure into SCORING_FAILED naming the interaction, instead of throwing', () => {
    const failing: AnalysisSettings = {
      ...settings,
      score: () => {
        throw new RangeError('cannot read "my cpr is 150782-1234"');
      },
    };
    const result = analyse(bytes(chat('int-x', POLITE)), failing);
    expect(result).toMatchObject({
      ok: false,
      code: 'SCORING_FAILED',
      message:
        "the scoring engine failed (RangeError); the event is in the dead letter's payload, the stack in the scorer's log",
      interactionId: 'int-x',
    });
    // The stack keeps its frames for the log, without the message that quoted the text.
    expect(!result.ok && result.stack).toMatch(/^ {4}at /);
    expect(!result.ok && result.stack).not.toContain('150782');
  });
});
