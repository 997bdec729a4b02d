import { describe, expect, it } from 'vitest';
import {
  applyReviewCommand,
  decisionOn,
  hasAgentFacingOutcome,
  initialReviewState,
  type TransitionContext,
} from './transitions.js';
import type { ReviewError } from './errors.js';

const at = new Date('2026-03-02T10:00:00Z');
const ctx: TransitionContext = {
  by: 'mona',
  at,
  flagCodes: ['tone.rudeness', 'clarity.jargon'],
  control: false,
};
const start = () => initialReviewState('acme', 'int-1', at);

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as ReviewError).code;
  }
  return 'no error';
};

describe('applyReviewCommand', () => {
  it('records a decision per flag and resolves once every flag is decided', () => {
    const one = applyReviewCommand(start(), { action: 'confirm_flag', code: 'tone.rudeness' }, ctx);
    expect(one.version).toBe(1);
    expect(one.status).toBe('open');
    expect(one.flagDecisions).toEqual([
      { code: 'tone.rudeness', decision: 'confirmed', by: 'mona', at: at.toISOString() },
    ]);
    const two = applyReviewCommand(
      one,
      { action: 'dismiss_flag', code: 'clarity.jargon', note: 'fine here' },
      ctx,
    );
    expect(two.version).toBe(2);
    expect(two.status).toBe('resolved');
    expect(decisionOn(two, 'clarity.jargon')?.decision).toBe('dismissed');
    expect(decisionOn(two, 'clarity.jargon')?.note).toBe('fine here');
  });

  it('refuses a flag code the interaction does not carry, naming the ones it does', () => {
    expect(() =>
      applyReviewCommand(start(), { action: 'confirm_flag', code: 'tone.profanity' }, ctx),
    ).toThrow(/no flag "tone.profanity"; its flags are: tone.rudeness, clarity.jargon/);
  });

  it('lets the agent dispute a confirmed flag, and a ruling settles it for good', () => {
    let s = applyReviewCommand(start(), { action: 'confirm_flag', code: 'tone.rudeness' }, ctx);
    expect(hasAgentFacingOutcome(s)).toBe(true);
    s = applyReviewCommand(
      s,
      { action: 'dispute', note: 'the customer asked me to be blunt' },
      { ...ctx, by: 'ag-7' },
    );
    expect(s.status).toBe('disputed');
    expect(codeOf(() => applyReviewCommand(s, { action: 'dispute', note: 'again' }, ctx))).toBe(
      'INVALID_TRANSITION',
    );
    s = applyReviewCommand(s, { action: 'rule', outcome: 'overturned', note: 'agreed' }, ctx);
    expect(s.status).toBe('resolved');
    expect(s.ruling?.outcome).toBe('overturned');
    // Overturned: the confirmed flag counts as a false positive from now on.
    expect(decisionOn(s, 'tone.rudeness')?.decision).toBe('dismissed');
    expect(codeOf(() => applyReviewCommand(s, { action: 'confirm_flag', code: 'tone.rudeness' }, ctx))).toBe(
      'INVALID_TRANSITION',
    );
    expect(codeOf(() => applyReviewCommand(s, { action: 'reopen' }, ctx))).toBe('INVALID_TRANSITION');
    // Notes stay possible after a ruling.
    expect(applyReviewCommand(s, { action: 'note', text: 'closed' }, ctx).notes).toHaveLength(1);
  });

  it('refuses acknowledge or dispute when there is nothing to answer', () => {
    expect(codeOf(() => applyReviewCommand(start(), { action: 'acknowledge' }, ctx))).toBe(
      'INVALID_TRANSITION',
    );
    const dismissed = applyReviewCommand(start(), { action: 'dismiss_flag', code: 'tone.rudeness' }, ctx);
    expect(codeOf(() => applyReviewCommand(dismissed, { action: 'dispute', note: 'x' }, ctx))).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('only rules on disputed reviews and only records control verdicts on control items', () => {
    expect(
      codeOf(() => applyReviewCommand(start(), { action: 'rule', outcome: 'upheld', note: 'x' }, ctx)),
    ).toBe('INVALID_TRANSITION');
    expect(
      codeOf(() => applyReviewCommand(start(), { action: 'control_verdict', verdict: 'missed' }, ctx)),
    ).toBe('INVALID_TRANSITION');
    const v = applyReviewCommand(
      start(),
      { action: 'control_verdict', verdict: 'missed', note: 'sarcasm' },
      { ...ctx, flagCodes: [], control: true },
    );
    expect(v.controlVerdict).toEqual({
      verdict: 'missed',
      note: 'sarcasm',
      by: 'mona',
      at: at.toISOString(),
    });
    expect(v.status).toBe('resolved');
  });

  it('escalates, assigns and unassigns with clear refusals for no-ops', () => {
    let s = applyReviewCommand(start(), { action: 'escalate', note: 'legal should see this' }, ctx);
    expect(s.status).toBe('escalated');
    expect(codeOf(() => applyReviewCommand(s, { action: 'escalate', note: 'again' }, ctx))).toBe(
      'INVALID_TRANSITION',
    );
    s = applyReviewCommand(s, { action: 'assign', assignee: 'mona' }, ctx);
    expect(s.assignee).toBe('mona');
    expect(codeOf(() => applyReviewCommand(s, { action: 'assign', assignee: 'mona' }, ctx))).toBe(
      'INVALID_TRANSITION',
    );
    s = applyReviewCommand(s, { action: 'unassign' }, ctx);
    expect(s.assignee).toBeNull();
    expect(s.version).toBe(3);
  });
});
