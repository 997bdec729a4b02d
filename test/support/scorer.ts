import { createKafkaBus, type Bus, type OutgoingMessage } from '@rapport/messaging';
import { loadScorerConfig, startScorer, type RunningScorer } from '@rapport/scorer';
import type { InteractionEventInput } from '@rapport/schemas';
import { connectStore, type StoreConnection } from '@rapport/store';
import { KAFKA_BROKERS, MONGODB_URI, testLogger, uniqueDbName, uniqueName } from './env.js';

/** Topics, group and database of one test file, so files never see each other's data. */
export function scorerEnv(prefix: string, extra: Record<string, string> = {}) {
  return {
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    MONGODB_URI,
    MONGODB_DB: uniqueDbName(prefix),
    SCORER_GROUP_ID: uniqueName(`${prefix}-group`),
    INTERACTIONS_TOPIC: uniqueName(`${prefix}-interactions`),
    SCORED_TOPIC: uniqueName(`${prefix}-scored`),
    DEAD_LETTER_TOPIC: uniqueName(`${prefix}-dlq`),
    TOPIC_PARTITIONS: '3',
    HTTP_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...extra,
  };
}

export async function startTestScorer(env: Record<string, string>): Promise<RunningScorer> {
  return startScorer(loadScorerConfig(env), testLogger);
}

/** Deletes a test's topics and database and closes its clients; runs in afterAll, so it never throws on cleanup. */
export async function removeScorerEnv(
  env: Record<string, string>,
  bus: Bus,
  store: StoreConnection,
): Promise<void> {
  await bus
    .deleteTopics([env.INTERACTIONS_TOPIC!, env.SCORED_TOPIC!, env.DEAD_LETTER_TOPIC!])
    .catch(() => undefined);
  await bus.close();
  await store.db.dropDatabase().catch(() => undefined);
  await store.close();
}

/**
 * A backlog in place before the scorer starts: the interactions and scored topics are created by
 * the test (one partition; the scored topic with `scoredTopicConfig`), so the scorer's own topic
 * settings do not apply, then the events are produced and the scorer started.
 */
export async function startScorerOnBacklog(
  env: Record<string, string>,
  events: readonly OutgoingMessage[],
  scoredTopicConfig: Record<string, string> = {},
): Promise<{ bus: Bus; store: StoreConnection; scorer: RunningScorer }> {
  const bus = testBus(env);
  await bus.ensureTopics([
    { topic: env.INTERACTIONS_TOPIC!, partitions: 1 },
    { topic: env.SCORED_TOPIC!, partitions: 1, config: scoredTopicConfig },
  ]);
  const producer = await bus.producer();
  await producer.send(env.INTERACTIONS_TOPIC!, events);
  await producer.disconnect();
  const store = await connectStore({ uri: env.MONGODB_URI!, dbName: env.MONGODB_DB!, appName: 'it-backlog' });
  const scorer = await startTestScorer(env);
  return { bus, store, scorer };
}

export function testBus(env: Record<string, string>): Bus {
  return createKafkaBus({ brokers: env.KAFKA_BROKERS!.split(','), clientId: 'test', logger: testLogger });
}

/** Reads every message of a topic from the beginning until `count` arrived (or the timeout). */
/**
 * Reads a topic from the beginning until `count` messages arrived, or, when `count` is a list of
 * keys, until every one of those keys arrived (at-least-once delivery may repeat a message).
 */
export async function readTopic(
  bus: Bus,
  topic: string,
  count: number | readonly string[],
  timeoutMs = 60_000,
): Promise<{ key: string | null; value: string }[]> {
  const done = (read: { key: string | null }[]) =>
    typeof count === 'number' ? read.length >= count : count.every((k) => read.some((m) => m.key === k));
  const consumer = await bus.consumer({
    groupId: uniqueName('reader'),
    topics: [topic],
    fromBeginning: true,
  });
  const out: { key: string | null; value: string }[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `read ${out.length} messages from ${topic} in ${timeoutMs} ms, not all of ${String(count)}`,
          ),
        ),
      timeoutMs,
    );
    consumer
      .run(async (batch) => {
        for (const m of batch.messages)
          out.push({ key: m.key?.toString() ?? null, value: m.value?.toString() ?? '' });
        if (done(out)) {
          clearTimeout(timer);
          resolve();
        }
        return Promise.resolve();
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return out;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 500));
    last = await probe();
  }
  return last;
}

const at = (min: number) => new Date(Date.parse('2026-03-02T09:00:00Z') + min * 60_000).toISOString();

/** A realistic chat; `rude` makes the agent condescending so it gets flagged. */
export function chatEvent(
  id: string,
  opts: { revision?: number; rude?: boolean; tenantId?: string } = {},
): InteractionEventInput {
  return {
    interactionId: id,
    revision: opts.revision ?? 1,
    tenantId: opts.tenantId ?? 'acme',
    occurredAt: at(0),
    channel: 'chat',
    language: 'en',
    agent: { id: 'ag-1', name: 'Sam', teamId: 'billing' },
    customer: { id: 'cu-1' },
    source: { system: 'intercom' },
    messages: [
      { role: 'customer', sentAt: at(0), text: 'Hi, I was charged twice for my subscription this month.' },
      {
        role: 'agent',
        sentAt: at(1),
        text: opts.rude
          ? 'Hello. As I already said, read the manual. It is not that hard.'
          : 'Hello, thank you for reaching out! I can see the double charge and I have refunded it.',
      },
      { role: 'customer', sentAt: at(2), text: 'Great, thanks.' },
      { role: 'agent', sentAt: at(3), text: 'You are welcome. Have a great day!' },
    ],
  };
}
