import {
  InteractionEvent,
  type Policy,
  type ScoredInteraction,
  type TranscriptEntry,
} from '@rapport/schemas';
import { scoreInteraction } from '@rapport/scoring';
import { inControlSample } from './control-sample.js';

/**
 * Capacity baseline (SCORING_MODE=pass-through): everything the scorer does except analysis.
 * Two sample conversations are scored once, at startup: one an agent handles well, one with a
 * condescending reply (flagged). Each event takes the results of one of them, chosen by a hash
 * at the rate the real mix flags, with its own identity and transcript. So the Kafka and MongoDB
 * writes match the real pipeline's in count, size and shape (FerretDB's cost follows a
 * document's number of fields), while nothing is analysed per event. Never for production:
 * nothing is judged.
 */
export function createPassThrough(
  policy: Policy,
  flagRate: number,
  now: () => Date = () => new Date(),
): (event: InteractionEvent) => ScoredInteraction {
  const plain = scoreInteraction(sampleConversation(false), { policy });
  const flagged = scoreInteraction(sampleConversation(true), { policy });
  return (event) => {
    const template = inControlSample(event.tenantId, `${event.interactionId}#flag`, flagRate)
      ? flagged
      : plain;
    return {
      ...template,
      interactionId: event.interactionId,
      revision: event.revision,
      tenantId: event.tenantId,
      channel: event.channel,
      occurredAt: event.occurredAt,
      agent: event.agent,
      customer: event.customer,
      source: event.source,
      tags: event.tags ?? [],
      transcript: transcriptOf(event),
      engineVersion: 'pass-through',
      scoredAt: now().toISOString(),
    };
  };
}

function transcriptOf(event: InteractionEvent): TranscriptEntry[] {
  return event.channel === 'call'
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
}

/**
 * A support chat as the real mix has them: ordinary ones carry a low flag or two (here, no
 * closing), flagged ones a few more; `rude` makes one reply condescending.
 */
function sampleConversation(rude: boolean): InteractionEvent {
  const at = (minute: number) => new Date(Date.UTC(2025, 0, 6, 9, minute)).toISOString();
  const texts: [role: 'customer' | 'agent', text: string][] = [
    ['customer', 'Hi, I was charged twice for my subscription this month. Can you refund one of them?'],
    ['agent', 'Hello, thank you for reaching out! Let me look at your account.'],
    ['customer', 'Thanks. It was the Premium plan, both charges on the 3rd.'],
    [
      'agent',
      rude
        ? 'As I already said, it is all in the FAQ. Obviously you should read it before writing to us.'
        : 'I can see both charges. I have refunded the second one; it reaches your card within 5 business days.',
    ],
    ['customer', 'And will my next invoice be correct?'],
    ['agent', 'Yes, your next invoice will show the normal amount.'],
    ['customer', 'One more thing: can I move my billing date to the 15th?'],
  ];
  return InteractionEvent.parse({
    interactionId: 'pass-through-sample',
    revision: 1,
    tenantId: 'sample',
    occurredAt: at(0),
    channel: 'chat',
    language: 'en',
    agent: { id: 'sample-agent', teamId: 'sample-team' },
    customer: { id: 'sample-customer' },
    source: { system: 'sample' },
    messages: texts.map(([role, text], i) => ({ role, sentAt: at(i), text })),
  });
}
