// pnpm bench:store [--documents 20000] [--lookups 50]
// Look-ups by _id on the local store: findOne({_id}), updateOne({_id}), a version-guarded
// replaceOne({_id, revision}) and find({_id: {$in: 100 keys}}) in a collection of interaction-
// shaped documents, plus the query plan the store reports for an _id look-up (FerretDB's SQLite
// backend answers explain with SQLite's plan: SEARCH ... USING INDEX, or SCAN). Final line: JSON.
// MONGODB_URI picks another store (e.g. a FerretDB of another build, or MongoDB).
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { connectStore } from '@rapport/store';
import { root } from '../vitest.shared.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return v;
};
const DOCUMENTS = arg('documents', 20_000);
const LOOKUPS = arg('lookups', 50);
const log = (msg: string) => console.error(`[bench:store] ${msg}`);

if (!process.env.MONGODB_URI) {
  log('starting the local stack when it is not running');
  execFileSync('bash', ['infra/local/stack.sh', 'up'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
const MONGODB_URI = process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${process.env.MONGO_PORT ?? 27017}/`;
const dbName = `bench_store_${Date.now().toString(36)}`;

interface Doc {
  _id: string;
  tenantId: string;
  interactionId: string;
  revision: number;
  channel: string;
  occurredAt: Date;
  agent: { id: string; name: string; teamId: string };
  scores: Record<string, number>;
  flagCodes: string[];
  review: { status: string; control: boolean };
  transcript: string;
}

const key = (i: number) => `bench:int-${String(i).padStart(7, '0')}`;
const doc = (i: number): Doc => ({
  _id: key(i),
  tenantId: 'bench',
  interactionId: `int-${i}`,
  revision: 1,
  channel: ['email', 'chat', 'call'][i % 3]!,
  occurredAt: new Date(Date.UTC(2026, 5, 1) + i * 37_000),
  agent: { id: `ag-${i % 40}`, name: 'Agent', teamId: `team-${i % 6}` },
  scores: { tone: i % 100, politeness: (i * 7) % 100, accuracy: (i * 13) % 100 },
  flagCodes: i % 5 === 0 ? ['tone.rudeness'] : [],
  review: { status: i % 5 === 0 ? 'open' : 'not_flagged', control: false },
  transcript: JSON.stringify([{ role: 'customer', text: 'I was charged twice this month.' }]),
});

// Keys spread over the whole collection, the same in every run.
const probe = (n: number) => (n * 7_919 + 13) % DOCUMENTS;

async function timeEach(label: string, op: (n: number) => Promise<void>) {
  const ms: number[] = [];
  for (let n = 0; n < LOOKUPS; n++) {
    const t = performance.now();
    await op(n);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]! * 100) / 100;
  const mean = Math.round((ms.reduce((a, b) => a + b, 0) / ms.length) * 100) / 100;
  log(`${label}: mean ${mean} ms, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (${LOOKUPS} operations)`);
  return { meanMs: mean, p50Ms: at(0.5), p99Ms: at(0.99) };
}

const store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'bench-store' });
try {
  const coll = store.db.collection<Doc>('docs');
  log(`storing ${DOCUMENTS} documents in ${dbName}`);
  for (let i = 0; i < DOCUMENTS; i += 2_000)
    await coll.insertMany(
      Array.from({ length: Math.min(2_000, DOCUMENTS - i) }, (_, k) => doc(i + k)),
      { ordered: false },
    );

  const explained = (await store.db.command({
    explain: { find: 'docs', filter: { _id: key(probe(1)) } },
    verbosity: 'queryPlanner',
  })) as { queryPlanner?: { Plan?: string[]; winningPlan?: { stage?: string } } };
  const plan =
    explained.queryPlanner?.Plan?.join('; ').replace(/id=\d+ parent=\d+ notused=\d+ detail=/g, '') ??
    JSON.stringify(explained.queryPlanner?.winningPlan ?? null);
  log(`plan of findOne({_id}): ${plan}`);

  const findOne = await timeEach('findOne({_id})', async (n) => {
    const found = await coll.findOne({ _id: key(probe(n)) });
    if (found?.interactionId !== `int-${probe(n)}`) throw new Error(`findOne missed ${key(probe(n))}`);
  });
  const updateOne = await timeEach('updateOne({_id}, $set)', async (n) => {
    const r = await coll.updateOne({ _id: key(probe(n)) }, { $set: { 'review.status': 'open' } });
    if (r.matchedCount !== 1) throw new Error(`updateOne missed ${key(probe(n))}`);
  });
  const guardedReplace = await timeEach('replaceOne({_id, revision})', async (n) => {
    const i = probe(n + LOOKUPS);
    const r = await coll.replaceOne({ _id: key(i), revision: 1 }, { ...doc(i), revision: 2 });
    if (r.matchedCount !== 1) throw new Error(`replaceOne missed ${key(i)}`);
  });
  const findIn = await timeEach('find({_id: {$in: 100 keys}})', async (n) => {
    const keys = Array.from({ length: 100 }, (_, k) => key(probe(n * 100 + k)));
    const found = await coll.find({ _id: { $in: keys } }, { projection: { revision: 1 } }).toArray();
    if (found.length !== new Set(keys).size) throw new Error(`$in found ${found.length} of ${keys.length}`);
  });
  console.log(
    JSON.stringify({
      metric: 'store_id_lookup',
      documents: DOCUMENTS,
      operations: LOOKUPS,
      plan,
      findOne,
      updateOne,
      guardedReplace,
      findIn100: findIn,
    }),
  );
} finally {
  await store.db.dropDatabase().catch(() => undefined);
  await store.close();
}
