import { REVIEW_TEXT_MAX, type ReviewAction, type ReviewState } from '@rapport/schemas';
import { ReviewError } from './errors.js';

/** A change a person asks for. Notes are plain text; they are escaped wherever shown. */
export type ReviewCommand =
  | { action: 'confirm_flag'; code: string; note?: string }
  | { action: 'dismiss_flag'; code: string; note?: string }
  | { action: 'coach'; note: string }
  | { action: 'escalate'; note: string }
  | { action: 'resolve' }
  | { action: 'reopen' }
  | { action: 'note'; text: string }
  | { action: 'comment'; text: string }
  | { action: 'assign'; assignee: string }
  | { action: 'unassign' }
  | { action: 'acknowledge'; note?: string }
  | { action: 'dispute'; note: string }
  | { action: 'rule'; outcome: 'upheld' | 'overturned'; note: string }
  | { action: 'control_verdict'; verdict: 'clean' | 'missed'; note?: string };

/**
 * Most notes, and most comments, one review holds. Each is at most REVIEW_TEXT_MAX (schemas) characters,
 * so a review document stays well under a megabyte (MongoDB's limit is 16 MiB) however long a
 * discussion runs.
 */
export const REVIEW_LIMITS = { notes: 100, comments: 100 } as const;

function checkRoom(list: readonly unknown[], kind: keyof typeof REVIEW_LIMITS): void {
  if (list.length >= REVIEW_LIMITS[kind])
    throw new ReviewError(
      'LIMIT_REACHED',
      `this review already has ${REVIEW_LIMITS[kind]} ${kind}, the most one review holds; ` +
        `no more can be added (summarise the discussion in the coaching note or escalate instead)`,
    );
}

/** Actions only the agent concerned may take; all others are managers'. */
export const AGENT_ACTIONS: ReadonlySet<ReviewAction> = new Set(['acknowledge', 'dispute']);

export interface TransitionContext {
  by: string;
  at: Date;
  /** Flag codes the interaction carries (the latest revision). */
  flagCodes: readonly string[];
  /** Unflagged interaction in the queue as part of the control sample. */
  control: boolean;
}

export function initialReviewState(tenantId: string, interactionId: string, at: Date): ReviewState {
  return {
    tenantId,
    interactionId,
    version: 0,
    status: 'open',
    assignee: null,
    flagDecisions: [],
    coaching: null,
    notes: [],
    comments: [],
    escalation: null,
    agentResponse: null,
    ruling: null,
    controlVerdict: null,
    updatedAt: at.toISOString(),
  };
}

const invalid = (message: string) => new ReviewError('INVALID_TRANSITION', message);

/** True when the agent has something to answer: a confirmed flag or a coaching note. */
export function hasAgentFacingOutcome(s: ReviewState): boolean {
  return s.coaching !== null || s.flagDecisions.some((d) => d.decision === 'confirmed');
}

/**
 * The review workflow as one pure function: the state after `command`, version + 1, or a
 * ReviewError saying why the command does not fit. A ruling on a dispute is final: afterwards
 * decisions, disputes and rulings are locked; notes and comments stay open.
 */
