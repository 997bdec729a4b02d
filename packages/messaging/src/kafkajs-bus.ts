import kafkajs, {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer as KConsumer,
  type KafkaMessage,
  type LogEntry,
  type SASLOptions,
} from 'kafkajs';
import type { Logger } from '@rapport/observability';
import { MessagingError } from './errors.js';

// kafkajs is CommonJS: Node's ESM loader finds only some of its exports by name (Kafka,
// logLevel, Partitioners), so the config enums come from its default export.
const { ConfigResourceTypes, ConfigSource } = kafkajs;
import { topicConfigUpdate } from './topic-config.js';
import type {
  BatchControl,
  BatchHandler,
  Bus,
  Consumer,
  ConsumerOptions,
  GroupEvent,
  IncomingBatch,
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

/** The Kafka variables every service reads (see kafkaFields in @rapport/config), as parsed. */
export interface KafkaConfig {
  KAFKA_BROKERS: readonly string[];
  KAFKA_CLIENT_ID: string;
  KAFKA_SSL: boolean;
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512' | undefined;
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD?: string | undefined;
}

/** The bus a service's parsed config describes; SASL only when all three SASL variables are set. */
export function createKafkaBusFromConfig(config: KafkaConfig, logger: Logger, clientSuffix?: string): Bus {
  const {
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password,
  } = config;
  return createKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: clientSuffix ? `${config.KAFKA_CLIENT_ID}-${clientSuffix}` : config.KAFKA_CLIENT_ID,
    ssl: config.KAFKA_SSL,
    logger,
    ...(mechanism && username && password ? { sasl: { mechanism, username, password } } : {}),
  });
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

const MAX_REQUEST_BYTES = 512 * 1024;

type TopicBatch = { topic: string; messages: readonly OutgoingMessage[] };

/** Splits topic batches into requests whose message values add up to at most `limit` bytes. */
export function chunkByBytes(batches: readonly TopicBatch[], limit: number): TopicBatch[][] {
  const chunks: TopicBatch[][] = [];
  let current: TopicBatch[] = [];
  let bytes = 0;
  for (const b of batches) {
    let part: OutgoingMessage[] = [];
    for (const m of b.messages) {
      const size =
        (typeof m.value === 'string' ? Buffer.byteLength(m.value) : m.value.length) +
        (m.key?.length ?? 0) +
        64;
      if (bytes + size > limit && (part.length > 0 || current.length > 0)) {
        if (part.length > 0) current.push({ topic: b.topic, messages: part });
        chunks.push(current);
        current = [];
        part = [];
        bytes = 0;
      }
      part.push(m);
      bytes += size;
    }
    if (part.length > 0) current.push({ topic: b.topic, messages: part });
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** This member is no longer in its group: retrying cannot help, the client must rejoin. */
const MEMBERSHIP_ERRORS: ReadonlySet<string> = new Set([
  'UNKNOWN_MEMBER_ID',
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'FENCED_INSTANCE_ID',
  'NOT_COORDINATOR',
]);

/** The broker refused the record itself (not a passing failure): retrying cannot help. */
const REJECTED_RECORD_ERRORS: ReadonlySet<string> = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
]);

/**
 * The kafkajs error in a cause chain (kafkajs wraps protocol errors in retry errors) whose
 * protocol error type is one of `types`, if any.
 */
function findKafkaError(err: unknown, types: ReadonlySet<string>): Error | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string' && types.has(type)) return e as Error;
  }
  return undefined;
}

/**
 * Runs a batch handler; when it gives up because this member lost the group (a slow batch past
 * the session timeout, a rebalance), the original kafkajs error goes back to kafkajs, whose runner
 * then rejoins the group. The uncommitted batch is redelivered to the partition's next owner.
 */
async function runHandler(handler: BatchHandler, batch: IncomingBatch, control: BatchControl): Promise<void> {
  try {
    await handler(batch, control);
  } catch (err) {
    if (err instanceof MessagingError && err.code === 'KAFKA_GROUP_MEMBERSHIP_LOST') throw err.cause;
    throw err;
  }
}

/**
 * Brings existing topics to their spec's config (e.g. a `retention.ms` the policy changed):
 * topics are created with it, but a topic created earlier, by another version or by hand, keeps
 * what it had until it is altered.
 */
