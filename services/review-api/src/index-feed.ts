import { randomUUID } from 'node:crypto';
import type { Bus, Consumer, IncomingBatch } from '@rapport/messaging';
import type { Logger } from '@rapport/observability';
import { ReviewEvent, ScoredInteraction } from '@rapport/schemas';
import { keyOf, type QueueIndex } from '@rapport/review';
import { toInteractionDocument, type InteractionsRepository, type ReviewsRepository } from '@rapport/store';
import { toQueueInteraction } from './desk.js';

export interface IndexFeedOptions {
  bus: Bus;
  index: QueueIndex;
  interactions: InteractionsRepository;
  reviews: ReviewsRepository;
  logger: Logger;
  scoredTopic: string;
  reviewsTopic: string;
  groupPrefix: string;
  reconcileMs: number;
  onMalformed?: (topic: string) => void;
}

/**
 * Keeps this instance's queue index current: first the topics (so nothing published while the
 * store is read is missed), then a full read of the store, then every change from the scored and
 * review topics, and a periodic reconcile with the store for anything that slipped between.
 */
export class IndexFeed {
  private consumer: Consumer | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Keys changed from the topics during a store read: a reconcile must not drop them. */
  private touchedDuringLoad: Set<string> | undefined;
  private loaded = false;
  private reconciling: Promise<void> | undefined;

  constructor(private readonly o: IndexFeedOptions) {}

  get ready(): boolean {
    return this.loaded;
  }

  async start(): Promise<void> {
    const { bus, scoredTopic, reviewsTopic, groupPrefix } = this.o;
    // A group of one per instance: every instance must see every partition. A restarted
    // instance gets a new group and reads the store again.
    const consumer = await bus.consumer({
      groupId: `${groupPrefix}-${randomUUID()}`,
      topics: [scoredTopic, reviewsTopic],
      fromBeginning: false,
      partitionsConsumedConcurrently: 1,
    });
    this.consumer = consumer;
    const assigned = new Promise<void>((resolve) =>
      consumer.onGroupEvent((e) => {
        if (e.type === 'assigned') resolve();
      }),
    );
    // Committing moves this group's position on (the consumer fetches from the committed offset);
    // the index itself is rebuilt from the store on restart.
    void consumer.run(async (batch, control) => {
      this.apply(batch);
      const last = batch.messages[batch.messages.length - 1];
      if (last && !control.isStale()) await control.commit(last.offset);
    });
    await assigned;
    await this.reconcile();
    this.loaded = true;
    this.timer = setInterval(() => void this.reconcile(), this.o.reconcileMs);
    this.timer.unref();
  }

  /** Reads the store and brings the index in line with it. */
  reconcile(): Promise<void> {
    this.reconciling ??= this.readStore().finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  private async readStore(): Promise<void> {
    const started = Date.now();
    const { index, interactions, reviews, logger } = this.o;
    this.touchedDuringLoad = new Set();
    const seen = new Set<string>();
    try {
      const cursor = interactions.collection.find(
        { 'review.status': 'open' },
        {
          projection: { transcript: 0, scoreDetails: 0, flags: 0, redactions: 0, tags: 0, source: 0 },
          batchSize: 2000,
        },
      );
      for await (const doc of cursor) {
        index.upsertInteraction(toQueueInteraction(doc));
        seen.add(doc._id);
      }
      for await (const review of reviews.all()) index.applyReview(review);
      const removed = index.retainOnly(seen, this.touchedDuringLoad);
      logger.info(
        { items: index.size, removed, ms: Date.now() - started },
        'review queue index read from the store',
      );
    } catch (err) {
      logger.error(
        { err },
        'reading the review queue from the store failed; will retry at the next reconcile',
      );
      if (!this.loaded) throw err;
    } finally {
      this.touchedDuringLoad = undefined;
    }
  }

  private apply(batch: IncomingBatch): void {
    const { index, scoredTopic } = this.o;
    for (const m of batch.messages) {
      if (!m.value) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(m.value.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      if (batch.topic === scoredTopic) {
        const r = ScoredInteraction.safeParse(parsed);
        if (!r.success) {
          this.malformed(batch, m.offset);
          continue;
        }
        const s = r.data;
        const key = keyOf(s.tenantId, s.interactionId);
        this.touchedDuringLoad?.add(key);
        if (!s.flagged && !s.controlSample) {
          index.removeInteraction(s.tenantId, s.interactionId, s.revision);
          continue;
        }
        // The same mapping the store applies, so the index and the stored document never disagree.
        const control = !s.flagged && s.controlSample === true;
        index.upsertInteraction(
          toQueueInteraction(
            toInteractionDocument({ scored: s, control, keepTranscript: false }, new Date()),
          ),
        );
      } else {
        const r = ReviewEvent.safeParse(parsed);
        if (!r.success) {
          this.malformed(batch, m.offset);
          continue;
        }
        this.touchedDuringLoad?.add(keyOf(r.data.review.tenantId, r.data.review.interactionId));
        index.applyReview(r.data.review);
      }
    }
  }

  private malformed(batch: IncomingBatch, offset: string): void {
    this.o.onMalformed?.(batch.topic);
    this.o.logger.warn(
      { topic: batch.topic, partition: batch.partition, offset },
      'skipped a message that does not match its topic contract',
    );
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.consumer) {
      await this.consumer.stop();
      await this.consumer.disconnect();
    }
  }
}
