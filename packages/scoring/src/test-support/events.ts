import type { InteractionEvent } from '@rapport/schemas';

/** Builders for test interactions: only what a test cares about differs from a plain default. */
const base = {
  schemaVersion: 1 as const,
  interactionId: 'int-1',
  revision: 1,
  tenantId: 'acme',
  occurredAt: '2026-03-01T09:30:00Z',
  agent: { id: 'ag-7', name: 'Mette', teamId: 'support' },
  customer: { id: 'cu-1' },
  source: { system: 'test' },
};

type Role = 'agent' | 'customer' | 'bot' | 'system';

export function chatEvent(
  messages: readonly [Role, string, number?][],
  language: string | null = 'en',
): InteractionEvent {
  let t = Date.parse('2026-03-01T09:30:00Z');
  return {
    ...base,
    ...(language === null ? {} : { language }),
    channel: 'chat',
    messages: messages.map(([role, text, gapSec]) => {
      t += (gapSec ?? 20) * 1000;
      return { role, text, sentAt: new Date(t).toISOString() };
    }),
  };
}

export function emailEvent(
  messages: readonly {
    role: 'agent' | 'customer';
    bodyText?: string;
    bodyHtml?: string;
    gapSec?: number;
    subject?: string;
  }[],
  language: string | null = 'en',
): InteractionEvent {
  let t = Date.parse('2026-03-01T09:30:00Z');
  return {
    ...base,
    ...(language === null ? {} : { language }),
    channel: 'email',
    messages: messages.map((m) => {
      t += (m.gapSec ?? 3600) * 1000;
      const { gapSec: _gap, ...rest } = m;
      return { ...rest, sentAt: new Date(t).toISOString() };
    }),
  };
}

export function callEvent(
  segments: readonly ['agent' | 'customer', number, number, string][],
  language: string | null = 'en',
): InteractionEvent {
  const end = Math.max(...segments.map((s) => s[2]));
  return {
    ...base,
    ...(language === null ? {} : { language }),
    channel: 'call',
    durationSec: Math.ceil(end + 1),
    segments: segments.map(([speaker, startSec, endSec, text]) => ({ speaker, startSec, endSec, text })),
  };
}
