import { Counter, Gauge, Histogram, type Registry } from '@rapport/observability';

export function createScorecardsMetrics(registry: Registry) {
  const registers = [registry];
  return {
    consumed: new Counter({
      name: 'rapport_scorecards_consumed_total',
      help: 'Messages consumed, by input (scored, reviews, updates)',
      labelNames: ['input'],
      registers,
    }),
    malformed: new Counter({
      name: 'rapport_scorecards_malformed_total',
      help: 'Messages skipped because they could not be read (logged with topic, partition and offset)',
      labelNames: ['input', 'code'],
      registers,
    }),
    failed: new Counter({
      name: 'rapport_scorecards_failed_total',
      help: 'Records skipped because applying them failed for good (logged with topic, partition and offset)',
      labelNames: ['input', 'stage'],
      registers,
    }),
    facts: new Counter({
      name: 'rapport_scorecards_facts_total',
      help: 'Scored interactions and review versions, by outcome (applied, stale)',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    updates: new Counter({
      name: 'rapport_scorecards_updates_published_total',
      help: 'Agent-day updates published to the updates topic',
      registers,
    }),
    days: new Counter({
      name: 'rapport_scorecards_days_total',
      help: 'Agent-days touched by a batch, by outcome (changed, unchanged)',
      labelNames: ['outcome'],
      registers,
    }),
    published: new Counter({
      name: 'rapport_scorecards_published_total',
      help: 'Scorecards published to the scorecards topic',
      registers,
    }),
    errors: new Counter({
      name: 'rapport_scorecards_errors_total',
      help: 'Transient failures retried',
      labelNames: ['stage'],
      registers,
    }),
    lag: new Gauge({
      name: 'rapport_scorecards_consumer_lag',
      help: 'Messages not yet committed by the group, all inputs',
      registers,
    }),
    paused: new Gauge({
      name: 'rapport_scorecards_paused',
      help: '1 while consumption is paused because a dependency is down',
      registers,
    }),
    batchSeconds: new Histogram({
      name: 'rapport_scorecards_batch_seconds',
      help: 'Time to process one batch, from fetch to commit, by input',
      labelNames: ['input'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    batchSize: new Histogram({
      name: 'rapport_scorecards_batch_size',
      help: 'Messages per batch',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500],
      registers,
    }),
  };
}
export type ScorecardsMetrics = ReturnType<typeof createScorecardsMetrics>;
