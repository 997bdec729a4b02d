import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, OutgoingMessage, Producer } from '@rapport/messaging';
import type { RunningScorer } from '@rapport/scorer';
import { connectStore, type InteractionDocument, type StoreConnection } from '@rapport/store';
import {
  chatEvent,
  removeScorerEnv,
  scorerEnv,
  startTestScorer,
  testBus,
  waitFor,
} from '../support/scorer.js';

const TOTAL = 2_000;
const BATCH = 200;

async function metric(scorer: RunningScorer, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${scorer.opsUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = pattern.exec(line);
    if (m?.[1]) sum += Number(m[1]);
  }
  return sum;
}

describe('two scorers in one group, one leaves mid-stream (real Kafka and FerretDB)', () => {
  // Small fetches: many batches, so the rebalance lands while work is in flight.
  const env = scorerEnv('it-scale', { TOPIC_PARTITIONS: '3', MAX_BYTES_PER_PARTITION: '16384' });
  const running = new Set<RunningScorer>();
  let bus: Bus;
  let producer: Producer | undefined;
  let store: StoreConnection;

  const docs = () => store.db.collection<InteractionDocument>('interactions');

  beforeAll(async () => {
    bus = testBus(env);
    store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'it-scale' });
  });

  afterAll(async () => {
    for (const s of running) await s.shutdown('test done').catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await removeScorerEnv(env, bus, store);
  });

  it('stores every event exactly once across a rebalance; the remaining scorer finishes the job', async () => {
    const leaving = await startTestScorer(env);
    running.add(leaving);
    const staying = await startTestScorer(env);
    running.add(staying);

    producer = await bus.producer();
    for (let start = 0; start < TOTAL; start += BATCH) {
      const messages: OutgoingMessage[] = [];
      for (let i = start; i < start + BATCH; i++) {
        const id = `scale-${i}`;
        messages.push({ key: id, value: JSON.stringify(chatEvent(id)) });
      }
      await producer.send(env.INTERACTIONS_TOPIC, messages);
    }

    // Progress from committed offsets: polling a count scans the collection on FerretDB.
    const committedSum = async () =>
      Object.values(await bus.committedOffsets(env.SCORER_GROUP_ID, env.INTERACTIONS_TOPIC)).reduce(
        (sum, o) => sum + Math.max(0, Number(o)),
        0,
      );
    await waitFor('some committed before the rebalance', committedSum, (n) => n >= 200, 60_000);
    const stayingBefore = await metric(staying, /^rapport_scorer_stored_total\{.*\} (\d+)$/);
    await leaving.shutdown('leaving the group mid-stream');
    running.delete(leaving);
    const atLeave = await docs().countDocuments({});
    expect(atLeave).toBeLessThan(TOTAL); // the rebalance really happened mid-stream

    await waitFor(
      `all ${TOTAL} committed`,
      () => bus.groupLag(env.SCORER_GROUP_ID, env.INTERACTIONS_TOPIC),
      (lag) => lag === 0,
      150_000,
    );
    expect(await docs().countDocuments({})).toBe(TOTAL);
    expect(await docs().countDocuments({ interactionId: { $not: /^scale-\d+$/ } })).toBe(0);

    // The remaining scorer took over the leaving one's partitions and stored the rest itself.
    const stayingAfter = await metric(staying, /^rapport_scorer_stored_total\{.*\} (\d+)$/);
    expect(stayingAfter - stayingBefore).toBeGreaterThanOrEqual(TOTAL - atLeave);
    // Its group lag drains to zero: everything it owns is committed.
    await waitFor(
      'committed offsets at the end of every partition',
      async () => {
        const committed = await bus.committedOffsets(env.SCORER_GROUP_ID, env.INTERACTIONS_TOPIC);
        return Object.values(committed).reduce((sum, o) => sum + Number(o), 0);
      },
      (n) => n === TOTAL,
      30_000,
    );
  }, 270_000);
});
