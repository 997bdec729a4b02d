import { z } from 'zod';
import { idString, LanguageTag, TenantId, Timestamp, utf8ByteLength } from './common.js';
import { DEFAULT_EVENT_LIMITS, type EventLimits } from './limits.js';

/**
 * InteractionEvent v1: what producers publish to `rapport.interactions.v1`, keyed by interactionId.
 * One event carries a whole interaction (an e-mail thread, a chat, a call transcript) at one
 * revision; a higher revision of the same interactionId supersedes the lower.
 */
export function createInteractionEventSchema(limits: EventLimits = DEFAULT_EVENT_LIMITS) {
  const text = z.string().max(limits.maxTextChars, `must be at most ${limits.maxTextChars} characters`);
  const name = z.string().max(limits.maxNameChars, `must be at most ${limits.maxNameChars} characters`);

  const common = {
    schemaVersion: z.literal(1).default(1),
    interactionId: idString(limits.maxIdChars).describe('Producer-assigned, stable across revisions.'),
    revision: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
    tenantId: TenantId,
    occurredAt: Timestamp.describe('When the interaction started.'),
    language: LanguageTag.optional().describe('Detected from the text when absent.'),
    agent: z.object({
      id: idString(limits.maxIdChars),
      name: name.optional(),
      teamId: idString(limits.maxIdChars),
    }),
    customer: z.object({
      id: idString(limits.maxIdChars).describe('Pseudonymous: never an e-mail or a name.'),
    }),
    source: z.object({
      system: idString(limits.maxNameChars),
      externalId: idString(limits.maxIdChars).optional(),
    }),
    tags: z
      .array(z.string().min(1).max(limits.maxTagChars, `must be at most ${limits.maxTagChars} characters`))
      .max(limits.maxTags, `must have at most ${limits.maxTags} tags`)
      .optional(),
  };

  const EmailMessage = z
    .object({
      role: z.enum(['agent', 'customer']),
      sentAt: Timestamp,
      subject: name.optional(),
      bodyText: text.optional(),
      bodyHtml: text.optional(),
      inReplyTo: idString(limits.maxIdChars).optional(),
    })
    .refine((m) => m.bodyText !== undefined || m.bodyHtml !== undefined, {
      message: 'an e-mail message needs bodyText or bodyHtml (or both)',
      path: ['bodyText'],
    });

  const ChatMessage = z.object({
    role: z.enum(['agent', 'customer', 'bot', 'system']),
    sentAt: Timestamp,
    text,
  });

  const CallSegment = z
    .object({
      speaker: z.enum(['agent', 'customer']),
      startSec: z.number().min(0, 'must be 0 or more'),
      endSec: z.number().min(0, 'must be 0 or more'),
      text,
      confidence: z.number().min(0).max(1).optional(),
    })
    .refine((s) => s.endSec >= s.startSec, {
      message: 'endSec must be at or after startSec',
      path: ['endSec'],
    });

  const messages = <T extends z.ZodType>(item: T) =>
    z
      .array(item)
      .min(1, 'must have at least one message')
      .max(limits.maxMessages, `must have at most ${limits.maxMessages} messages`);

  const Email = z.object({ ...common, channel: z.literal('email'), messages: messages(EmailMessage) });
  const Chat = z.object({ ...common, channel: z.literal('chat'), messages: messages(ChatMessage) });
  const Call = z.object({
    ...common,
    channel: z.literal('call'),
    segments: z
      .array(CallSegment)
      .min(1, 'must have at least one segment')
      .max(limits.maxSegments, `must have at most ${limits.maxSegments} segments`),
    durationSec: z.number().min(0).max(limits.maxCallSec, `must be at most ${limits.maxCallSec} seconds`),
    recordingUrl: z.url().max(2048).optional(),
  });

  return z.discriminatedUnion('channel', [Email, Chat, Call]).superRefine((event, ctx) => {
    let bytes = 0;
    if (event.channel === 'call') {
      let prevStart = 0;
      event.segments.forEach((s, i) => {
        bytes += utf8ByteLength(s.text);
        if (s.startSec < prevStart) {
          ctx.addIssue({
            code: 'custom',
            path: ['segments', i, 'startSec'],
            message: 'segments must be ordered by startSec',
          });
        }
        if (s.endSec > event.durationSec + 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['segments', i, 'endSec'],
            message: 'segment ends after durationSec',
          });
        }
        prevStart = s.startSec;
      });
    } else {
      for (const m of event.messages) {
        if ('text' in m) bytes += utf8ByteLength(m.text);
        else
          bytes +=
            utf8ByteLength(m.bodyText ?? '') +
            utf8ByteLength(m.bodyHtml ?? '') +
            utf8ByteLength(m.subject ?? '');
      }
    }
    if (bytes > limits.maxTotalTextBytes) {
      ctx.addIssue({
        code: 'too_big',
        origin: 'string',
        maximum: limits.maxTotalTextBytes,
        path: [event.channel === 'call' ? 'segments' : 'messages'],
        message: `total text is ${bytes} bytes; the limit is ${limits.maxTotalTextBytes} bytes`,
      });
    }
  });
}

export const InteractionEvent = createInteractionEventSchema();
export type InteractionEvent = z.infer<typeof InteractionEvent>;
export type InteractionEventInput = z.input<typeof InteractionEvent>;
export type EmailInteraction = Extract<InteractionEvent, { channel: 'email' }>;
export type ChatInteraction = Extract<InteractionEvent, { channel: 'chat' }>;
export type CallInteraction = Extract<InteractionEvent, { channel: 'call' }>;
export type EmailMessage = EmailInteraction['messages'][number];
export type ChatMessage = ChatInteraction['messages'][number];
export type CallSegment = CallInteraction['segments'][number];
