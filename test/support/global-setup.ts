import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { KAFKA_BROKERS, MONGODB_URI } from './env.js';

/** Fails fast, with what to do, when the local stack is not running. */
export default async function setup(): Promise<void> {
  const admin = new Kafka({
    brokers: KAFKA_BROKERS,
    logLevel: logLevel.NOTHING,
    retry: { retries: 1 },
  }).admin();
  const mongo = new MongoClient(MONGODB_URI, { serverSelectionTimeoutMS: 3_000 });
  try {
    await admin.connect();
    await admin.describeCluster();
    await mongo.db('admin').command({ ping: 1 });
  } catch (err) {
    throw new Error(
      `Integration tests need the local stack (Kafka ${KAFKA_BROKERS.join(',')}, MongoDB ${MONGODB_URI}), which did not answer: ${(err as Error).message}. Start it with 'pnpm stack up' (or run 'pnpm test', which starts it).`,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
    await mongo.close().catch(() => undefined);
  }
}
