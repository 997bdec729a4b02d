import { describe, expect, it } from 'vitest';
import { packValues, unpackValues } from './packed-values.js';

describe('packed message values', () => {
  it('round-trips values, empty ones and nulls in order', () => {
    const values = [Buffer.from('{"a":1}'), null, Buffer.alloc(0), Buffer.from('æøå ✓')];
    const packed = packValues(values);
    expect(Array.from(packed.lengths)).toEqual([7, -1, 0, 10]);
    expect(packed.bytes.byteLength).toBe(17);
    expect(unpackValues(packed)).toEqual(values);
  });

  it('copies only the bytes of views into a larger buffer (as kafkajs hands them out)', () => {
    const response = Buffer.alloc(64 * 1024, 0x20);
    response.write('first', 100);
    response.write('second', 40_000);
    const views = [response.subarray(100, 105), response.subarray(40_000, 40_006)];
    const packed = packValues(views);
    expect(packed.bytes.buffer.byteLength).toBe(11);
    expect(unpackValues(packed).map((v) => v?.toString())).toEqual(['first', 'second']);
  });
});
