import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { Counter, createMetricsRegistry } from './metrics.js';
import { buildOpsServer } from './ops-server.js';
import { ShutdownManager } from './shutdown.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n'))
        if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: createLogger({ name: 'test', level: 'info', destination }) };
}

describe('ops server', () => {
  it('answers healthz, readyz naming failing checks, and metrics', async () => {
    const { logger } = capture();
    const registry = createMetricsRegistry('test');
    new Counter({ name: 'rapport_test_total', help: 'test', registers: [registry] }).inc(3);
    let kafkaUp = false;
    const app = buildOpsServer({
      logger,
      registry,
      checks: [
        { name: 'kafka', check: () => kafkaUp },
        { name: 'mongodb', check: () => Promise.reject(new Error('down')) },
      ],
    });
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const notReady = await app.inject('/readyz');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toEqual({
      status: 'not_ready',
      checks: [
        { name: 'kafka', ok: false },
        { name: 'mongodb', ok: false },
      ],
    });
    kafkaUp = true;
    expect((await app.inject('/readyz')).json<{ checks: unknown[] }>().checks[0]).toEqual({
      name: 'kafka',
      ok: true,
    });
    const metrics = await app.inject('/metrics');
    expect(metrics.body).toContain('rapport_test_total{service="test"} 3');
    await app.close();
  });
});

describe('logger', () => {
  it('redacts secrets and transcripts', () => {
    const { lines, logger } = capture();
    logger.info({ password: 'hunter2', event: { messages: ['secret text'], interactionId: 'i-1' } }, 'x');
    expect(lines[0]).toMatchObject({
      password: '[redacted]',
      event: { messages: '[redacted]', interactionId: 'i-1' },
      service: 'test',
    });
  });
});

describe('ShutdownManager', () => {
  it('runs steps in order, continues after a failing step, and is idempotent', async () => {
    const { logger, lines } = capture();
    const order: string[] = [];
    const m = new ShutdownManager(logger, 1_000);
    m.register('stop fetching', () => void order.push('stop'));
    m.register('commit', () => Promise.reject(new Error('boom')));
    m.register('close db', async () => {
      await new Promise((r) => setTimeout(r, 10));
      order.push('db');
    });
    await Promise.all([m.shutdown('SIGTERM'), m.shutdown('SIGINT')]);
    expect(order).toEqual(['stop', 'db']);
    expect(lines.some((l) => l.msg === 'shutdown step failed' && l.step === 'commit')).toBe(true);
  });

  it('gives up at the deadline', async () => {
    const { logger, lines } = capture();
    const m = new ShutdownManager(logger, 50);
    m.register('hangs', () => new Promise(() => {}));
    const t0 = Date.now();
    await m.shutdown('test');
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(lines.some((l) => l.msg === 'shutdown deadline passed; exiting with steps unfinished')).toBe(true);
  });
});
