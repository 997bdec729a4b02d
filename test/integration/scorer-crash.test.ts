import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, OutgoingMessage, Producer } from '@rapport/messaging';
import { DeadLetter } from '@rapport/schemas';
import { connectStore, type InteractionDocument, type StoreConnection } from '@rapport/store';
import { uniqueName } from '../support/env.js';
import { chatEvent, removeScorerEnv, scorerEnv, testBus, waitFor } from '../support/scorer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// 20,000 events, killed once 3,000 are stored: the crash lands mid-stream, many batches in.
const TOTAL = 20_000;
const INVALID_EVERY = 100; // ~1% invalid JSON
const BATCH = 500;

/** A real scorer process, as it runs in production (main.ts), with its output kept for diagnosis. */
function spawnScorer(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    ['--conditions=@rapport/source', '--import', 'tsx', 'services/scorer/src/main.ts'],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => out };
}

function exited(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

const alive = (child: ChildProcess | undefined): child is ChildProcess =>
  child !== undefined && child.exitCode === null && child.signalCode === null;

/** Small but valid: two messages instead of four. */
function smallEvent(id: string): string {
  const e = chatEvent(id);
  return JSON.stringify('messages' in e ? { ...e, messages: e.messages.slice(0, 2) } : e);
}

/** Reads the DLQ until `distinct` different source positions arrived; duplicates are counted apart. */
async function distinctDeadLetters(
  bus: Bus,
  topic: string,
  distinct: number,
  timeoutMs: number,
): Promise<{ positions: Set<string>; total: number; codes: Set<string> }> {
  const consumer = await bus.consumer({
    groupId: uniqueName('dlq-reader'),
    topics: [topic],
    fromBeginning: true,
  });
  const positions = new Set<string>();
  const codes = new Set<string>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`read ${positions.size} of ${distinct} distinct dead letters in ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run(async (batch) => {
          for (const m of batch.messages) {
            const letter = DeadLetter.parse(JSON.parse(m.value?.toString() ?? ''));
            positions.add(`${letter.source.partition}:${letter.source.offset}`);
            codes.add(letter.errorCode);
            total++;
          }
          if (positions.size >= distinct) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return { positions, total, codes };
}

describe('scorer process killed with SIGKILL mid-stream (real Kafka and FerretDB)', () => {
  // 64 KiB fetches: with the default 1 MiB, one batch of small events scores into a produce request
  // to the scored topic above the broker's 1 MiB message limit, which the scorer retries forever.
  const env = scorerEnv('it-crash', { TOPIC_PARTITIONS: '3', MAX_BYTES_PER_PARTITION: '65536' });
  const children: ChildProcess[] = [];
  let bus: Bus;
  let producer: Producer | undefined;
  let store: StoreConnection;

  const docs = () => store.db.collection<InteractionDocument>('interactions');

  beforeAll(async () => {
    bus = testBus(env);
    // Same specs as the scorer creates, so the test can publish before the process is up.
    await bus.ensureTopics([
      { topic: env.INTERACTIONS_TOPIC, partitions: 3 },
      { topic: env.SCORED_TOPIC, partitions: 3 },
      {
        topic: env.DEAD_LETTER_TOPIC,
        partitions: 3,
        config: { 'max.message.bytes': String(4 * 1024 * 1024) },
      },
    ]);
    store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'it-crash' });
  });

  afterAll(async () => {
    for (const child of children) {
      if (alive(child)) {
        child.kill('SIGKILL');
        await exited(child, 10_000).catch(() => undefined);
      }
    }
    await producer?.disconnect().catch(() => undefined);
    await removeScorerEnv(env, bus, store);
  });

  it('loses nothing and stores nothing twice across a crash; the restarted process exits 0 on SIGTERM', async () => {
    const first = spawnScorer(env);
    children.push(first.child);

    producer = await bus.producer();
    let valid = 0;
    let invalid = 0;
    for (let start = 0; start < TOTAL; start += BATCH) {
      const messages: OutgoingMessage[] = [];
      for (let i = start; i < Math.min(start + BATCH, TOTAL); i++) {
        const id = `crash-${i.toString(36)}-${(i * 7919) % 10007}`;
        if (i % INVALID_EVERY === 57) {
          messages.push({ key: id, value: `{"interactionId": "${id}", "revision": ` });
          invalid++;
        } else {
          messages.push({ key: id, value: smallEvent(id) });
          valid++;
        }
      }
      await producer.send(env.INTERACTIONS_TOPIC, messages);
    }
    expect(valid + invalid).toBe(TOTAL);
    expect(invalid).toBe(TOTAL / INVALID_EVERY);

    // Progress is read from the group's committed offsets (a commit follows the store write): a
    // count over the collection scans it on FerretDB and, polled, would slow the scorer it watches.
    const committedSum = async () =>
      Object.values(await bus.committedOffsets(env.SCORER_GROUP_ID, env.INTERACTIONS_TOPIC)).reduce(
        (sum, o) => sum + Math.max(0, Number(o)),
        0,
      );
    await waitFor(
      '>= 3,000 committed before the crash',
      committedSum,
      (n) => n >= 3_000 || !alive(first.child),
      90_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\nscorer output:\n${first.output()}`);
    });
    expect(alive(first.child), `first scorer died on its own:\n${first.output()}`).toBe(true);
    first.child.kill('SIGKILL');
    await exited(first.child, 10_000);
    expect(first.child.signalCode).toBe('SIGKILL');
    // The crash must really have happened mid-stream, else the test proves nothing.
    expect(await committedSum()).toBeLessThan(TOTAL);

    // The restarted scorer starts on the existing database (its indexes exist already).
    const second = spawnScorer(env);
    children.push(second.child);
    await waitFor(
      `all ${TOTAL} events committed`,
      () => bus.groupLag(env.SCORER_GROUP_ID, env.INTERACTIONS_TOPIC),
      (lag) => lag === 0 || !alive(second.child),
      180_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\nscorer output:\n${second.output()}`);
    });
    expect(alive(second.child), `second scorer died:\n${second.output()}`).toBe(true);
    expect(await docs().countDocuments({})).toBe(valid);
    expect(await docs().countDocuments({ interactionId: { $not: /^crash-/ } })).toBe(0);

    const letters = await distinctDeadLetters(bus, env.DEAD_LETTER_TOPIC, invalid, 60_000);
    expect(letters.positions.size).toBe(invalid);
    expect([...letters.codes]).toEqual(['INVALID_JSON']);
    expect(letters.total).toBeGreaterThanOrEqual(invalid);

    // Nothing more arrives late: still exactly one document per valid event.
    expect(await docs().countDocuments({})).toBe(valid);

    const t0 = Date.now();
    second.child.kill('SIGTERM');
    const code = await exited(second.child, 10_000);
    expect(code, second.output()).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
  }, 290_000);
});
