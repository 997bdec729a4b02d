import {
  buildOpsServer,
  type Logger,
  type ReadinessCheck,
  type Registry,
  type ShutdownManager,
} from '@rapport/observability';
import { BatchAbandoned } from './batch-retry.js';
import type { BatchHandler, Bus, Consumer, Producer } from './types.js';

/** A named shutdown step. */
export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

export interface StreamWorkerOptions {
  bus: Bus;
  consumer: Consumer;
  producer: Producer;
  logger: Logger;
  registry: Registry;
  shutdownManager: ShutdownManager;
  http: { host: string; port: number };
  /** Set every few seconds to the group's lag over its topics. */
  lag: { set(value: number): void };
  /** Readiness beyond Kafka's own (the store). */
  checks: readonly ReadinessCheck[];
  /** One batch end to end; throws BatchAbandoned to leave it uncommitted. */
  process: BatchHandler;
  /** Run once the batch in hand is finished and fetching stopped (worker threads). */
  afterFetchingStopped?: readonly ShutdownStep[];
  /** Run after Kafka is closed (the database). */
  last?: readonly ShutdownStep[];
}

/**
 * The lifecycle every stream worker shares: group events (a crash the client will not restart
 * shuts the process down), the lag gauge, /healthz /readyz /metrics, the consumer loop where an
 * abandoned batch stays uncommitted, and the shutdown order: stop fetching and finish the batch
 * in hand (which commits), then the worker's own steps, disconnect, close HTTP, close Kafka, then
 * the worker's last steps.
 */
export async function runStreamWorker(options: StreamWorkerOptions): Promise<{ opsUrl: string }> {
  const { bus, consumer, producer, logger, shutdownManager } = options;
  let kafkaHealthy = true;
  consumer.onGroupEvent((e) => {
    if (e.type === 'crashed') {
      kafkaHealthy = e.willRestart ?? false;
      logger.error({ err: e.error, willRestart: e.willRestart }, 'consumer crashed');
      if (!e.willRestart)
        void shutdownManager.shutdown('consumer crashed without restart').then(() => process.exit(1));
    } else if (e.type === 'assigned') {
      kafkaHealthy = true;
      logger.info({ assignment: e.assignment }, 'partitions assigned');
    } else if (e.type === 'rebalancing') logger.info('rebalancing');
  });

  const lagTimer = setInterval(() => {
    consumer.lag().then(
      (lag) => options.lag.set(lag),
      () => undefined,
    );
  }, 5_000);
  lagTimer.unref();

  const ops = buildOpsServer({
    logger,
    registry: options.registry,
    checks: [{ name: 'kafka', check: async () => kafkaHealthy && (await bus.ping()) }, ...options.checks],
  });
  const opsUrl = await ops.listen({ host: options.http.host, port: options.http.port });

  await consumer.run(async (batch, control) => {
    try {
      await options.process(batch, control);
    } catch (err) {
      if (err instanceof BatchAbandoned) {
        logger.warn(
          { topic: batch.topic, partition: batch.partition, reason: err.message },
          'batch left uncommitted',
        );
        return;
      }
      throw err;
    }
  });

  const steps: ShutdownStep[] = [
    { name: 'stop fetching and finish the batch in hand', run: () => consumer.stop() },
    ...(options.afterFetchingStopped ?? []),
    { name: 'disconnect consumer', run: () => consumer.disconnect() },
    { name: 'close HTTP', run: () => ops.close() },
    { name: 'disconnect producer', run: () => producer.disconnect() },
    {
      name: 'close Kafka admin',
      run: () => {
        clearInterval(lagTimer);
        return bus.close();
      },
    },
    ...(options.last ?? []),
  ];
  for (const step of steps) shutdownManager.register(step.name, step.run);
  return { opsUrl };
}
