/**
 * Conversations for the polite-agent check: the ABCD sample chats (crowdworkers told to be
 * courteous agents) turned into InteractionEvents, and a summary of how the engine routes them.
 */
import { readFileSync } from 'node:fs';
import { InteractionEvent, type ScoredInteraction } from '@rapport/schemas';

interface AbcdConversation {
  convo_id: number;
  original: [string, string][];
}

/** Reads an ABCD file: either a list of conversations or {split: [conversations], metadata}. */
export function readAbcd(path: string): InteractionEvent[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  // Besides the split's list of conversations, the file may hold a "metadata" object.
  const convos: AbcdConversation[] = Array.isArray(raw)
    ? (raw as AbcdConversation[])
    : Object.values(raw as Record<string, unknown>)
        .filter((v): v is AbcdConversation[] => Array.isArray(v))
        .flat();
  const base = Date.parse('2025-06-02T08:00:00Z');
  return convos.map((c, i) => {
    let t = base + i * 3_600_000;
    const messages = c.original
      // "action" lines are the agent's tool log, not words anyone said.
      .filter(([role, text]) => (role === 'agent' || role === 'customer') && text.trim() !== '')
      .map(([role, text]) => {
        t += 30_000;
        return { role, sentAt: new Date(t).toISOString(), text };
      });
    return InteractionEvent.parse({
      schemaVersion: 1,
      interactionId: `abcd-${c.convo_id}`,
      revision: 1,
      tenantId: 'eval',
      occurredAt: new Date(base + i * 3_600_000).toISOString(),
      agent: { id: 'abcd-agent', teamId: 'abcd' },
      customer: { id: `abcd-${c.convo_id}` },
      source: { system: 'abcd' },
      channel: 'chat',
      messages,
    });
  });
}

/** Flags about the customer's behaviour: context for the review, not a verdict on the agent. */
export const CUSTOMER_SIDE_FLAGS: ReadonlySet<string> = new Set([
  'tone.abusive_customer',
  'tone.customer_frustration',
]);

export interface RoutingSummary {
  conversations: number;
  /** Flagged for review with at least one agent-side tone or politeness flag at review severity. */
  routedForTonePoliteness: number;
  share: number;
  /** Conversations with a medium or higher agent-side tone flag. */
  mediumOrHighTone: number;
  /** Every agent-side tone/politeness flag raised: code, severity, conversation, evidence. */
  flags: { id: string; code: string; severity: string; evidence: string[] }[];
}

const RANK: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function summariseRouting(scored: readonly ScoredInteraction[], reviewAt: string): RoutingSummary {
  let routed = 0;
  let mediumOrHigh = 0;
  const flags: RoutingSummary['flags'] = [];
  for (const s of scored) {
    const agentSide = s.flags.filter(
      (f) => (f.dimension === 'tone' || f.dimension === 'politeness') && !CUSTOMER_SIDE_FLAGS.has(f.code),
    );
    if (agentSide.some((f) => (RANK[f.severity] ?? 0) >= (RANK[reviewAt] ?? 1))) routed++;
    if (agentSide.some((f) => f.dimension === 'tone' && (RANK[f.severity] ?? 0) >= 1)) mediumOrHigh++;
    for (const f of agentSide)
      flags.push({
        id: s.interactionId,
        code: f.code,
        severity: f.severity,
        evidence: f.evidence.slice(0, 3).map((e) => e.text),
      });
  }
  const n = scored.length;
  return {
    conversations: n,
    routedForTonePoliteness: routed,
    share: n === 0 ? 0 : routed / n,
    mediumOrHighTone: mediumOrHigh,
    flags,
  };
}
