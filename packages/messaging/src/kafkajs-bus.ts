import {
  Kafka,
  logLevel,
  type Admin,
  type Consumer as KConsumer,
  type KafkaMessage,
  type LogEntry,
  type SASLOptions,
} from 'kafkajs';
import type { Logger } from '@rapport/observability';
import { MessagingError } from './errors.js';
import type {
  Bus,
  Consumer,
  ConsumerOptions,
  GroupEvent,
  IncomingMessage,
  OutgoingMessage,
  Producer,
  TopicSpec,
} from './types.js';

export interface KafkaSettings {
  brokers: readonly string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  logger: Logger;
  /** How long a connect or request may take before it fails (and is retried). */
  requestTimeoutMs?: number;
}

const levelOf = (level: logLevel) =>
  level === logLevel.ERROR
    ? 'error'
    : level === logLevel.WARN
      ? 'warn'
      : level === logLevel.INFO
        ? 'info'
        : 'debug';

function toIncoming(m: KafkaMessage): IncomingMessage {
  const headers: Record<string, string | undefined> = {};
  if (m.headers)
    for (const [k, v] of Object.entries(m.headers)) headers[k] = v === undefined ? undefined : String(v);
  return { key: m.key, value: m.value, offset: m.offset, timestamp: m.timestamp, headers };
}

