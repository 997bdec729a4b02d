import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '@rapport/messaging';
import type { RunningScorer } from '@rapport/scorer';
import type { StoreConnection } from '@rapport/store';
import { chatEvent, removeScorerEnv, scorerEnv, startScorerOnBacklog, waitFor } from '../support/scorer.js';

// Regression: the demo's first run stalled a partition for good. One fetched batch of ~1,000 events
// produced several MiB of scored output in one produce request, above the broker's 1 MiB
// max.message.bytes, and the publish was retried forever. Output now goes out in bounded requests.
describe('scorer with a scored topic at the broker default of 1 MiB per record batch', () => {
  const env = scorerEnv('it-large-out', { PARTITIONS_CONCURRENCY: '1', TOPIC_PARTITIONS: '1' });
  let bus: Bus;
  let scorer: RunningScorer;
  let store: StoreConnection;

  beforeAll(async () => {
    // The scored topic is created before the scorer, without its larger max.message.bytes: the
    // broker default applies.
    const events = Array.from({ length: 1_200 }, (_, i) => ({
      key: `big-${i}`,
      value: JSON.stringify(chatEvent(`big-${i}`, { rude: i % 2 === 0 })),
    }));
    ({ bus, store, scorer } = await startScorerOnBacklog(env, events));
  });

  afterAll(async () => {
    await scorer?.shutdown('test done');
    await removeScorerEnv(env, bus, store);
  });

  it('publishes several MiB of scored output from one batch and stores every interaction', async () => {
    await waitFor(
      '1,200 documents',
      () => store.db.collection('interactions').countDocuments(),
      (n) => n === 1_200,
      100_000,
    );
    expect(await bus.topicSize(env.SCORED_TOPIC)).toBe(1_200);
  });
});
