import { describe, expect, it } from 'vitest';
import { InteractionEvent } from '@rapport/schemas';
import { DEFAULT_POLICY } from '@rapport/scoring';
import { createPassThrough } from './pass-through.js';
import { chatEvent, POLITE_REPLY } from './test-support/events.js';

describe('the pass-through baseline', () => {
  const passThrough = createPassThrough(DEFAULT_POLICY, 0.2, () => new Date('2026-03-02T00:00:00Z'));
  const results = Array.from({ length: 2_000 }, (_, i) =>
    passThrough(InteractionEvent.parse(chatEvent(`int-${i}`, POLITE_REPLY))),
  );

  it('flags the share it is told to, by a hash of the interaction (the same on every run)', () => {
    const flagged = results.filter((r) => r.flagged).length;
    expect(flagged / results.length).toBeGreaterThan(0.18);
    expect(flagged / results.length).toBeLessThan(0.22);
    const again = createPassThrough(DEFAULT_POLICY, 0.2);
    expect(results.slice(0, 50).map((r) => r.flagged)).toEqual(
      results
        .slice(0, 50)
        .map((r) => again(InteractionEvent.parse(chatEvent(r.interactionId, POLITE_REPLY))).flagged),
    );
  });

  it("keeps each event's identity and transcript, with a real engine result's flags and scores", () => {
    const flagged = results.find((r) => r.flagged)!;
    const plain = results.find((r) => !r.flagged)!;
    expect(flagged.interactionId).toMatch(/^int-\d+$/);
    expect(flagged.transcript.map((t) => t.text)).toEqual([
      'Hi, my parcel has not arrived. Where is it?',
      POLITE_REPLY,
    ]);
    expect(flagged.engineVersion).toBe('pass-through');
    expect(flagged.scoredAt).toBe('2026-03-02T00:00:00.000Z');
    expect(flagged.flags.map((f) => f.code)).toContain('tone.condescension');
    expect(plain.flags.length).toBeGreaterThan(0);
    expect(plain.scores.politeness.score).not.toBeNull();
  });
});
