import {
  BatchAbandoned,
  MessagingError,
  StepFailed,
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
import { classifyStoreError } from '@rapport/store';
import type { ScorecardsMetrics } from './metrics.js';

/**
 * A failure of this worker's steps: Kafka errors are outages except a record the broker refuses
 * for good; store errors as the store classifies them.
 */
export function classifyFailure(err: unknown): 'transient' | 'permanent' | 'unknown' {
  if (err instanceof MessagingError) return err.code === 'KAFKA_MESSAGE_REJECTED' ? 'permanent' : 'transient';
  return classifyStoreError(err);
}

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
      const updates: { update: ScorecardUpdate; m: IncomingMessage }[] = [];
      for (const m of batch.messages) {
        const d = decodeScorecardUpdate(m.value);
        if (d.ok) updates.push({ update: d.update, m });
        else this.skip(batch, m, input, d.code, d.reason);
      }
      // The whole batch in one go; when that fails for good, day by day, so one day that cannot
      // be written (too large, invalid) is skipped and logged and the others land.
      const r = await this.inGroups(
        batch,
        control,
        'apply',
        input,
        [updates],
        (group) => {
          const days = new Map<string, typeof updates>();
          for (const u of group) {
            const key = `${u.update.tenantId}\u0000${u.update.agentId}\u0000${u.update.day}`;
            days.set(key, [...(days.get(key) ?? []), u]);
          }
          return [...days.values()];
        },
        (group) =>
          applyUpdates(
            group.map((u) => u.update),
            this.deps.apply,
            this.now(),
          ),
      );
      for (const x of r) {
        metrics.days.inc({ outcome: 'changed' }, x.changed);
        metrics.days.inc({ outcome: 'unchanged' }, x.days - x.changed);
        metrics.published.inc(x.cards.length);
      }
    } else {
      const kind = input === 'scored' ? 'scored' : 'review';
      const decode = input === 'scored' ? decodeScoredFact : decodeReviewFact;
      const facts: { fact: Fact; m: IncomingMessage }[] = [];
      for (const m of batch.messages) {
        const d = decode(m.value);
        if (d.ok) facts.push({ fact: d.fact, m });
        else this.skip(batch, m, input, d.code, d.reason);
      }
      const r = await this.inGroups(
        batch,
        control,
        'route',
        input,
        [facts],
        (group) => group.map((f) => [f]),
        (group) =>
          routeFacts(
            kind,
            group.map((f) => f.fact),
            this.deps.route,
          ),
      );
      for (const x of r) {
        metrics.facts.inc({ kind, outcome: 'applied' }, x.applied);
        metrics.facts.inc({ kind, outcome: 'stale' }, x.stale);
        metrics.updates.inc(x.updates);
      }
    }

    if (control.isStale())
      throw new BatchAbandoned('partition was reassigned during the batch; the new owner reprocesses it');
    await untilDone(this.deps, 'commit', control, () => control.commit(last.offset));
    endTimer();
    logger.debug({ topic: batch.topic, partition: batch.partition, offset: last.offset }, 'batch done');
  }

  /**
   * Runs `step` on each group; a group whose step fails for good is split with `split` and its
   * parts run alone, and a single record that still fails for good is skipped: logged with its
   * offset and counted, so one bad record neither stalls nor pauses the other partitions.
   */
  private async inGroups<T extends { m: IncomingMessage }, R>(
    batch: IncomingBatch,
    control: BatchControl,
    stage: string,
    input: Input,
    groups: T[][],
    split: (group: T[]) => T[][],
    step: (group: T[]) => Promise<R>,
  ): Promise<R[]> {
    const results: R[] = [];
    const deps = { ...this.deps, classify: classifyFailure };
    for (const group of groups) {
      if (group.length === 0) continue;
      try {
        results.push(await untilDone(deps, stage, control, () => step(group)));
      } catch (err) {
        if (!(err instanceof StepFailed)) throw err;
        const parts = split(group);
        if (parts.length > 1) {
          results.push(
            ...(await this.inGroups(batch, control, stage, input, parts, (g) => g.map((x) => [x]), step)),
          );
          continue;
        }
        for (const { m } of group) {
          this.deps.metrics.failed.inc({ input, stage });
          this.deps.logger.error(
            {
              err: err.cause,
              topic: batch.topic,
              partition: batch.partition,
              offset: m.offset,
              key: m.key?.toString('utf8') ?? null,
            },
            `skipped a record that cannot be applied: ${err.message}`,
          );
        }
      }
    }
    return results;
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
