import {
  BatchAbandoned,
  MessagingError,
  untilDone,
  type BatchControl,
  type IncomingBatch,
  type IncomingMessage,
  type OutgoingMessage,
  type Producer,
} from '@rapport/messaging';
import type { Logger } from '@rapport/observability';
import type { DeadLetter, DeadLetterCode, DeadLetterPayload, ValidationIssue } from '@rapport/schemas';
import {
  countOutcomes,
  classifyStoreError,
  type InteractionsRepository,
  type SaveResult,
  type StoredInteraction,
} from '@rapport/store';
import type { Analyser } from './analyser.js';
import type { ScorerMetrics } from './metrics.js';

/**
 * What a store error was, by its name and code only: a driver error's message and fields can
 * carry the rejected document (a transcript), which must not reach logs or dead letters.
 */
export function storeErrorSummary(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; code?: unknown };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  return typeof e.code === 'number' || typeof e.code === 'string' ? `${name} (code ${e.code})` : name;
}

/** Tries of one interaction's save when the store's error is neither transient nor permanent. */
const UNKNOWN_ERROR_ATTEMPTS = 3;

export interface ProcessorDeps {
  producer: Producer;
  interactions: InteractionsRepository;
  /** Batch writes, joined with other partitions' (CombinedWrites); the repository's when absent. */
  writes?: { save(docs: readonly StoredInteraction[]): Promise<SaveResult> };
  /** Decodes, validates and scores a batch's messages (on scoring threads, or inline). */
  analyser: Pick<Analyser, 'analyse'>;
  topics: { scored: string; deadLetters: string };
  logger: Logger;
  metrics: ScorerMetrics;
  /** Stop fetching while a dependency is down, so nothing piles up in memory. */
  pause(): void;
  resume(): void;
  now?: () => Date;
  /** The payload as a dead letter carries it: encrypted, or redacted without a key (dead-letter-payload.ts). */
  sealPayload: (payload: Buffer, source: DeadLetter['source']) => DeadLetterPayload;
}

/**
 * One batch (one partition) end to end: decode, validate, score, publish scored interactions and
 * dead letters, store, then commit. The offset is committed only after both the Kafka publish and
 * the MongoDB write succeeded; redelivery after a crash is harmless because writes are idempotent.
 */
export class BatchProcessor {
  private readonly now: () => Date;

