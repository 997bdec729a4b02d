/**
 * Rapport's own messaging interface. kafkajs is unmaintained; everything outside this package
 * speaks these types, so a KafkaJS-compatible successor replaces one file (kafkajs-bus.ts).
 */

export interface OutgoingMessage {
  key: string | null;
  value: Buffer | string;
  headers?: Record<string, string>;
  /** Milliseconds since epoch as a string; the broker's time when absent. */
  timestamp?: string;
}

export interface IncomingMessage {
  key: Buffer | null;
  value: Buffer | null;
  offset: string;
  timestamp: string;
  headers: Record<string, string | undefined>;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
  highWatermark: string;
}

export interface BatchControl {
  /** Keeps group membership alive during long batches. */
  heartbeat(): Promise<void>;
  /** False once stop() was called: finish what is in hand, take nothing new. */
  isRunning(): boolean;
  /** True when a rebalance took this partition away: do not commit. */
  isStale(): boolean;
  /** Marks `offset` processed and commits the position after it for this batch's partition. */
  commit(offset: string): Promise<void>;
}

export type BatchHandler = (batch: IncomingBatch, control: BatchControl) => Promise<void>;

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** 1 locally; 3 on a production cluster. */
  replicationFactor?: number;
  config?: Record<string, string>;
}

export interface ConsumerOptions {
  groupId: string;
  topics: readonly string[];
  fromBeginning?: boolean;
  /** Partitions processed at once by this consumer. */
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  /** Upper bound of one fetch; keeps batches (and memory) bounded. */
  maxBytesPerPartition?: number;
}

export interface GroupEvent {
  type: 'rebalancing' | 'assigned' | 'crashed' | 'stopped';
  assignment?: Record<string, number[]>;
  error?: Error;
  /** For 'crashed': kafkajs restarts the consumer itself when true. */
  willRestart?: boolean;
}

export interface Consumer {
  run(handler: BatchHandler): Promise<void>;
  pause(): void;
  resume(): void;
  isPaused(): boolean;
  /** Stops fetching and waits for the batch in hand. */
  stop(): Promise<void>;
  disconnect(): Promise<void>;
  onGroupEvent(listener: (event: GroupEvent) => void): void;
  /** Sum of (high watermark - committed) over this group's partitions. */
  lag(): Promise<number>;
}

export interface Producer {
  /** Publishes to one topic and waits for all in-sync replicas (acks=-1). */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** Publishes to several topics in one request per broker. */
  sendBatch(batches: readonly { topic: string; messages: readonly OutgoingMessage[] }[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface Bus {
  ensureTopics(specs: readonly TopicSpec[]): Promise<void>;
  producer(): Promise<Producer>;
  consumer(options: ConsumerOptions): Promise<Consumer>;
  /** Cheap connectivity check for readiness probes. */
  ping(): Promise<boolean>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  committedOffsets(groupId: string, topic: string): Promise<Record<number, string>>;
  /** Messages in a topic (sum over partitions of high watermark minus low). */
  topicSize(topic: string): Promise<number>;
  /** Messages of `topic` the group has not committed yet. */
  groupLag(groupId: string, topic: string): Promise<number>;
  /**
   * The newest value of `key` in a (compacted) topic, read from its start to the end it had when
   * asked, without joining a group; null when the key has none. For small topics only.
   */
  latestValue(topic: string, key: string, timeoutMs?: number): Promise<Buffer | null>;
  close(): Promise<void>;
}
