import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { httpFields, kafkaFields, logFields, mongoFields } from './fields.js';
import { parseConfig } from './parse.js';

const schema = z.object({ ...kafkaFields, ...mongoFields, ...logFields, ...httpFields(8080) });

describe('parseConfig', () => {
  it('applies defaults that point at the local stack', () => {
    const c = parseConfig(schema, {}, 'test');
    expect(c.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(c.MONGODB_URI).toBe('mongodb://127.0.0.1:27017/');
    expect(c.MONGODB_DB).toBe('rapport');
    expect(c.HTTP_PORT).toBe(8080);
    expect(c.LOG_LEVEL).toBe('info');
  });

  it('splits and trims the broker list and treats empty strings as unset', () => {
    const c = parseConfig(schema, { KAFKA_BROKERS: ' k1:9092, k2:9093 ', LOG_LEVEL: '' }, 'test');
    expect(c.KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9093']);
    expect(c.LOG_LEVEL).toBe('info');
  });

  it('lists every problem in one error, each naming the variable', () => {
    let error: unknown;
    try {
      parseConfig(
        schema,
        { KAFKA_BROKERS: 'nohostport', MONGODB_URI: 'http://x', HTTP_PORT: '99999', LOG_LEVEL: 'loud' },
        'scorer',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'HTTP_PORT',
      'KAFKA_BROKERS.0',
      'LOG_LEVEL',
      'MONGODB_URI',
    ]);
    expect(e.message).toMatch(/^scorer cannot start: invalid configuration\n/);
    expect(e.message).toContain('KAFKA_BROKERS.0: each broker must be host:port');
  });

  it('says when a required variable is not set', () => {
    const required = z.object({ ADMIN_EMAIL: z.string() });
    expect(() => parseConfig(required, {}, 'cli')).toThrow(/ADMIN_EMAIL: .* \(not set\)/);
  });
});
