import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '@rapport/messaging';
import type { RunningScorer } from '@rapport/scorer';
import type { InteractionEventInput } from '@rapport/schemas';
import { InteractionsRepository, type StoreConnection } from '@rapport/store';
import {
  chatEvent,
  readTopic,
  removeScorerEnv,
  scorerEnv,
  startScorerOnBacklog,
  waitFor,
} from '../support/scorer.js';

/**
 * Regression: agent text repeating one kind of claim ("The refund takes N days." many times) made
 * the engine compare every pair of claims. A 200 KB event became a 24 MB scored message that the
 * broker refused (dead-lettered: never reviewed); a 134 KB one ran the scoring thread out of
 * memory, and the batch would have come back forever. Both sizes now score within budget and the
 * partition moves on.
 */
function claimBomb(id: string, kib: number): InteractionEventInput {
  const parts: string[] = [];
  for (let i = 0, n = 0; n < kib * 1000; i++) {
    const part = `The refund takes ${(i % 97) + 1} days. `;
    parts.push(part);
    n += part.length;
  }
  const event = chatEvent(id);
  if (event.channel !== 'chat') throw new Error('chatEvent makes chats');
  event.messages[1]!.text = parts.join('').slice(0, kib * 1000);
  return event;
}

describe('scorer given claim bombs of 130 KB and 250 KB (real Kafka and FerretDB)', () => {
  // One partition, so "the partition moves on" is observable: the event after the bombs is scored.
  const env = scorerEnv('it-claim-bomb', {
    TOPIC_PARTITIONS: '1',
    PARTITIONS_CONCURRENCY: '1',
    SCORING_THREADS: '1',
    SCORING_THREAD_HEAP_MB: '256',
  });
  let bus: Bus;
  let scorer: RunningScorer;
  let store: StoreConnection;
  const ids = ['before', 'bomb-130', 'bomb-250', 'after'];

  beforeAll(async () => {
    const events = [
      chatEvent('before'),
      claimBomb('bomb-130', 130),
      claimBomb('bomb-250', 250),
      chatEvent('after', { rude: true }),
    ];
    ({ bus, store, scorer } = await startScorerOnBacklog(
      env,
      events.map((e) => ({ key: e.interactionId, value: JSON.stringify(e) })),
    ));
  });

  afterAll(async () => {
    await scorer?.shutdown('test done');
    await removeScorerEnv(env, bus, store);
  });

  it('scores both within budget, stores them open for review, and moves on to the next event', async () => {
    await waitFor(
      'four stored interactions',
      () => store.db.collection('interactions').countDocuments(),
      (n) => n === 4,
      120_000,
    );
    const interactions = new InteractionsRepository(store.db);
    for (const id of ['bomb-130', 'bomb-250']) {
      const doc = await interactions.get('acme', id);
      expect(doc?.flagCodes).toContain('accuracy.contradiction');
      expect(doc?.review.status).toBe('open');
      // The reviewer sees the whole (redacted) reply, not a truncated one.
      expect(doc?.transcript?.[1]?.text.length).toBeGreaterThan(id === 'bomb-130' ? 129_000 : 249_000);
    }
    expect((await interactions.get('acme', 'after'))?.review.status).toBe('open');

    const scored = await readTopic(bus, env.SCORED_TOPIC, ids);
    for (const m of scored) expect(Buffer.byteLength(m.value)).toBeLessThan(64 * 1024);
    expect(await bus.topicSize(env.DEAD_LETTER_TOPIC).catch(() => 0)).toBe(0);
  });
});
