import { createKafkaBus, TOPICS, type OutgoingMessage } from '@rapport/messaging';
import type { Logger } from '@rapport/observability';
import type { CliConfig } from '../config.js';
import { Progress } from '../progress.js';
import { countEvents, listEventFiles, readEvents } from './events-source.js';

export interface ReplayOptions {
  topic: string;
  /** Events per second; unlimited when absent. */
  rate?: number;
  batchSize: number;
  partitions: number;
}

export interface ReplaySummary {
  published: number;
  files: number;
  seconds: number;
}

/** Publishes events from files to Kafka in batches, optionally paced, with progress. */
export async function replay(
  paths: readonly string[],
  options: ReplayOptions,
  config: CliConfig,
  logger: Logger,
): Promise<ReplaySummary> {
  const files = paths.flatMap(listEventFiles);
  if (files.length === 0) throw new Error(`no .json or .jsonl files under ${paths.join(', ')}`);
  const total = await countEvents(files);
  const bus = createKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-replay`,
    logger,
  });
  const started = Date.now();
  let published = 0;
  try {
    await bus.ensureTopics([{ topic: options.topic, partitions: options.partitions }]);
    const producer = await bus.producer();
    const progress = new Progress(`replay → ${options.topic}`, total);
    let batch: OutgoingMessage[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await producer.send(options.topic, batch);
      published += batch.length;
      progress.tick(batch.length);
      batch = [];
      if (options.rate) {
        // Pace by the schedule, not by sleeping per batch, so slow sends do not lower the rate.
        const due = started + (published / options.rate) * 1000;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    };
    const size = options.rate
      ? Math.max(1, Math.min(options.batchSize, Math.ceil(options.rate / 10)))
      : options.batchSize;
    for await (const event of readEvents(files)) {
      batch.push({ key: event.key, value: event.value });
      if (batch.length >= size) await flush();
    }
    await flush();
    progress.finish();
    await producer.disconnect();
  } finally {
    await bus.close();
  }
  return { published, files: files.length, seconds: (Date.now() - started) / 1000 };
}

export const DEFAULT_REPLAY_TOPIC = TOPICS.interactions;
