import type { InteractionEvent, Policy, ScoredInteraction, TranscriptEntry } from '@rapport/schemas';
import { inControlSample } from './control-sample.js';

const EMPTY = { score: null, signals: [] };

/**
 * Capacity baseline (SCORING_MODE=pass-through): everything the scorer does except analysis.
 * The same share of interactions is "flagged" (by a hash, at the rate the real mix shows) and
 * carries its transcript, so the Kafka and MongoDB writes match the real pipeline's in count
 * and roughly in size. Never for production: nothing is judged.
 */
export function passThroughScore(
  event: InteractionEvent,
  policy: Policy,
  now: () => Date,
  flagRate = 0.15,
): ScoredInteraction {
  const flagged = inControlSample(event.tenantId, `${event.interactionId}#flag`, flagRate);
  const transcript: TranscriptEntry[] =
    event.channel === 'call'
      ? event.segments.map((s, index) => ({
          index,
          role: s.speaker,
          startSec: s.startSec,
          endSec: s.endSec,
          text: s.text,
        }))
      : event.messages.map((m, index) => ({
          index,
          role: m.role,
          at: m.sentAt,
          text: 'text' in m ? m.text : (m.bodyText ?? m.bodyHtml ?? ''),
        }));
  return {
    schemaVersion: 1,
    interactionId: event.interactionId,
    revision: event.revision,
    tenantId: event.tenantId,
    channel: event.channel,
    occurredAt: event.occurredAt,
    agent: event.agent,
    customer: event.customer,
    source: event.source,
    tags: event.tags ?? [],
    language: { code: event.language ?? 'und', detected: false, supported: false },
    scores: {
      politeness: EMPTY,
      tone: EMPTY,
      accuracy: EMPTY,
      clarity: EMPTY,
      responsiveness: EMPTY,
      compliance: EMPTY,
    },
    overall: null,
    flags: flagged
      ? [
          {
            code: 'baseline.pass_through',
            dimension: 'tone',
            severity: 'medium',
            message: 'capacity baseline',
            evidence: [],
          },
        ]
      : [],
    flagged,
    maxSeverity: flagged ? 'medium' : null,
    redactions: {},
    transcript,
    policy: { id: policy.id, version: policy.version },
    engineVersion: 'pass-through',
    scoredAt: now().toISOString(),
  };
}
