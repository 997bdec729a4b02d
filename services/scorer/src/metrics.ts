import { Counter, Gauge, Histogram, type Registry } from '@rapport/observability';

import { performance } from 'node:perf_hooks';

/** Where the busy-time gauges read from: the scoring threads' total, known once they exist. */
export interface BusySources {
  scoringSeconds(): number;
}

export function createScorerMetrics(registry: Registry, busy?: BusySources) {
  const registers = [registry];
  return {
    consumed: new Counter({
      name: 'rapport_scorer_consumed_total',
      help: 'Messages consumed from the interactions topic',
      registers,
    }),
    scored: new Counter({
      name: 'rapport_scorer_scored_total',
      help: 'Interactions scored',
      labelNames: ['channel'],
      registers,
    }),
    flagged: new Counter({
      name: 'rapport_scorer_flagged_total',
      help: 'Interactions flagged for review',
      labelNames: ['severity'],
      registers,
    }),
    deadLettered: new Counter({
      name: 'rapport_scorer_dead_lettered_total',
      help: 'Messages sent to the dead-letter topic',
      labelNames: ['code'],
      registers,
    }),
    stored: new Counter({
      name: 'rapport_scorer_stored_total',
      help: 'Interaction writes by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    errors: new Counter({
      name: 'rapport_scorer_errors_total',
      help: 'Transient failures retried',
      labelNames: ['stage'],
      registers,
    }),
    lag: new Gauge({
      name: 'rapport_scorer_consumer_lag',
      help: 'Messages not yet committed by the group',
      registers,
    }),
    paused: new Gauge({
      name: 'rapport_scorer_paused',
      help: '1 while consumption is paused because a dependency is down',
      registers,
    }),
    /**
     * Seconds the main thread (Kafka and store I/O) and the scoring threads were busy: against
     * wall time and the thread count, it says which one caps throughput. Read on each scrape.
     */
    busySeconds: new Gauge({
      name: 'rapport_scorer_busy_seconds',
      help: 'Seconds busy since start, by thread kind: main (event loop active) or scoring (summed over threads)',
      labelNames: ['thread'],
      registers,
      collect() {
        this.set({ thread: 'main' }, performance.eventLoopUtilization().active / 1000);
        if (busy) this.set({ thread: 'scoring' }, busy.scoringSeconds());
      },
    }),
    scoringThreads: new Gauge({
      name: 'rapport_scorer_scoring_threads',
      help: 'Worker threads scoring (0: scoring on the main thread)',
      registers,
    }),
    batchSeconds: new Histogram({
      name: 'rapport_scorer_batch_seconds',
      help: 'Time to process one batch, from fetch to commit',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    /** Where a batch's time goes: scoring is CPU, the others wait on Kafka or the store. */
    stageSeconds: new Histogram({
      name: 'rapport_scorer_stage_seconds',
      help: 'Time per batch in each stage: score (decode, validate, score, encode), publish, store, commit',
      labelNames: ['stage'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    batchSize: new Histogram({
      name: 'rapport_scorer_batch_size',
      help: 'Messages per batch',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500],
      registers,
    }),
  };
}
export type ScorerMetrics = ReturnType<typeof createScorerMetrics>;
