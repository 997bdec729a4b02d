import { describe, expect, it } from 'vitest';
import { ReviewError } from './errors.js';
import {
  applyReviewCommand,
  initialReviewState,
  REVIEW_LIMITS,
  reviewChange,
  type TransitionContext,
} from './transitions.js';

const at = new Date('2026-03-02T10:00:00Z');
const ctx: TransitionContext = { by: 'mona', at, flagCodes: ['tone.rudeness'], control: false };

describe('review bounds', () => {
  it('refuses the 101st note and the 101st comment with LIMIT_REACHED, saying what the limit is', () => {
    let s = initialReviewState('acme', 'int-1', at);
    for (let i = 0; i < REVIEW_LIMITS.notes; i++)
      s = applyReviewCommand(s, { action: 'note', text: `n${i}` }, ctx);
    for (let i = 0; i < REVIEW_LIMITS.comments; i++)
      s = applyReviewCommand(s, { action: 'comment', text: `c${i}` }, ctx);
    expect(s.notes).toHaveLength(100);
    for (const command of [
      { action: 'note', text: 'one more' },
      { action: 'comment', text: 'one more' },
    ] as const) {
      let err: unknown;
      try {
        applyReviewCommand(s, command, ctx);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ReviewError);
      expect((err as ReviewError).code).toBe('LIMIT_REACHED');
      expect((err as ReviewError).message).toContain('already has 100');
    }
    // Decisions still work on a full review.
    expect(applyReviewCommand(s, { action: 'confirm_flag', code: 'tone.rudeness' }, ctx).status).toBe(
      'resolved',
    );
  });

  it('keeps an overturned ruling note within the contract limit', () => {
    let s = initialReviewState('acme', 'int-1', at);
    s = applyReviewCommand(s, { action: 'confirm_flag', code: 'tone.rudeness' }, ctx);
    s = applyReviewCommand(s, { action: 'dispute', note: 'no' }, ctx);
    s = applyReviewCommand(s, { action: 'rule', outcome: 'overturned', note: 'x'.repeat(4000) }, ctx);
    expect(s.flagDecisions[0]!.note).toHaveLength(4000);
  });
});

describe('reviewChange', () => {
  it('records a note as the note added, not two copies of the review', () => {
    let s = initialReviewState('acme', 'int-1', at);
    for (let i = 0; i < 50; i++) s = applyReviewCommand(s, { action: 'note', text: 'x'.repeat(4000) }, ctx);
    const later = new Date('2026-03-02T11:00:00Z');
    const next = applyReviewCommand(s, { action: 'note', text: 'the 51st' }, { ...ctx, at: later });
    const change = reviewChange(s, next, true);
    expect(change).toEqual({
      before: { version: 50, updatedAt: '2026-03-02T10:00:00.000Z' },
      after: {
        version: 51,
        updatedAt: '2026-03-02T11:00:00.000Z',
        notesAdded: [{ by: 'mona', at: '2026-03-02T11:00:00.000Z', text: 'the 51st' }],
      },
    });
    // The entry is the size of the change: well under a kilobyte beside ~200 KB of notes.
    expect(JSON.stringify(change.after).length).toBeLessThan(200);
  });

  it('records changed fields with old and new values, and a first action with before null', () => {
    const s0 = initialReviewState('acme', 'int-1', at);
    const s1 = applyReviewCommand(s0, { action: 'assign', assignee: 'mona' }, ctx);
    expect(reviewChange(s0, s1, false)).toEqual({
      before: null,
      after: { version: 1, assignee: 'mona' },
    });
    const s2 = applyReviewCommand(s1, { action: 'confirm_flag', code: 'tone.rudeness' }, ctx);
    const c = reviewChange(s1, s2, true);
    expect(c.before).toEqual({ version: 1, status: 'open', flagDecisions: [] });
    expect(c.after).toMatchObject({
      version: 2,
      status: 'resolved',
      flagDecisions: [{ code: 'tone.rudeness' }],
    });
  });
});
