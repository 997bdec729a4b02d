import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, ConfigResourceTypes, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReviewApi } from '@rapport/review-api';
import type { RunningScorer } from '@rapport/scorer';
import { connectStore, type StoreConnection } from '@rapport/store';
import { KAFKA_BROKERS, MONGODB_URI } from '../support/env.js';
import { removeReviewEnv, reviewEnv, startTestReviewApi } from '../support/review.js';
import { removeScorerEnv, scorerEnv, startTestScorer, testBus } from '../support/scorer.js';

// Topics keep records no longer than the policy keeps conversation data: retention.ms comes from
// retention.days, on new topics and on ones that existed before (a policy change, an old topic).
const DAYS = 30;
const RETENTION_MS = String(DAYS * 86_400_000);

describe('topic retention from the policy (real Kafka)', () => {
  const dir = { path: '' };
  let env: Record<string, string>;
  let admin: Admin;
  let scorer: RunningScorer | undefined;
  let review: { env: ReturnType<typeof reviewEnv>; api?: RunningReviewApi } | undefined;
  let store: StoreConnection;

  const configOf = async (topic: string) => {
    const res = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
    });
    return Object.fromEntries(
      res.resources[0]!.configEntries.map((c) => [c.configName, c.configValue]),
    ) as Record<string, string>;
  };

  beforeAll(async () => {
    dir.path = await mkdtemp(join(tmpdir(), 'rapport-topic-retention-'));
    const policy = join(dir.path, 'policy.json');
    await writeFile(
      policy,
      JSON.stringify({ id: 'topic-retention', version: '1', retention: { days: DAYS, keepScores: true } }),
    );
    env = scorerEnv('topic-retention', { POLICY_FILE: policy, SCORING_THREADS: '0' });
    review = { env: reviewEnv('topic-retention-review', { POLICY_FILE: policy }) };
    admin = new Kafka({
      clientId: 'test-topic-retention',
      brokers: KAFKA_BROKERS,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    store = await connectStore({ uri: MONGODB_URI, dbName: env.MONGODB_DB!, appName: 'test' });
  });

  afterAll(async () => {
    if (review) {
      const db = await connectStore({ uri: MONGODB_URI, dbName: review.env.MONGODB_DB, appName: 'test' });
      await removeReviewEnv(review.env, review.api, db);
    }
    await scorer?.shutdown('test done');
    await admin.disconnect();
    await removeScorerEnv(env, testBus(env), store);
    await rm(dir.path, { recursive: true, force: true });
  });

  it('sets retention.ms on the topics it creates and updates the ones that existed, keeping their other settings', async () => {
    // The interactions and dead-letter topics exist already: a week's retention, and an
    // operator's setting the scorer must not wipe.
    await admin.createTopics({
      waitForLeaders: true,
      topics: [env.INTERACTIONS_TOPIC!, env.DEAD_LETTER_TOPIC!].map((topic) => ({
        topic,
        numPartitions: 1,
        configEntries: [
          { name: 'retention.ms', value: String(7 * 86_400_000) },
          { name: 'segment.ms', value: '3600000' },
        ],
      })),
    });
    expect((await configOf(env.INTERACTIONS_TOPIC!))['retention.ms']).toBe(String(7 * 86_400_000));

    scorer = await startTestScorer(env);

    for (const topic of [env.INTERACTIONS_TOPIC!, env.SCORED_TOPIC!, env.DEAD_LETTER_TOPIC!])
      expect((await configOf(topic))['retention.ms'], topic).toBe(RETENTION_MS);
    expect((await configOf(env.INTERACTIONS_TOPIC!))['segment.ms']).toBe('3600000');
    expect((await configOf(env.DEAD_LETTER_TOPIC!))['segment.ms']).toBe('3600000');
    // The scored topic was created by the scorer: with its creation-time settings too.
    expect((await configOf(env.SCORED_TOPIC!))['max.message.bytes']).toBe(String(4 * 1024 * 1024));
  });

  it('sets retention.ms on the reviews topic (review events carry notes) when the review service starts', async () => {
    const r = review!;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: r.env.REVIEWS_TOPIC,
          numPartitions: 1,
          configEntries: [{ name: 'retention.ms', value: '-1' }],
        },
      ],
    });
    expect((await configOf(r.env.REVIEWS_TOPIC))['retention.ms']).toBe('-1');
    r.api = await startTestReviewApi(r.env);
    expect((await configOf(r.env.REVIEWS_TOPIC))['retention.ms']).toBe(RETENTION_MS);
    expect((await configOf(r.env.SCORED_TOPIC))['retention.ms']).toBe(RETENTION_MS);
  });
});