/** Creates the Kafka-backed bus. One per process; it owns one admin client. */
export function createKafkaBus(settings: KafkaSettings): Bus {
  const log = settings.logger.child({ component: 'kafka' });
  const kafka = new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    ssl: settings.ssl ?? false,
    ...(settings.sasl ? { sasl: settings.sasl as SASLOptions } : {}),
    requestTimeout: settings.requestTimeoutMs ?? 30_000,
    connectionTimeout: 3_000,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
    // kafkajs logs through pino; its INFO chatter (joins, commits) stays at debug.
    logLevel: logLevel.INFO,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        const lvl = level === logLevel.INFO ? 'debug' : levelOf(level);
        log[lvl](rest, `kafkajs: ${message}`);
      },
  });

  let adminPromise: Promise<Admin> | undefined;
  const admin = () =>
    (adminPromise ??= (async () => {
      const a = kafka.admin();
      await a.connect();
      return a;
    })().catch((err: unknown) => {
      adminPromise = undefined;
      throw new MessagingError('KAFKA_UNAVAILABLE', `cannot reach Kafka at ${settings.brokers.join(',')}`, {
        cause: err,
      });
    }));

  const toKafkaMessages = (messages: readonly OutgoingMessage[]) =>
    messages.map((m) => ({
      key: m.key,
      value: m.value,
      ...(m.headers ? { headers: m.headers } : {}),
      ...(m.timestamp ? { timestamp: m.timestamp } : {}),
    }));

  return {
    async ensureTopics(specs: readonly TopicSpec[]) {
      const a = await admin();
      try {
        const existing = new Set(await a.listTopics());
        const missing = specs.filter((s) => !existing.has(s.topic));
        if (missing.length === 0) return;
        // Several workers may start at once: "already exists" from a racing peer is success.
        await a.createTopics({
          waitForLeaders: true,
          topics: missing.map((s) => ({
            topic: s.topic,
            numPartitions: s.partitions,
            replicationFactor: s.replicationFactor ?? 1,
            configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
          })),
        });
        log.info({ topics: missing.map((s) => s.topic) }, 'created topics');
      } catch (err) {
        if ((err as { type?: string }).type === 'TOPIC_ALREADY_EXISTS') return;
        throw new MessagingError(
          'KAFKA_TOPIC_SETUP_FAILED',
          `could not create topics ${specs.map((s) => s.topic).join(', ')}`,
          { cause: err },
        );
      }
    },

    async producer(): Promise<Producer> {
      const p = kafka.producer({ allowAutoTopicCreation: false, idempotent: false, maxInFlightRequests: 5 });
      await p.connect();
      return {
        async send(topic, messages) {
          if (messages.length === 0) return;
          try {
            await p.send({ topic, acks: -1, messages: toKafkaMessages(messages) });
          } catch (err) {
            throw new MessagingError(
              'KAFKA_PUBLISH_FAILED',
              `publishing ${messages.length} message(s) to ${topic} failed`,
              { cause: err },
            );
          }
        },
        async sendBatch(batches) {
          const topicMessages = batches
            .filter((b) => b.messages.length > 0)
            .map((b) => ({ topic: b.topic, messages: toKafkaMessages(b.messages) }));
          if (topicMessages.length === 0) return;
          try {
            await p.sendBatch({ acks: -1, topicMessages });
          } catch (err) {
            throw new MessagingError(
              'KAFKA_PUBLISH_FAILED',
              `publishing to ${topicMessages.map((t) => t.topic).join(', ')} failed`,
              { cause: err },
            );
          }
        },
        disconnect: () => p.disconnect(),
      };
    },

    async consumer(options: ConsumerOptions): Promise<Consumer> {
      const c: KConsumer = kafka.consumer({
        groupId: options.groupId,
        sessionTimeout: options.sessionTimeoutMs ?? 30_000,
        heartbeatInterval: 3_000,
        maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
        allowAutoTopicCreation: false,
      });
      const listeners: ((e: GroupEvent) => void)[] = [];
      const emit = (e: GroupEvent) => listeners.forEach((l) => l(e));
      c.on(c.events.GROUP_JOIN, (e) => emit({ type: 'assigned', assignment: e.payload.memberAssignment }));
      c.on(c.events.REBALANCING, () => emit({ type: 'rebalancing' }));
      c.on(c.events.CRASH, (e) =>
        emit({ type: 'crashed', error: e.payload.error, willRestart: e.payload.restart }),
      );
      c.on(c.events.STOP, () => emit({ type: 'stopped' }));
      await c.connect();
      await c.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
      let paused = false;
      const topicList = options.topics.map((topic) => ({ topic }));
      return {
        run: (handler) =>
          c.run({
            autoCommit: false,
            eachBatchAutoResolve: false,
            partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
            eachBatch: async (payload) => {
              const { batch } = payload;
              await handler(
                {
                  topic: batch.topic,
                  partition: batch.partition,
                  messages: batch.messages.map(toIncoming),
                  highWatermark: batch.highWatermark,
                },
                {
                  heartbeat: () => payload.heartbeat(),
                  isRunning: () => payload.isRunning(),
                  isStale: () => payload.isStale(),
                  commit: async (offset) => {
                    payload.resolveOffset(offset);
                    try {
                      await c.commitOffsets([
                        {
                          topic: batch.topic,
                          partition: batch.partition,
                          offset: (BigInt(offset) + 1n).toString(),
                        },
                      ]);
                    } catch (err) {
                      throw new MessagingError(
                        'KAFKA_COMMIT_FAILED',
                        `commit of ${batch.topic}[${batch.partition}]@${offset} failed`,
                        { cause: err },
                      );
                    }
                  },
                },
              );
            },
          }),
        pause() {
          paused = true;
          c.pause(topicList);
        },
        resume() {
          paused = false;
          c.resume(topicList);
        },
        isPaused: () => paused,
        stop: () => c.stop(),
        disconnect: () => c.disconnect(),
        onGroupEvent: (l) => void listeners.push(l),
        async lag() {
          const a = await admin();
          let total = 0;
          for (const topic of options.topics) {
            const [ends, committed] = await Promise.all([
              a.fetchTopicOffsets(topic),
              a.fetchOffsets({ groupId: options.groupId, topics: [topic] }),
            ]);
            const done = new Map(
              (committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
            );
            for (const p of ends)
              total += Math.max(0, Number(p.high) - Math.max(0, done.get(p.partition) ?? 0));
          }
          return total;
        },
      };
    },

    async ping() {
      try {
        const a = await admin();
        await a.describeCluster();
        return true;
      } catch {
        return false;
      }
    },

    async deleteTopics(topics) {
      const a = await admin();
      await a.deleteTopics({ topics: [...topics] });
    },

    async committedOffsets(groupId, topic) {
      const a = await admin();
      const res = await a.fetchOffsets({ groupId, topics: [topic] });
      return Object.fromEntries((res[0]?.partitions ?? []).map((p) => [p.partition, p.offset]));
    },

    async close() {
      if (adminPromise) await (await adminPromise.catch(() => undefined))?.disconnect();
      adminPromise = undefined;
    },
  };
}
