import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, Producer } from '@rapport/messaging';
import type { RunningScorer } from '@rapport/scorer';
import { randomBytes } from 'node:crypto';
import { DeadLetter, deadLetterKey, openDeadLetterPayload, ScoredInteraction } from '@rapport/schemas';
import {
  connectStore,
  InteractionsRepository,
  type InteractionDocument,
  type StoreConnection,
} from '@rapport/store';
import {
  chatEvent,
  readTopic,
  removeScorerEnv,
  scorerEnv,
  startTestScorer,
  testBus,
  waitFor,
} from '../support/scorer.js';

describe('scorer worker (real Kafka and FerretDB)', () => {
  // Dead letters hold unvalidated conversations: encrypted on the topic with this key.
  const letterKey = randomBytes(32).toString('base64');
  const env = scorerEnv('it-scorer', { DEAD_LETTER_KEY: letterKey });
  let bus: Bus;
  let producer: Producer;
  let scorer: RunningScorer;
  let store: StoreConnection;

  const docs = () => store.db.collection<InteractionDocument>('interactions');
  const publish = (messages: { key: string | null; value: string | Buffer }[]) =>
    producer.send(env.INTERACTIONS_TOPIC, messages);

  beforeAll(async () => {
    bus = testBus(env);
    scorer = await startTestScorer(env);
    producer = await bus.producer();
    store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'it-scorer' });
  });

  afterAll(async () => {
    await scorer?.shutdown('test done');
    await producer.disconnect();
    await removeScorerEnv(env, bus, store);
  });

  it('scores, publishes and stores every interaction; flagged ones open for review with the redacted transcript', async () => {
    await publish([
      { key: 'ok-1', value: JSON.stringify(chatEvent('ok-1')) },
      { key: 'rude-1', value: JSON.stringify(chatEvent('rude-1', { rude: true })) },
    ]);
    await waitFor(
      'two documents',
      () => docs().countDocuments({ interactionId: { $in: ['ok-1', 'rude-1'] } }),
      (n) => n === 2,
    );
    const interactions = new InteractionsRepository(store.db);
    const rude = await interactions.get('acme', 'rude-1');
    expect(rude?.flagged).toBe(true);
    expect(rude?.review.status).toBe('open');
    expect(rude?.flagCodes).toContain('tone.condescension');
    expect(rude?.transcript?.[1]?.text).toContain('As I already said');
    expect(rude?.scoreDetails?.tone.signals.length).toBeGreaterThan(0);
    const ok = await interactions.get('acme', 'ok-1');
    expect(ok?.flagged).toBe(false);
    expect(ok?.review.status).toBe('not_flagged');
    expect(ok?.transcript).toBeUndefined(); // data minimisation: no transcript for unflagged interactions
    expect(ok?.scoreDetails).toBeUndefined();
    expect(ok?.scores.politeness).toEqual(expect.any(Number));

    const scored = await readTopic(bus, env.SCORED_TOPIC, ['ok-1', 'rude-1']);
    const parsed = scored.map((m) => ScoredInteraction.parse(JSON.parse(m.value)));
    // At-least-once: a redelivered batch may publish an interaction twice, never a foreign one.
    expect([...new Set(parsed.map((s) => s.interactionId))].sort()).toEqual(['ok-1', 'rude-1']);
    expect(parsed.every((s) => s.transcript.length === 0)).toBe(true);
  });

  it('dead-letters invalid JSON, schema violations and oversize payloads with the original bytes (encrypted) and the source position', async () => {
    const notJson = Buffer.from('{"interactionId": "broken", "text": "mail me at jens@example.dk"');
    const invalid = JSON.stringify({ ...chatEvent('bad-1'), revision: 0 });
    const oversize = JSON.stringify({
      ...chatEvent('big-1'),
      messages: [{ role: 'customer', sentAt: '2026-03-02T09:00:00Z', text: 'x'.repeat(300_000) }],
    });
    await publish([
      { key: 'broken', value: notJson },
      { key: 'bad-1', value: invalid },
      { key: 'big-1', value: oversize },
      { key: 'after-bad', value: JSON.stringify(chatEvent('after-bad')) },
    ]);
    const raw = await readTopic(bus, env.DEAD_LETTER_TOPIC, ['broken', 'bad-1', 'big-1']);
    // Nothing of the payloads is readable on the topic, in clear or base64.
    for (const m of raw) {
      expect(m.value).not.toContain('jens@example.dk');
      expect(m.value).not.toContain('charged twice');
      expect(m.value).not.toContain(notJson.toString('base64'));
    }
    const letters = raw.map((m) => DeadLetter.parse(JSON.parse(m.value)));
    const key = deadLetterKey(letterKey);
    for (const l of letters) {
      expect(l.payloadBase64).toBeUndefined();
      expect(l.payload).toMatchObject({ protection: 'aes-256-gcm', keyId: key.id });
    }
    const byKey: Record<string, DeadLetter> = Object.fromEntries(letters.map((l) => [l.source.key ?? '', l]));
    expect(byKey.broken?.errorCode).toBe('INVALID_JSON');
    expect(openDeadLetterPayload(byKey.broken!, [key]).bytes.equals(notJson)).toBe(true);
    expect(openDeadLetterPayload(byKey['bad-1']!, [key]).bytes.toString()).toBe(invalid);
    expect(() =>
      openDeadLetterPayload(byKey.broken!, [deadLetterKey(randomBytes(32).toString('base64'))]),
    ).toThrow(/encrypted with key k-[0-9a-f]{16}, but DEAD_LETTER_KEY/);
    expect(byKey['bad-1']?.errorCode).toBe('SCHEMA_VIOLATION');
    expect(byKey['bad-1']?.issues).toEqual([expect.objectContaining({ path: 'revision' })]);
    expect(byKey['big-1']?.errorCode).toBe('PAYLOAD_TOO_LARGE');
    for (const l of letters) {
      expect(l.source.topic).toBe(env.INTERACTIONS_TOPIC);
      expect(l.source.offset).toMatch(/^\d+$/);
    }
    // The partition was not blocked: the valid event behind the bad ones was stored.
    await waitFor(
      'the event after the bad ones',
      () => docs().countDocuments({ _id: 'acme:after-bad' }),
      (n) => n === 1,
    );
  });

  it('is idempotent: the same revision twice gives one unchanged document', async () => {
    const event = JSON.stringify(chatEvent('dup-1', { rude: true }));
    await publish([{ key: 'dup-1', value: event }]);
    const first = await waitFor(
      'dup-1 stored',
      () => docs().findOne({ _id: 'acme:dup-1' }),
      (d) => d !== null,
    );
    await publish([
      { key: 'dup-1', value: event },
      { key: 'marker-1', value: JSON.stringify(chatEvent('marker-1')) },
    ]);
    await waitFor(
      'marker after the duplicate',
      () => docs().countDocuments({ _id: 'acme:marker-1' }),
      (n) => n === 1,
    );
    expect(await docs().countDocuments({ interactionId: 'dup-1' })).toBe(1);
    const again = await docs().findOne({ _id: 'acme:dup-1' });
    expect(again?.storedAt.getTime()).toBe(first!.storedAt.getTime());
  });

  it('keeps the highest revision: a newer one replaces, an older one never overwrites', async () => {
    await publish([{ key: 'rev-1', value: JSON.stringify(chatEvent('rev-1', { revision: 2, rude: true })) }]);
    await waitFor(
      'revision 2',
      () => docs().findOne({ _id: 'acme:rev-1' }),
      (d) => d?.revision === 2,
    );
    await publish([
      { key: 'rev-1', value: JSON.stringify(chatEvent('rev-1', { revision: 1 })) },
      { key: 'marker-2', value: JSON.stringify(chatEvent('marker-2')) },
    ]);
    await waitFor(
      'marker after the old revision',
      () => docs().countDocuments({ _id: 'acme:marker-2' }),
      (n) => n === 1,
    );
    expect((await docs().findOne({ _id: 'acme:rev-1' }))?.revision).toBe(2);
    await publish([{ key: 'rev-1', value: JSON.stringify(chatEvent('rev-1', { revision: 3 })) }]);
    const latest = await waitFor(
      'revision 3',
      () => docs().findOne({ _id: 'acme:rev-1' }),
      (d) => d?.revision === 3,
    );
    expect(latest?.flagged).toBe(false);
    expect(latest?.review.status).toBe('not_flagged');
  });

  it('serves health, readiness and metrics', async () => {
    const health = await fetch(`${scorer.opsUrl}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${scorer.opsUrl}/readyz`);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: [
        { name: 'kafka', ok: true },
        { name: 'mongodb', ok: true },
      ],
    });
    const metrics = await (await fetch(`${scorer.opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/rapport_scorer_dead_lettered_total\{code="INVALID_JSON",service="scorer"\} 1/);
    expect(metrics).toMatch(/rapport_scorer_scored_total\{channel="chat",service="scorer"\} \d+/);
    expect(metrics).toContain('rapport_scorer_batch_seconds_bucket');
  });
});
