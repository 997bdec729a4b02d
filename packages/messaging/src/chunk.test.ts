import { describe, expect, it } from 'vitest';
import { chunkByBytes } from './kafkajs-bus.js';

const msg = (bytes: number) => ({ key: null, value: 'x'.repeat(bytes) });

describe('chunkByBytes', () => {
  it('keeps small batches in one request', () => {
    const chunks = chunkByBytes(
      [
        { topic: 'a', messages: [msg(10), msg(10)] },
        { topic: 'b', messages: [msg(10)] },
      ],
      1_000,
    );
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.map((b) => [b.topic, b.messages.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('splits so that no request exceeds the limit, keeping every message once and in order', () => {
    const messages = Array.from({ length: 50 }, (_, i) => ({ key: String(i), value: 'y'.repeat(100) }));
    const chunks = chunkByBytes([{ topic: 'scored', messages }], 1_000);
    expect(chunks.length).toBeGreaterThan(5);
    const flat = chunks.flatMap((c) => c.flatMap((b) => b.messages.map((m) => m.key)));
    expect(flat).toEqual(messages.map((m) => m.key));
    for (const c of chunks) {
      const bytes = c.reduce(
        (s, b) => s + b.messages.reduce((t, m) => t + String(m.value).length + (m.key?.length ?? 0) + 64, 0),
        0,
      );
      expect(bytes).toBeLessThanOrEqual(1_000);
    }
  });

  it('sends a single message larger than the limit alone', () => {
    const chunks = chunkByBytes([{ topic: 't', messages: [msg(10), msg(5_000), msg(10)] }], 1_000);
    expect(chunks.map((c) => c[0]!.messages.length)).toEqual([1, 1, 1]);
  });
});
