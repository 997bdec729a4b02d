// Readiness probe for `stack.sh up`: returns once Kafka answers a metadata request and can
// coordinate a consumer group, and FerretDB answers `ping`. Uses the project's own clients.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { Kafka, logLevel } = createRequire(`${root}packages/messaging/package.json`)('kafkajs');
const { MongoClient } = createRequire(`${root}packages/store/package.json`)('mongodb');

const deadline = Date.now() + Number(process.env.STACK_READY_TIMEOUT_MS ?? 120_000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function assertAlive(name, pid) {
  try {
    process.kill(Number(pid), 0);
  } catch {
    throw new Error(`${name} (pid ${pid}) exited during startup`);
  }
}

async function until(name, pid, check) {
  let last;
  while (Date.now() < deadline) {
    assertAlive(name, pid);
    try {
      return await check();
    } catch (err) {
      last = err;
      await sleep(500);
    }
  }
  throw new Error(`${name} not ready in time: ${last?.message ?? 'no answer'}`);
}

const kafka = new Kafka({
  brokers: [process.env.KAFKA_BROKERS],
  clientId: 'rapport-stack-probe',
  logLevel: logLevel.NOTHING,
  retry: { retries: 0 },
});
const admin = kafka.admin();
await until('kafka', process.env.KAFKA_PID, async () => {
  await admin.connect();
  await admin.fetchTopicMetadata({ topics: [] });
  // Creates __consumer_offsets on first use, so the first test's consumer group does not wait for it.
  await admin.fetchOffsets({ groupId: 'rapport-stack-probe', topics: [] });
});
await admin.disconnect();
console.log('[stack] kafka answers (metadata, group coordinator)');

const client = new MongoClient(process.env.MONGODB_URI, { serverSelectionTimeoutMS: 1000 });
await until('ferretdb', process.env.FERRETDB_PID, async () => {
  await client.db('admin').command({ ping: 1 });
});
await client.close();
console.log('[stack] ferretdb answers ping');