export function applyReviewCommand(
  state: ReviewState,
  command: ReviewCommand,
  ctx: TransitionContext,
): ReviewState {
  const at = ctx.at.toISOString();
  const next: ReviewState = { ...state, version: state.version + 1, updatedAt: at };
  const locked = state.ruling !== null;
  const lockedMessage = 'a ruling on the dispute is final: decisions can no longer change';
  switch (command.action) {
    case 'confirm_flag':
    case 'dismiss_flag': {
      if (locked) throw invalid(lockedMessage);
      if (!ctx.flagCodes.includes(command.code))
        throw new ReviewError(
          'UNKNOWN_FLAG',
          `this interaction has no flag "${command.code}"; its flags are: ${ctx.flagCodes.join(', ') || 'none'}`,
        );
      next.flagDecisions = [
        ...state.flagDecisions.filter((d) => d.code !== command.code),
        {
          code: command.code,
          decision: command.action === 'confirm_flag' ? 'confirmed' : 'dismissed',
          by: ctx.by,
          at,
          ...(command.note ? { note: command.note } : {}),
        },
      ];
      // Every flag decided: the review is done unless it is escalated or disputed.
      if (state.status === 'open' && ctx.flagCodes.every((c) => next.flagDecisions.some((d) => d.code === c)))
        next.status = 'resolved';
      return next;
    }
    case 'coach':
      if (locked) throw invalid(lockedMessage);
      next.coaching = { by: ctx.by, at, text: command.note };
      return next;
    case 'escalate':
      if (state.status === 'escalated') throw invalid('the review is already escalated');
      if (locked) throw invalid(lockedMessage);
      next.escalation = { by: ctx.by, at, text: command.note };
      next.status = 'escalated';
      return next;
    case 'resolve':
      if (state.status === 'resolved') throw invalid('the review is already resolved');
      if (state.status === 'disputed') throw invalid('a disputed review is closed by a ruling');
      next.status = 'resolved';
      return next;
    case 'reopen':
      if (state.status === 'open') throw invalid('the review is already open');
      if (locked) throw invalid(lockedMessage);
      next.status = 'open';
      return next;
    case 'note':
      checkRoom(state.notes, 'notes');
      next.notes = [...state.notes, { by: ctx.by, at, text: command.text }];
      return next;
    case 'comment':
      checkRoom(state.comments, 'comments');
      next.comments = [...state.comments, { by: ctx.by, at, text: command.text }];
      return next;
    case 'assign':
      if (state.assignee === command.assignee) throw invalid(`already assigned to ${command.assignee}`);
      next.assignee = command.assignee;
      return next;
    case 'unassign':
      if (state.assignee === null) throw invalid('the review has no assignee');
      next.assignee = null;
      return next;
    case 'acknowledge':
    case 'dispute': {
      if (!hasAgentFacingOutcome(state))
        throw invalid('there is no confirmed flag or coaching note to acknowledge or dispute');
      if (locked) throw invalid(lockedMessage);
      if (state.agentResponse?.kind === 'disputed')
        throw invalid('this review is already disputed and waits for a ruling');
      next.agentResponse = {
        kind: command.action === 'acknowledge' ? 'acknowledged' : 'disputed',
        note: command.note ?? '',
        at,
      };
      if (command.action === 'dispute') next.status = 'disputed';
      return next;
    }
    case 'rule': {
      if (state.status !== 'disputed') throw invalid('only a disputed review can be ruled on');
      next.ruling = { outcome: command.outcome, note: command.note, by: ctx.by, at };
      next.status = 'resolved';
      if (command.outcome === 'overturned') {
        // The agent was right: the confirmed flags were false positives and count as dismissed.
        next.flagDecisions = state.flagDecisions.map((d) =>
          d.decision === 'confirmed'
            ? {
                code: d.code,
                decision: 'dismissed' as const,
                by: ctx.by,
                at,
                // Within the contract's limit however long the ruling's note is.
                note: `overturned on dispute: ${command.note}`.slice(0, REVIEW_TEXT_MAX),
              }
            : d,
        );
        next.coaching = null;
      }
      return next;
    }
    case 'control_verdict':
      if (!ctx.control) throw invalid('only control-sample interactions take a control verdict');
      next.controlVerdict = {
        verdict: command.verdict,
        by: ctx.by,
        at,
        ...(command.note ? { note: command.note } : {}),
      };
      if (state.status === 'open') next.status = 'resolved';
      return next;
  }
}

/** The decision on one flag code, if any. */
export const decisionOn = (s: ReviewState, code: string) => s.flagDecisions.find((d) => d.code === code);

/** The audit record of a review change: only the fields that changed, never two whole copies. */
export interface ReviewChange {
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

const APPENDED = { notes: 'notesAdded', comments: 'commentsAdded' } as const;

/**
 * What a transition changed, for the audit log. Top-level fields that differ are kept with their
 * old and new values; notes and comments, which only grow, are recorded as the items added
 * (`notesAdded`, `commentsAdded`), so an entry's size is that of the change, not of the review.
 * `existed` false: the review did not exist before (its `before` is null).
 */
export function reviewChange(before: ReviewState, after: ReviewState, existed: boolean): ReviewChange {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof ReviewState)[]) {
    const a = after[key];
    const b = before[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if ((key === 'notes' || key === 'comments') && isExtension(before[key], after[key])) {
      now[APPENDED[key]] = after[key].slice(before[key].length);
      continue;
    }
    was[key] = b;
    now[key] = a;
  }
  return { before: existed ? was : null, after: now };
}

const isExtension = (b: readonly unknown[], a: readonly unknown[]) =>
  a.length > b.length && b.every((x, i) => JSON.stringify(x) === JSON.stringify(a[i]));
