/** Raw interaction events for the scorer's unit tests: a customer asks, the agent replies. */
export const chatEvent = (id: string, agentReply: string) => ({
  interactionId: id,
  revision: 1,
  tenantId: 'acme',
  occurredAt: '2026-03-01T09:30:00Z',
  channel: 'chat',
  language: 'en',
  agent: { id: 'ag-7', teamId: 'support' },
  customer: { id: 'cu-1' },
  source: { system: 'test' },
  messages: [
    { role: 'customer', sentAt: '2026-03-01T09:30:00Z', text: 'Hi, my parcel has not arrived. Where is it?' },
    { role: 'agent', sentAt: '2026-03-01T09:31:00Z', text: agentReply },
  ],
});

export const RUDE_REPLY = 'As I already said, read the tracking page. Obviously it is not that hard.';
export const POLITE_REPLY =
  'Hello, thank you for writing! It left our warehouse today and arrives tomorrow. Have a great day!';

export const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Markers that make the misbehaving test thread (misbehaving-thread.ts) spin or exhaust its heap. */
export const SPIN = 'misbehave:spin';
export const EXHAUST_MEMORY = 'misbehave:exhaust-memory';
