import { describe, expect, it } from 'vitest';
import { createInteractionEventSchema, InteractionEvent } from './interaction-event.js';
import { DEFAULT_EVENT_LIMITS } from './limits.js';
import { toValidationIssues } from './issues.js';

const base = {
  interactionId: 'int-1',
  revision: 1,
  tenantId: 'acme',
  occurredAt: '2026-03-01T09:30:00Z',
  agent: { id: 'ag-7', name: 'Mette', teamId: 'billing' },
  customer: { id: 'cu-91' },
  source: { system: 'zendesk', externalId: 'Z-1' },
};

const email = {
  ...base,
  channel: 'email',
  messages: [
    { role: 'customer', sentAt: '2026-03-01T09:30:00Z', subject: 'Refund', bodyText: 'Where is my refund?' },
    { role: 'agent', sentAt: '2026-03-01T10:02:00Z', bodyHtml: '<p>Hello, it is on its way.</p>' },
  ],
};
const chat = {
  ...base,
  channel: 'chat',
  language: 'da-DK',
  messages: [
    { role: 'system', sentAt: '2026-03-01T09:30:00Z', text: 'Chat started' },
    { role: 'customer', sentAt: '2026-03-01T09:30:05Z', text: 'Hej' },
    { role: 'agent', sentAt: '2026-03-01T09:30:40Z', text: 'Hej, hvad kan jeg hjælpe med?' },
  ],
};
const call = {
  ...base,
  channel: 'call',
  durationSec: 30,
  segments: [
    { speaker: 'agent', startSec: 0, endSec: 4.5, text: 'Thank you for calling.', confidence: 0.93 },
    { speaker: 'customer', startSec: 5, endSec: 12, text: 'Hi, my router is broken.' },
  ],
};

function issuesOf(input: unknown) {
  const r = InteractionEvent.safeParse(input);
  if (r.success) throw new Error('expected a validation failure');
  return toValidationIssues(r.error);
}

describe('InteractionEvent', () => {
  it.each([
    ['email', email],
    ['chat', chat],
    ['call', call],
  ])('accepts a valid %s interaction and defaults schemaVersion to 1', (_, input) => {
    const parsed = InteractionEvent.parse(input);
    expect(parsed.channel).toBe(input.channel);
    expect(parsed.schemaVersion).toBe(1);
  });

  it('rejects an unknown channel, naming the discriminator', () => {
    const issues = issuesOf({ ...chat, channel: 'fax' });
    expect(issues[0]?.path).toBe('channel');
  });

  it('rejects an e-mail message with neither bodyText nor bodyHtml', () => {
    const bad = { ...email, messages: [{ role: 'agent', sentAt: '2026-03-01T10:00:00Z', subject: 'x' }] };
    expect(issuesOf(bad)).toEqual([expect.objectContaining({ path: 'messages.0.bodyText' })]);
  });

  it('rejects a bot role in e-mail but accepts it in chat', () => {
    const bad = { ...email, messages: [{ role: 'bot', sentAt: '2026-03-01T10:00:00Z', bodyText: 'hi' }] };
    expect(issuesOf(bad).map((i) => i.path)).toEqual(['messages.0.role']);
  });

  it('rejects a segment that ends before it starts', () => {
    const bad = { ...call, segments: [{ speaker: 'agent', startSec: 5, endSec: 4, text: 'x' }] };
    expect(issuesOf(bad).map((i) => i.path)).toEqual(['segments.0.endSec']);
  });

  it('rejects segments out of order', () => {
    const bad = {
      ...call,
      segments: [
        { speaker: 'agent', startSec: 10, endSec: 12, text: 'a' },
        { speaker: 'customer', startSec: 2, endSec: 3, text: 'b' },
      ],
    };
    expect(issuesOf(bad)).toEqual([
      expect.objectContaining({
        path: 'segments.1.startSec',
        message: 'segments must be ordered by startSec',
      }),
    ]);
  });

  it('rejects a revision of 0 and a fractional revision', () => {
    expect(issuesOf({ ...chat, revision: 0 }).map((i) => i.path)).toEqual(['revision']);
    expect(issuesOf({ ...chat, revision: 1.5 }).map((i) => i.path)).toEqual(['revision']);
  });

  it('rejects timestamps without a zone, before 1990, or far in the future', () => {
    expect(issuesOf({ ...chat, occurredAt: '2026-03-01T09:30:00' }).map((i) => i.path)).toEqual([
      'occurredAt',
    ]);
    expect(issuesOf({ ...chat, occurredAt: '1970-01-01T00:00:00Z' }).map((i) => i.path)).toEqual([
      'occurredAt',
    ]);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect(issuesOf({ ...chat, occurredAt: future }).map((i) => i.path)).toEqual(['occurredAt']);
  });

  it('rejects ids starting with "$" (never interpreted as operators)', () => {
    expect(issuesOf({ ...chat, interactionId: '$where' }).map((i) => i.path)).toEqual(['interactionId']);
    expect(issuesOf({ ...chat, agent: { id: 'a', teamId: '$ne' } }).map((i) => i.path)).toEqual([
      'agent.teamId',
    ]);
  });

  it('rejects a bad language tag', () => {
    expect(issuesOf({ ...chat, language: 'english!' }).map((i) => i.path)).toEqual(['language']);
  });

  it('enforces the total text size, naming the messages path and the sizes', () => {
    const big = 'å'.repeat(70_000); // 140,000 bytes in UTF-8
    const bad = {
      ...chat,
      messages: [
        { role: 'customer', sentAt: '2026-03-01T09:30:05Z', text: big },
        { role: 'agent', sentAt: '2026-03-01T09:30:06Z', text: big },
      ],
    };
    const issues = issuesOf(bad);
    expect(issues).toEqual([
      {
        path: 'messages',
        code: 'too_big',
        message: `total text is 280000 bytes; the limit is ${DEFAULT_EVENT_LIMITS.maxTotalTextBytes} bytes`,
      },
    ]);
  });

  it('enforces message count and tag limits from the limits given', () => {
    const schema = createInteractionEventSchema({ ...DEFAULT_EVENT_LIMITS, maxMessages: 2, maxTags: 1 });
    const r = schema.safeParse({ ...chat, tags: ['a', 'b'] });
    expect(r.success).toBe(false);
    expect(
      r.error &&
        toValidationIssues(r.error)
          .map((i) => i.path)
          .sort(),
    ).toEqual(['messages', 'tags']);
  });

  it('rejects a call segment ending after the call', () => {
    const bad = { ...call, durationSec: 10 };
    expect(issuesOf(bad).map((i) => i.path)).toEqual(['segments.1.endSec']);
  });
});