  constructor(private readonly deps: ProcessorDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async process(batch: IncomingBatch, control: BatchControl): Promise<void> {
    const { metrics, logger } = this.deps;
    const last = batch.messages.at(-1);
    if (!last) return;
    const endTimer = metrics.batchSeconds.startTimer();
    metrics.consumed.inc(batch.messages.length);
    metrics.batchSize.observe(batch.messages.length);

    const endScore = metrics.stageSeconds.startTimer({ stage: 'score' });
    const scoredOut: OutgoingMessage[] = [];
    const deadOut: OutgoingMessage[] = [];
    const toStore: StoredInteraction[] = [];
    const storeSources: IncomingMessage[] = [];
    // Under untilDone: scoring heartbeats while it runs, and a scoring pool that cannot run at all
    // (no event to blame) pauses and retries instead of failing the batch.
    const analyses = await this.untilDone('score', control, () =>
      this.deps.analyser.analyse(batch.messages.map((m) => m.value)),
    );
    for (const [i, analysis] of analyses.entries()) {
      const message = batch.messages[i]!;
      if (!analysis.ok) {
        if (analysis.code === 'SCORING_FAILED' || analysis.code === 'SCORING_BUDGET_EXCEEDED')
          logger.error(
            {
              err: { message: analysis.message, stack: analysis.stack },
              interactionId: analysis.interactionId,
              topic: batch.topic,
              partition: batch.partition,
              offset: message.offset,
            },
            'scoring failed',
          );
        deadOut.push(this.deadLetter(batch, message, analysis.code, analysis.message, analysis.issues));
        continue;
      }
      metrics.scored.inc({ channel: analysis.channel });
      if (analysis.flagged) metrics.flagged.inc({ severity: analysis.maxSeverity ?? 'none' });
      if (message.timestamp) analysis.doc.producedAt = new Date(Number(message.timestamp));
      toStore.push(analysis.doc);
      storeSources.push(message);
      scoredOut.push({
        key: analysis.interactionId,
        value: analysis.value,
        headers: { 'rapport-tenant': analysis.tenantId },
      });
    }

    endScore();
    await control.heartbeat();
    // Store first, then publish: what reaches the scored topic (scorecards, review index) is
    // always stored, and an interaction the store refuses for good is dead-lettered, not counted.
    const endStore = metrics.stageSeconds.startTimer({ stage: 'store' });
    const saved = await this.untilDone('store', control, () => this.store(batch, toStore, storeSources));
    endStore();
    metrics.stored.inc({ outcome: 'inserted' }, saved.inserted);
    metrics.stored.inc({ outcome: 'updated' }, saved.updated);
    metrics.stored.inc({ outcome: 'unchanged' }, saved.unchanged);
    for (const i of [...saved.rejected].reverse()) {
      deadOut.push(
        this.deadLetter(
          batch,
          storeSources[i]!,
          'STORE_REJECTED',
          `the store rejected the interaction: ${saved.reasons.get(i) ?? 'unknown reason'}`,
          [],
        ),
      );
      scoredOut.splice(i, 1);
      storeSources.splice(i, 1);
    }
    await control.heartbeat();
    const endPublish = metrics.stageSeconds.startTimer({ stage: 'publish' });
    await this.untilDone('publish', control, () => this.publish(batch, scoredOut, deadOut, storeSources));
    endPublish();
    for (const d of deadOut)
      metrics.deadLettered.inc({ code: d.headers?.['rapport-error-code'] ?? 'unknown' });

    if (control.isStale())
      throw new BatchAbandoned('partition was reassigned during the batch; the new owner reprocesses it');
    const endCommit = metrics.stageSeconds.startTimer({ stage: 'commit' });
    await this.untilDone('commit', control, () => control.commit(last.offset));
    endCommit();
    endTimer();
    logger.debug(
      {
        topic: batch.topic,
        partition: batch.partition,
        offset: last.offset,
        count: batch.messages.length,
        deadLettered: deadOut.length,
        ...saved,
      },
      'batch done',
    );
  }

  /**
   * Publishes scored interactions and dead letters. When the broker rejects a record for good
   * (too large for the topic), the scored interactions go one by one; each rejected one is
   * dead-lettered with its original event, so the partition moves on. It is stored already and
   * stays reviewable; the dead letter says that scorecards will not count it.
   */
  private async publish(
    batch: IncomingBatch,
    scoredOut: OutgoingMessage[],
    deadOut: OutgoingMessage[],
    sources: IncomingMessage[],
  ): Promise<void> {
    const { producer, topics } = this.deps;
    try {
      await producer.sendBatch([
        { topic: topics.scored, messages: scoredOut },
        { topic: topics.deadLetters, messages: deadOut },
      ]);
      return;
    } catch (err) {
      if (!(err instanceof MessagingError) || err.code !== 'KAFKA_MESSAGE_REJECTED') throw err;
    }
    for (let i = scoredOut.length - 1; i >= 0; i--) {
      try {
        await producer.send(topics.scored, [scoredOut[i]!]);
      } catch (err) {
        if (!(err instanceof MessagingError) || err.code !== 'KAFKA_MESSAGE_REJECTED') throw err;
        const size = String(scoredOut[i]!.value).length;
        deadOut.push(
          this.deadLetter(
            batch,
            sources[i]!,
            'PUBLISH_REJECTED',
            `the scored interaction (${size} bytes) was rejected by ${topics.scored}: ${err.message}. It is stored and open to review, but scorecards will not count it until it is replayed to a topic that accepts it`,
            [],
          ),
        );
        scoredOut.splice(i, 1);
        sources.splice(i, 1);
      }
    }
    await producer.send(topics.deadLetters, deadOut);
  }

  /**
   * Saves the batch; a document the store rejects for good is reported (by its index in `items`)
   * for dead-lettering, not retried forever. Transient errors throw, for untilDone to retry.
   */
  private async store(
    batch: IncomingBatch,
    items: StoredInteraction[],
    sources: IncomingMessage[],
  ): Promise<SaveResult & { rejected: number[]; reasons: Map<number, string> }> {
    const rejected: number[] = [];
    const reasons = new Map<number, string>();
    try {
      const saved = this.deps.writes
        ? await this.deps.writes.save(items)
        : countOutcomes(await this.deps.interactions.saveEachStored(items, this.now()));
      return { ...saved, rejected, reasons };
    } catch (err) {
      if (classifyStoreError(err) === 'transient' || items.length === 0) throw err;
      this.deps.logger.warn(
        { err: storeErrorSummary(err), topic: batch.topic, partition: batch.partition },
        'store rejected the batch; saving one by one',
      );
    }
    const total = { inserted: 0, updated: 0, unchanged: 0 };
    for (const [i, item] of items.entries()) {
      for (let attempt = 1; ; attempt++) {
        try {
          const [outcome] = await this.deps.interactions.saveEachStored([item], this.now());
          total[outcome!]++;
          break;
        } catch (err) {
          const kind = classifyStoreError(err);
          if (kind === 'transient') throw err;
          // An error the store does not name as permanent may pass: a few tries, then give up on
          // this interaction alone.
          if (kind === 'unknown' && attempt < UNKNOWN_ERROR_ATTEMPTS) {
            await new Promise((r) => setTimeout(r, 250 * attempt));
            continue;
          }
          this.deps.logger.warn(
            {
              err: storeErrorSummary(err),
              topic: batch.topic,
              partition: batch.partition,
              offset: sources[i]?.offset,
              attempt,
            },
            'store rejected an interaction',
          );
          rejected.push(i);
          reasons.set(i, storeErrorSummary(err));
          break;
        }
      }
    }
    return { ...total, rejected, reasons };
  }

  /** A step retried until it succeeds (see untilDone), or the batch abandoned uncommitted. */
  private untilDone<T>(stage: string, control: BatchControl, op: () => Promise<T>): Promise<T> {
    return untilDone(this.deps, stage, control, op);
  }

  private deadLetter(
    batch: IncomingBatch,
    message: IncomingMessage,
    code: DeadLetterCode,
    errorMessage: string,
    issues: ValidationIssue[],
  ): OutgoingMessage {
    const payload = message.value ?? Buffer.alloc(0);
    const source = {
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key ? message.key.toString('utf8') : null,
      timestamp: message.timestamp || null,
    };
    const letter: DeadLetter = {
      schemaVersion: 1,
      errorCode: code,
      errorMessage,
      issues,
      source,
      payload: this.deps.sealPayload(payload, source),
      payloadBytes: payload.length,
      firstSeenAt: this.now().toISOString(),
    };
    this.deps.logger.warn(
      {
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        code,
        issues: issues.slice(0, 5),
      },
      `dead-lettered: ${errorMessage}`,
    );
    return {
      key: message.key ? message.key.toString('utf8') : null,
      value: JSON.stringify(letter),
      headers: { 'rapport-error-code': code },
    };
  }
}
