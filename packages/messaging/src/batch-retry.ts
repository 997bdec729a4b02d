import type { Logger } from '@rapport/observability';
import { MessagingError } from './errors.js';
import type { BatchControl } from './types.js';

/** Raised when shutdown or a rebalance interrupts a batch before it was fully written: no commit. */
export class BatchAbandoned extends Error {}

const BACKOFF_MS = [200, 500, 1_000, 2_000, 5_000];
/** How often a step in flight heartbeats (the client sends at most one per its own interval). */
const KEEP_ALIVE_MS = 2_000;

export interface RetryDeps {
  logger: Logger;
  /** The worker's own metrics: failures per stage, and whether consumption is paused. */
  metrics: {
    errors: { inc(labels: { stage: string }): void };
    paused: { set(value: number): void };
  };
  /** Stop fetching while a dependency is down, so nothing piles up in memory. */
  pause(): void;
  resume(): void;
  /** Heartbeat period while a step runs; the default suits the client's 3 s heartbeat interval. */
  keepAliveMs?: number;
  /**
   * How to take a failure: transient (a dependency is down: pause consumption, retry until it is
   * back), permanent (it fails the same way again: throw StepFailed at once), unknown (retry up
   * to `maxUnknownAttempts` times with this batch alone waiting, then StepFailed). Without it
   * every failure is transient.
   */
  classify?: (err: unknown) => 'transient' | 'permanent' | 'unknown';
  maxUnknownAttempts?: number;
}

/** A step that failed for good (see RetryDeps.classify); its cause is the last error. */
export class StepFailed extends Error {
  override readonly name = 'StepFailed';
  constructor(
    readonly stage: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      `${stage} failed for good after ${attempts} attempt(s): ${(cause as Error)?.message ?? String(cause)}`,
      {
        cause,
      },
    );
  }
}

const MAX_UNKNOWN_ATTEMPTS = 4;

/**
 * Repeats an idempotent step of a batch with backoff until it succeeds, consumption paused
 * meanwhile and the group membership kept alive, also while a slow attempt is in flight. Shutdown or losing the partition abandons the
 * batch uncommitted (BatchAbandoned); a lost membership goes back to the messaging layer, which
 * rejoins.
 */
export async function untilDone<T>(
  deps: RetryDeps,
  stage: string,
  control: BatchControl,
  op: () => Promise<T>,
): Promise<T> {
  let attempt = 0;
  let unknownAttempts = 0;
  let paused = false;
  const resume = () => {
    if (!paused) return;
    paused = false;
    deps.resume();
    deps.metrics.paused.set(0);
  };
  for (;;) {
    try {
      const result = await keptAlive(control, deps.keepAliveMs ?? KEEP_ALIVE_MS, op);
      if (paused) deps.logger.info({ stage, attempts: attempt + 1 }, 'dependency back; consumption resumed');
      resume();
      return result;
    } catch (err) {
      deps.metrics.errors.inc({ stage });
      if (err instanceof MessagingError && err.code === 'KAFKA_GROUP_MEMBERSHIP_LOST') {
        // Retrying cannot help: the partition may already be someone else's. Uncommitted, the
        // batch is redelivered.
        resume();
        deps.logger.warn({ stage }, 'left the consumer group mid-batch; the batch stays uncommitted');
        throw err;
      }
      const kind = deps.classify?.(err) ?? 'transient';
      if (kind === 'permanent') {
        resume();
        throw new StepFailed(stage, attempt + 1, err);
      }
      if (kind === 'unknown') {
        // Not known to be an outage: the other partitions keep flowing; only this batch waits.
        unknownAttempts++;
        if (unknownAttempts >= (deps.maxUnknownAttempts ?? MAX_UNKNOWN_ATTEMPTS)) {
          resume();
          throw new StepFailed(stage, attempt + 1, err);
        }
        deps.logger.warn({ err, stage, attempt: attempt + 1 }, `${stage} failed (unknown error); retrying`);
      } else {
        if (!paused) {
          paused = true;
          deps.pause();
          deps.metrics.paused.set(1);
        }
        deps.logger.warn(
          { err, stage, attempt: attempt + 1 },
          `${stage} failed; consumption paused, retrying`,
        );
      }
      const wait = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
      attempt++;
      for (let waited = 0; waited < wait; waited += 100) {
        if (!control.isRunning() || control.isStale()) {
          resume();
          throw new BatchAbandoned(
            `${stage} did not succeed before shutdown or rebalance; the batch stays uncommitted`,
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      await control.heartbeat().catch(() => undefined);
    }
  }
}

/**
 * Runs a step while heartbeating. Why: a step can outlast the session timeout without anything
 * being wrong (a store busy with other writers, a batch of redeliveries each needing a look-up),
 * and a member that stops heartbeating is removed from the group, its batch redone from scratch
 * by the next owner, which can then time out the same way and never get through.
 */
async function keptAlive<T>(control: BatchControl, everyMs: number, op: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    // A failed heartbeat (a rebalance under way) shows again at commit, which leaves the batch
    // uncommitted; nothing to do here.
    control.heartbeat().catch(() => undefined);
  }, everyMs);
  try {
    return await op();
  } finally {
    clearInterval(timer);
  }
}
