import { describe, expect, it } from 'vitest';
import { loadScorecardsWorkerConfig } from './config.js';

describe('scorecards worker config', () => {
  it('defaults to its own group, port and the pipeline topics', () => {
    const c = loadScorecardsWorkerConfig({});
    expect(c).toMatchObject({
      SCORECARDS_GROUP_ID: 'rapport-scorecards',
      HTTP_PORT: 9465,
      MONGODB_DB: 'rapport',
      SCORED_TOPIC: 'rapport.scored.v1',
      REVIEWS_TOPIC: 'rapport.reviews.v1',
      SCORECARDS_TOPIC: 'rapport.scorecards.v1',
      SCORECARD_UPDATES_TOPIC: 'rapport.scorecards.updates.v1',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
    });
  });

  it('names every invalid variable at once', () => {
    expect(() =>
      loadScorecardsWorkerConfig({ HTTP_PORT: 'x', STORE_CONCURRENCY: '0', MONGODB_DB: 'a.b' }),
    ).toThrow(/HTTP_PORT[\s\S]*MONGODB_DB|MONGODB_DB[\s\S]*HTTP_PORT/);
    expect(() => loadScorecardsWorkerConfig({ STORE_CONCURRENCY: '0' })).toThrow(/STORE_CONCURRENCY/);
  });
});
