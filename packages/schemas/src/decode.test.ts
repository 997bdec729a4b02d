import { describe, expect, it } from 'vitest';
import { decodeInteractionEvent } from './decode.js';

const valid = {
  interactionId: 'c-1',
  revision: 1,
  tenantId: 'acme',
  occurredAt: '2026-03-01T09:30:00Z',
  channel: 'chat',
  agent: { id: 'a', teamId: 't' },
  customer: { id: 'c' },
  source: { system: 'intercom' },
  messages: [{ role: 'customer', sentAt: '2026-03-01T09:30:00Z', text: 'hi' }],
};
const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('decodeInteractionEvent', () => {
  it('accepts a valid event', () => {
    const r = decodeInteractionEvent(bytes(valid), 1 << 20);
    expect(r.ok && r.event.interactionId).toBe('c-1');
  });

  it('classifies empty, non-JSON, oversize, unknown version and schema violations', () => {
    expect(decodeInteractionEvent(null, 100)).toMatchObject({ ok: false, code: 'INVALID_JSON' });
    expect(decodeInteractionEvent(bytes('{"a":'), 100)).toMatchObject({ ok: false, code: 'INVALID_JSON' });
    expect(decodeInteractionEvent(bytes(valid), 50)).toMatchObject({
      ok: false,
      code: 'PAYLOAD_TOO_LARGE',
      message: `payload is ${bytes(valid).length} bytes; the limit is 50 bytes`,
    });
    expect(decodeInteractionEvent(bytes({ ...valid, schemaVersion: 2 }), 1 << 20)).toMatchObject({
      ok: false,
      code: 'UNSUPPORTED_SCHEMA_VERSION',
    });
    const bad = decodeInteractionEvent(bytes({ ...valid, revision: 0, tenantId: '' }), 1 << 20);
    expect(bad).toMatchObject({ ok: false, code: 'SCHEMA_VIOLATION' });
    expect(!bad.ok && bad.issues.map((i) => i.path).sort()).toEqual(['revision', 'tenantId']);
  });

  it('classifies text over the total size limit as too large, not as a schema violation', () => {
    const big = {
      ...valid,
      messages: [{ role: 'customer', sentAt: '2026-03-01T09:30:00Z', text: 'x'.repeat(300_000) }],
    };
    expect(decodeInteractionEvent(bytes(big), 1 << 20)).toMatchObject({
      ok: false,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('never throws on arbitrary bytes', () => {
    for (const b of [
      Buffer.from([0xff, 0xfe, 0x00]),
      bytes('[]'),
      bytes('null'),
      bytes('"x"'),
      bytes('{"channel":"chat"}'),
    ]) {
      expect(decodeInteractionEvent(b, 100).ok).toBe(false);
    }
  });
});
