import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '@rapport/messaging';
import type { RunningScorer } from '@rapport/scorer';
import { DeadLetter } from '@rapport/schemas';
import type { StoreConnection } from '@rapport/store';
import {
  chatEvent,
  readTopic,
  removeScorerEnv,
  scorerEnv,
  startScorerOnBacklog,
  waitFor,
} from '../support/scorer.js';

// Regression: a record the broker refuses for good (larger than the scored topic allows) was
// retried forever and stopped the partition. It is now dead-lettered and the partition moves on.
// The store is written before the scored topic, so the interaction stays open to review.
describe('scorer when the scored topic refuses its records', () => {
  const env = scorerEnv('it-rejected', { TOPIC_PARTITIONS: '1' });
  let bus: Bus;
  let scorer: RunningScorer | undefined;
  let store: StoreConnection;
  const events = Array.from({ length: 5 }, (_, i) => JSON.stringify(chatEvent(`rejected-${i}`)));

  beforeAll(async () => {
    // Every scored interaction is larger than 1,500 bytes.
    ({ bus, store, scorer } = await startScorerOnBacklog(
      env,
      events.map((value, i) => ({ key: `rejected-${i}`, value })),
      { 'max.message.bytes': '1500' },
    ));
  });

  afterAll(async () => {
    await scorer?.shutdown('test done');
    await removeScorerEnv(env, bus, store);
  });

  it('dead-letters each rejected interaction with its original event and keeps the partition moving', async () => {
    await waitFor(
      'the group to commit everything',
      () => bus.groupLag(env.SCORER_GROUP_ID, env.INTERACTIONS_TOPIC),
      (lag) => lag === 0,
    );
    const letters = (await readTopic(bus, env.DEAD_LETTER_TOPIC, 5)).map((m) =>
      DeadLetter.parse(JSON.parse(m.value)),
    );
    expect(letters.map((l) => l.errorCode)).toEqual(Array(5).fill('PUBLISH_REJECTED'));
    // No DEAD_LETTER_KEY here: the payloads are kept redacted (these events hold no PII), and say so.
    expect(letters.map((l) => l.payload?.protection)).toEqual(Array(5).fill('redacted'));
    expect(letters[0]?.payload?.protection === 'redacted' && letters[0].payload.reason).toMatch(
      /^no DEAD_LETTER_KEY was configured/,
    );
    expect(letters.map((l) => (l.payload?.protection === 'redacted' ? l.payload.text : '')).sort()).toEqual(
      [...events].sort(),
    );
    expect(letters[0]?.errorMessage).toMatch(
      /^the scored interaction \(\d+ bytes\) was rejected by it-rejected-scored.*It is stored and open to review, but scorecards will not count it/,
    );
    // Stored before the publish was tried: a reviewer still sees every one.
    expect(await store.db.collection('interactions').countDocuments()).toBe(5);
  });
});