async function alignTopicConfigs(a: Admin, specs: readonly TopicSpec[], log: Logger): Promise<void> {
  const withConfig = specs.filter((s) => s.config && Object.keys(s.config).length > 0);
  if (withConfig.length === 0) return;
  const topic = ConfigResourceTypes.TOPIC;
  let current;
  try {
    current = await a.describeConfigs({
      includeSynonyms: false,
      resources: withConfig.map((s) => ({ type: topic, name: s.topic })),
    });
  } catch (err) {
    throw new MessagingError(
      'KAFKA_TOPIC_SETUP_FAILED',
      `could not read the configuration of topics ${withConfig.map((s) => s.topic).join(', ')}; the Kafka user needs DescribeConfigs on them`,
      { cause: err },
    );
  }
  for (const spec of withConfig) {
    const described = current.resources.find((r) => r.resourceName === spec.topic)?.configEntries ?? [];
    const update = topicConfigUpdate(
      described.map((c) => ({
        name: c.configName,
        value: c.configValue,
        topicOverride: c.configSource === ConfigSource.TOPIC_CONFIG,
      })),
      spec.config!,
    );
    if (update === null) continue;
    try {
      await a.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: topic,
            name: spec.topic,
            configEntries: Object.entries(update).map(([name, value]) => ({ name, value })),
          },
        ],
      });
    } catch (err) {
      throw new MessagingError(
        'KAFKA_TOPIC_SETUP_FAILED',
        `could not set ${Object.keys(spec.config!).join(', ')} on topic ${spec.topic}; the Kafka user needs AlterConfigs on it, or an operator sets them by hand`,
        { cause: err },
      );
    }
    log.info({ topic: spec.topic, config: spec.config }, 'updated topic configuration');
  }
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

  const bus: Bus = {
    async ensureTopics(specs: readonly TopicSpec[]) {
      const a = await admin();
      const topics = specs.map((s) => s.topic);
      let lastError: unknown;
      // A busy broker answers "does not host this topic-partition" for a while after creating a
      // topic, and kafkajs's own wait for leaders gives up early: create, then confirm the
      // metadata ourselves, retrying what the broker marks retriable.
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          const existing = new Set(await a.listTopics());
          const missing = specs.filter((s) => !existing.has(s.topic));
          if (missing.length > 0) {
            await a.createTopics({
              waitForLeaders: false,
              topics: missing.map((s) => ({
                topic: s.topic,
                numPartitions: s.partitions,
                replicationFactor: s.replicationFactor ?? 1,
                configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
              })),
            });
            log.info({ topics: missing.map((s) => s.topic) }, 'created topics');
          }
          const metadata = await a.fetchTopicMetadata({ topics });
          const ready = metadata.topics.every(
            (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
          );
          if (ready) return await alignTopicConfigs(a, specs, log);
        } catch (err) {
          if (err instanceof MessagingError) throw err;
          lastError = err;
          // Several workers may start at once: "already exists" from a racing peer is progress.
          const e = err as { type?: string; retriable?: boolean };
          if (e.type !== 'TOPIC_ALREADY_EXISTS' && e.retriable !== true) break;
        }
        await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * 2 ** attempt)));
      }
      throw new MessagingError('KAFKA_TOPIC_SETUP_FAILED', `could not create topics ${topics.join(', ')}`, {
        cause: lastError,
      });
    },

    async producer(): Promise<Producer> {
      const p = kafka.producer({
        allowAutoTopicCreation: false,
        idempotent: false,
        maxInFlightRequests: 5,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await p.connect();
      const producer: Producer = {
        async send(topic, messages) {
          await producer.sendBatch([{ topic, messages }]);
        },
        async sendBatch(batches) {
          // A partition's record batch must stay under the broker's max.message.bytes (1 MiB by
          // default), so large outputs go out in requests of bounded size.
          for (const chunk of chunkByBytes(batches, MAX_REQUEST_BYTES)) {
            try {
              await p.sendBatch({
                acks: -1,
                topicMessages: chunk.map((b) => ({ topic: b.topic, messages: toKafkaMessages(b.messages) })),
              });
            } catch (err) {
              throw new MessagingError(
                findKafkaError(err, REJECTED_RECORD_ERRORS)
                  ? 'KAFKA_MESSAGE_REJECTED'
                  : 'KAFKA_PUBLISH_FAILED',
                `publishing to ${chunk.map((t) => t.topic).join(', ')} failed`,
                {
                  cause: err,
                },
              );
            }
          }
        },
        disconnect: () => p.disconnect(),
      };
      return producer;
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
              await runHandler(
                handler,
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
                      const lost = findKafkaError(err, MEMBERSHIP_ERRORS);
                      throw new MessagingError(
                        lost ? 'KAFKA_GROUP_MEMBERSHIP_LOST' : 'KAFKA_COMMIT_FAILED',
                        `commit of ${batch.topic}[${batch.partition}]@${offset} failed`,
                        { cause: lost ?? err },
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

    async topicSize(topic) {
      const a = await admin();
      const offsets = await a.fetchTopicOffsets(topic);
      return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    },

    async groupLag(groupId, topic) {
      const a = await admin();
      const [ends, committed] = await Promise.all([
        a.fetchTopicOffsets(topic),
        a.fetchOffsets({ groupId, topics: [topic] }),
      ]);
      const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      return ends.reduce(
        (sum, p) => sum + Math.max(0, Number(p.high) - Math.max(Number(p.low), done.get(p.partition) ?? 0)),
        0,
      );
    },

    async latestValue(topic, key, timeoutMs = 30_000) {
      const a = await admin();
      const ends = (await a.fetchTopicOffsets(topic)).filter((p) => Number(p.high) > Number(p.low));
      if (ends.length === 0) return null;
      const remaining = new Map(ends.map((p) => [p.partition, Number(p.high)]));
      let latest: Buffer | null = null;
      // A group of its own, never committed: reading an anchor leaves no trace in the cluster.
      const c = kafka.consumer({
        groupId: `rapport-reader-${process.pid}-${Date.now()}`,
        retry: { retries: 2 },
      });
      await c.connect();
      try {
        await c.subscribe({ topics: [topic], fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () =>
              reject(
                new MessagingError(
                  'KAFKA_UNAVAILABLE',
                  `could not read ${topic} to its end within ${timeoutMs} ms`,
                ),
              ),
            timeoutMs,
          );
          c.run({
            autoCommit: false,
            eachMessage: ({ partition, message }) => {
              if (message.key?.toString('utf8') === key) latest = message.value;
              if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
              return Promise.resolve();
            },
          }).catch((err: unknown) => {
            clearTimeout(timer);
            reject(err instanceof Error ? err : new Error(String(err)));
          });
        });
      } finally {
        await c.disconnect().catch(() => undefined);
      }
      return latest;
    },

    async close() {
      if (adminPromise) await (await adminPromise.catch(() => undefined))?.disconnect();
      adminPromise = undefined;
    },
  };
  return bus;
}
