import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafkaBus, type Bus } from '@rapport/messaging';
import { KAFKA_BROKERS, testLogger, uniqueName } from '../support/env.js';

describe('Kafka round trip through a consumer group (real broker)', () => {
  const topic = uniqueName('it-roundtrip');
  const groupId = uniqueName('it-roundtrip-group');
  let bus: Bus;

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: KAFKA_BROKERS, clientId: 'it-roundtrip', logger: testLogger });
    await bus.ensureTopics([{ topic, partitions: 3 }]);
    // Creating it again (a second worker starting) is harmless.
    await bus.ensureTopics([{ topic, partitions: 3 }]);
  });

  afterAll(async () => {
    await bus.deleteTopics([topic]).catch(() => undefined);
    await bus.close();
  });

  it('delivers every message once, in key order per partition, and commits the group offsets', async () => {
    const producer = await bus.producer();
    const sent = Array.from({ length: 60 }, (_, i) => ({
      key: `interaction-${i % 7}`,
      value: JSON.stringify({ seq: i }),
    }));
    await producer.send(topic, sent);
    await producer.disconnect();

    const consumer = await bus.consumer({ groupId, topics: [topic], fromBeginning: true });
    const received: { partition: number; key: string; seq: number }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      consumer
        .run(async (batch, control) => {
          for (const m of batch.messages) {
            received.push({
              partition: batch.partition,
              key: m.key!.toString(),
              seq: (JSON.parse(m.value!.toString()) as { seq: number }).seq,
            });
          }
          const last = batch.messages.at(-1);
          if (last) await control.commit(last.offset);
          if (received.length >= sent.length) resolve();
        })
        .catch(reject);
    });
    await done;
    await consumer.stop();
    await consumer.disconnect();

    expect(received).toHaveLength(60);
    expect(new Set(received.map((r) => r.seq)).size).toBe(60);
    // One key always lands on one partition, and its messages arrive in the order sent.
    for (let k = 0; k < 7; k++) {
      const forKey = received.filter((r) => r.key === `interaction-${k}`);
      expect(new Set(forKey.map((r) => r.partition)).size).toBe(1);
      expect(forKey.map((r) => r.seq)).toEqual([...forKey.map((r) => r.seq)].sort((a, b) => a - b));
    }
    const committed = await bus.committedOffsets(groupId, topic);
    const total = Object.values(committed).reduce((sum, o) => sum + Number(o), 0);
    expect(total).toBe(60);
  });

  it('answers ping while the broker is up', async () => {
    expect(await bus.ping()).toBe(true);
  });
});
