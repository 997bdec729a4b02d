import {
  BatchAbandoned,
  untilDone,
  type BatchControl,
  type IncomingBatch,
  type IncomingMessage,
} from '@rapport/messaging';
import type { Logger } from '@rapport/observability';
import type { ScorecardUpdate } from '@rapport/schemas';
import {
  applyUpdates,
  decodeReviewFact,
  decodeScorecardUpdate,
  decodeScoredFact,
  routeFacts,
  type ApplyPort,
  type Fact,
  type MalformedCode,
  type RoutePort,
} from '@rapport/scorecards';
import type { ScorecardsMetrics } from './metrics.js';

export type Input = 'scored' | 'reviews' | 'updates';

export interface ProcessorDeps {
  route: RoutePort;
  apply: ApplyPort;
  topics: { scored: string; reviews: string; updates: string };
  logger: Logger;
  metrics: ScorecardsMetrics;
  pause(): void;
  resume(): void;
  now?: () => Date;
}

/**
 * One batch (one partition of one topic) end to end, committed only after MongoDB and Kafka took
 * everything it caused. Scored interactions and review events are routed to agent-days (stage 1);
 * agent-day updates are applied and the changed scorecards published (stage 2). Both stages are
 * idempotent, so a batch redelivered after a crash converges to the same scorecards.
 */
export class ScorecardsProcessor {
  private readonly now: () => Date;

  constructor(private readonly deps: ProcessorDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  inputOf(topic: string): Input | undefined {
    const { topics } = this.deps;
    return topic === topics.scored
      ? 'scored'
      : topic === topics.reviews
        ? 'reviews'
        : topic === topics.updates
          ? 'updates'
          : undefined;
  }

  async process(batch: IncomingBatch, control: BatchControl): Promise<void> {
    const { metrics, logger } = this.deps;
    const last = batch.messages.at(-1);
    const input = this.inputOf(batch.topic);
    if (!last || !input) return;
    const endTimer = metrics.batchSeconds.startTimer({ input });
    metrics.consumed.inc({ input }, batch.messages.length);
    metrics.batchSize.observe(batch.messages.length);

    if (input === 'updates') {
      const updates: ScorecardUpdate[] = [];
      for (const m of batch.messages) {
        const d = decodeScorecardUpdate(m.value);
        if (d.ok) updates.push(d.update);
        else this.skip(batch, m, input, d.code, d.reason);
      }
      const r = await untilDone(this.deps, 'apply', control, () =>
        applyUpdates(updates, this.deps.apply, this.now()),
      );
      metrics.days.inc({ outcome: 'changed' }, r.changed);
      metrics.days.inc({ outcome: 'unchanged' }, r.days - r.changed);
      metrics.published.inc(r.cards.length);
    } else {
      const kind = input === 'scored' ? 'scored' : 'review';
      const decode = input === 'scored' ? decodeScoredFact : decodeReviewFact;
      const facts: Fact[] = [];
      for (const m of batch.messages) {
        const d = decode(m.value);
        if (d.ok) facts.push(d.fact);
        else this.skip(batch, m, input, d.code, d.reason);
      }
      const r = await untilDone(this.deps, 'route', control, () => routeFacts(kind, facts, this.deps.route));
      metrics.facts.inc({ kind, outcome: 'applied' }, r.applied);
      metrics.facts.inc({ kind, outcome: 'stale' }, r.stale);
      metrics.updates.inc(r.updates);
    }

    if (control.isStale())
      throw new BatchAbandoned('partition was reassigned during the batch; the new owner reprocesses it');
    await untilDone(this.deps, 'commit', control, () => control.commit(last.offset));
    endTimer();
    logger.debug({ topic: batch.topic, partition: batch.partition, offset: last.offset }, 'batch done');
  }

  /**
   * Our inputs are our own pipeline's output (bad raw events were dead-lettered by the scorer),
   * so an unreadable message is a bug upstream: counted, logged where to find it, and skipped so
   * the partition moves on.
   */
  private skip(
    batch: IncomingBatch,
    m: IncomingMessage,
    input: Input,
    code: MalformedCode,
    reason: string,
  ): void {
    this.deps.metrics.malformed.inc({ input, code });
    this.deps.logger.warn(
      {
        topic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
        key: m.key?.toString('utf8') ?? null,
        code,
      },
      `skipped a malformed message: ${reason}`,
    );
  }
}
