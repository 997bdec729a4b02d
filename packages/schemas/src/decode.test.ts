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

describe('decode failures never quote the payload', () => {
  // Error messages and issues reach logs and the dead letter's error fields; only the payload
  // field may hold the payload's text.
  const SECRET = 'cpr 150782-1234 jens@søren.dk';
  const leaks = (r: ReturnType<typeof decodeInteractionEvent>) =>
    !r.ok && (r.message.includes('150782') || JSON.stringify(r.issues).includes('150782'));

  it('describes a JSON syntax error by its position, not by the text around it', () => {
    const r = decodeInteractionEvent(bytes(`${SECRET} and the rest of a long message`), 1 << 20);
    expect(r).toEqual({
      ok: false,
      code: 'INVALID_JSON',
      message:
        "not valid JSON (syntax error); producers must publish one JSON object per message; the original bytes are in the dead letter's payload",
      issues: [],
    });
    const cut = decodeInteractionEvent(bytes(`{"${SECRET}":`), 1 << 20);
    expect(!cut.ok && cut.message).toMatch(/^not valid JSON \(it ends before the JSON value is complete\)/);
    const unterminated = decodeInteractionEvent(bytes(`{"text": "${SECRET}`), 1 << 20);
    expect(!unterminated.ok && unterminated.message).toMatch(
      /^not valid JSON \(syntax error at character 39\)/,
    );
    const trailing = decodeInteractionEvent(bytes(`{"a":1} ${SECRET}`), 1 << 20);
    expect(!trailing.ok && trailing.message).toMatch(/^not valid JSON \(syntax error at character 8\)/);
  });

  it('names an unsupported schemaVersion by its type when it is not a small number', () => {
    const r = decodeInteractionEvent(bytes({ ...valid, schemaVersion: SECRET }), 1 << 20);
    expect(!r.ok && r.message).toBe(
      'schemaVersion of type string is not supported by this topic (v1); publish v1 events here',
    );
    expect(leaks(decodeInteractionEvent(bytes({ ...valid, schemaVersion: 1507821234 }), 1 << 20))).toBe(
      false,
    );
  });

  it('keeps payload text out of the message and issues whatever field holds it', () => {
    const message = valid.messages[0]!;
    const payloads: unknown[] = [
      { ...valid, channel: SECRET },
      { ...valid, tenantId: SECRET },
      { ...valid, occurredAt: SECRET },
      { ...valid, language: SECRET },
      { ...valid, revision: SECRET },
      { ...valid, interactionId: `$${SECRET}` },
      { ...valid, agent: SECRET },
      { ...valid, tags: [SECRET, 7] },
      { ...valid, [SECRET]: 1, customer: {} },
      { ...valid, messages: [{ ...message, role: SECRET }] },
      { ...valid, messages: [{ ...message, sentAt: SECRET }] },
      { ...valid, messages: [{ ...message, text: SECRET.repeat(10_000) }] },
      {
        ...valid,
        channel: 'email',
        messages: [{ role: 'customer', sentAt: message.sentAt, subject: SECRET }],
      },
      { ...valid, channel: 'call', segments: [{ speaker: SECRET, startSec: 0, endSec: 1, text: SECRET }] },
      [SECRET],
      SECRET,
    ];
    for (const p of payloads) {
      const r = decodeInteractionEvent(bytes(JSON.stringify(p)), 1 << 20);
      expect(r.ok, JSON.stringify(p).slice(0, 80)).toBe(false);
      expect(leaks(r), JSON.stringify(p).slice(0, 80)).toBe(false);
    }
  });
});
