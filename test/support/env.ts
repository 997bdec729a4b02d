import { randomBytes } from 'node:crypto';
import { createLogger } from '@rapport/observability';

/** Where the tests find the local stack (infra/local defaults; override for another stack). */
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const MONGODB_URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/';

/** Per-test names, so test files never share a topic, a group or a database. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Database names allow no dots and at most 63 bytes. */
export function uniqueDbName(prefix: string): string {
  return uniqueName(prefix)
    .replace(/[^A-Za-z0-9_]/g, '_')
    .slice(0, 60);
}

export const testLogger = createLogger({ name: 'test', level: process.env.TEST_LOG_LEVEL ?? 'warn' });
