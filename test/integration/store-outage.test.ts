import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, Producer } from '@rapport/messaging';
import type { RunningScorer } from '@rapport/scorer';
import { connectStore, type StoreConnection } from '@rapport/store';
import {
  chatEvent,
  removeScorerEnv,
  scorerEnv,
  startTestScorer,
  testBus,
  waitFor,
} from '../support/scorer.js';
import { root } from '../vitest.shared.js';

// A FerretDB of this test's own, so taking the store away disturbs no other test; its port
// follows the local stack's, so two checkouts testing side by side (other MONGO_PORT) do not meet.
const PORT = Number(process.env.MONGO_PORT ?? 27017) + 500;
// The binary the local stack runs (built with the project's patch; see infra/README.md).
const FERRETDB = execFileSync('bash', [join(root, 'infra/local/stack.sh'), 'ferretdb-bin'], {
  encoding: 'utf8',
}).trim();
const dataDir = mkdtempSync(join(tmpdir(), 'rapport-outage-'));

function startFerretDb(): ChildProcess {
  return spawn(
    FERRETDB,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${PORT}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    { stdio: 'ignore' },
  );
}

async function stopFerretDb(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const metric = async (scorer: RunningScorer, pattern: RegExp) => {
  const text = await (await fetch(`${scorer.opsUrl}/metrics`)).text();
  return text.split('\n').reduce((sum, line) => sum + Number(pattern.exec(line)?.[1] ?? 0), 0);
};

describe('the store goes away for 10 s while events flow (real Kafka, private FerretDB)', () => {
  const env = scorerEnv('it-outage', { MONGODB_URI: `mongodb://127.0.0.1:${PORT}/`, TOPIC_PARTITIONS: '2' });
  let ferretdb: ChildProcess;
  let bus: Bus;
  let producer: Producer;
  let scorer: RunningScorer | undefined;
  let store: StoreConnection;

  const publish = (from: number, to: number) =>
    producer.send(
      env.INTERACTIONS_TOPIC,
      Array.from({ length: to - from }, (_, i) => ({
        key: `outage-${from + i}`,
        value: JSON.stringify(chatEvent(`outage-${from + i}`)),
      })),
    );
  const lag = () => bus.groupLag(env.SCORER_GROUP_ID, env.INTERACTIONS_TOPIC);

  beforeAll(async () => {
    ferretdb = startFerretDb();
    store = await waitFor(
      'the private FerretDB',
      () =>
        connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'it-outage' }).catch(
          () => undefined,
        ),
      (s) => s !== undefined,
      30_000,
    ).then((s) => s!);
    bus = testBus(env);
    scorer = await startTestScorer(env);
    producer = await bus.producer();
  });

  afterAll(async () => {
    await scorer?.shutdown('test done');
    await producer?.disconnect().catch(() => undefined);
    await removeScorerEnv(env, bus, store);
    await stopFerretDb(ferretdb);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('pauses, commits nothing unprocessed, and stores everything exactly once when the store is back', async () => {
    await publish(0, 50);
    await waitFor('the first 50 committed', lag, (n) => n === 0);

    await stopFerretDb(ferretdb);
    await publish(50, 200);
    await new Promise((r) => setTimeout(r, 10_000));
    // Nothing was committed past what could not be stored, and the scorer says why.
    expect(await lag()).toBe(150);
    expect(await metric(scorer!, /^rapport_scorer_errors_total\{stage="store",.*\} (\d+)$/)).toBeGreaterThan(
      0,
    );
    expect(await metric(scorer!, /^rapport_scorer_paused\{.*\} (\d+)$/)).toBe(1);
    const ready = await fetch(`${scorer!.opsUrl}/readyz`);
    expect(ready.status).toBe(503);

    ferretdb = startFerretDb();
    await waitFor('every event committed after the store came back', lag, (n) => n === 0, 90_000);
    expect(await store.db.collection('interactions').countDocuments()).toBe(200);
    expect(await metric(scorer!, /^rapport_scorer_paused\{.*\} (\d+)$/)).toBe(0);
  });
});
