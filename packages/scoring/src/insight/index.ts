import type { InteractionInsight } from '@rapport/schemas';
import type { AnalysisContext, DimensionResult } from '../engine/context.js';
import { round2 } from '../engine/context.js';
import { extractKeyphrases } from './keyphrases.js';

/**
 * A call's first response: from the end of the customer's first segment to the start of the
 * agent's next one. The responsiveness scorer measures silences, not this, on calls.
 */
function callFirstResponseSec(ctx: AnalysisContext): number | null {
  const segments = ctx.interaction.messages;
  const first = segments.findIndex((s) => s.role === 'customer' && s.endSec !== undefined);
  if (first < 0) return null;
  const customerEnd = segments[first]?.endSec as number;
  for (let i = first + 1; i < segments.length; i++) {
    const s = segments[i];
    if (s?.role === 'agent' && s.startSec !== undefined) return round2(Math.max(0, s.startSec - customerEnd));
  }
  return null;
}

/**
 * E-mail and chat: the responsiveness scorer already measured it (its
 * `responsiveness.first_response_sec` signal, absent when the agent started or never replied).
 */
function firstResponseSec(ctx: AnalysisContext, responsiveness: DimensionResult): number | null {
  if (ctx.interaction.channel === 'call') return callFirstResponseSec(ctx);
  const signal = responsiveness.signals.find((s) => s.name === 'responsiveness.first_response_sec');
  return signal === undefined ? null : signal.value;
}

/** What manager insights keep of every interaction: no customer text beyond redacted keyphrases. */
export function buildInsight(ctx: AnalysisContext, responsiveness: DimensionResult): InteractionInsight {
  return {
    keyphrases: extractKeyphrases(ctx.customer, ctx.lang),
    firstResponseSec: firstResponseSec(ctx, responsiveness),
    messages: { customer: ctx.customer.length, agent: ctx.agent.length },
  };
}
