// pnpm bench:retention [--interactions 5000] [--past 0.5]
// Retention throughput on the local store: stores interactions (a share of them past retention,
// each with a transcript, score details, evidence text and, for one in five, a review with a
// note), then times applyRetention minimising them (keepScores) and, on a second copy, deleting
// them. Final line: JSON. MONGODB_URI picks another store.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { applyRetention, connectStore, type StoreConnection } from '@rapport/store';
import { root } from '../vitest.shared.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
  return v;
};
const TOTAL = arg('interactions', 5_000);
const PAST = arg('past', 0.5);
const log = (msg: string) => console.error(`[bench:retention] ${msg}`);

if (!process.env.MONGODB_URI) {
  log('starting the local stack when it is not running');
  execFileSync('bash', ['infra/local/stack.sh', 'up'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
const MONGODB_URI = process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${process.env.MONGO_PORT ?? 27017}/`;
const NOW = new Date('2026-12-01T00:00:00Z');
const DAY = 86_400_000;

function interaction(i: number) {
  const past = i < TOTAL * PAST;
  const at = new Date(NOW.getTime() - (past ? 400 : 10) * DAY - i * 1_000);
  return {
    _id: `bench:int-${i}`,
    tenantId: 'bench',
    interactionId: `int-${i}`,
    revision: 1,
    channel: 'chat',
    occurredAt: at,
    agent: { id: `ag-${i % 40}`, name: 'Agent', teamId: `team-${i % 6}` },
    customerId: `cu-${i}`,
    source: { system: 'bench' },
    tags: [],
    language: { code: 'en', detected: true, supported: true },
    scores: { tone: 40, politeness: 60, accuracy: 80, clarity: 70, responsiveness: 90, compliance: 100 },
    overall: 70,
    scoreDetails: JSON.stringify({ tone: { score: 40, signals: [{ code: 'tone.rudeness', weight: 1 }] } }),
    flags: [
      {
        code: 'tone.rudeness',
        dimension: 'tone',
        severity: 'high',
        message: 'rude',
        evidence: [{ messageIndex: 1, start: 0, end: 20, text: 'As I already said, read', rule: 'r' }],
      },
    ],
    flagCodes: ['tone.rudeness'],
    flagDimensions: ['tone'],
    flagged: true,
    maxSeverity: 'high',
    severityRank: 3,
    redactions: {},
    transcript: JSON.stringify([
      { index: 0, role: 'customer', at: at.toISOString(), text: 'I was charged twice this month.' },
      { index: 1, role: 'agent', at: at.toISOString(), text: 'As I already said, read the manual.' },
    ]),
    review: { status: 'open', control: false },
    policy: { id: 'default', version: '1' },
    engineVersion: 'bench',
    scoredAt: at,
    storedAt: at,
  };
}

function review(i: number) {
  return {
    _id: `bench:int-${i}`,
    tenantId: 'bench',
    interactionId: `int-${i}`,
    version: 2,
    status: 'resolved',
    flagDecisions: [{ code: 'tone.rudeness', decision: 'confirmed', by: 'mgr', at: NOW.toISOString() }],
    coaching: null,
    notes: [{ text: 'Talked to the agent about the tone here.', by: 'mgr', at: NOW.toISOString() }],
    comments: [],
    escalation: null,
    agentResponse: null,
    ruling: null,
    controlVerdict: null,
    assignee: null,
    updatedAt: NOW.toISOString(),
  };
}

async function fill(store: StoreConnection) {
  for (let i = 0; i < TOTAL; i += 1_000) {
    const n = Math.min(1_000, TOTAL - i);
    await store.db
      .collection('interactions')
      .insertMany(Array.from({ length: n }, (_, k) => interaction(i + k)) as never[], { ordered: false });
    const reviewed = Array.from({ length: n }, (_, k) => i + k).filter((j) => j % 5 === 0);
    if (reviewed.length > 0)
      await store.db.collection('reviews').insertMany(reviewed.map(review) as never[], { ordered: false });
  }
}

const results: Record<string, unknown> = {};
for (const keepScores of [true, false]) {
  const mode = keepScores ? 'minimise' : 'delete';
  const dbName = `bench_retention_${mode}_${Date.now().toString(36)}`;
  const store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'bench-retention' });
  try {
    log(`${mode}: storing ${TOTAL} interactions (${Math.round(PAST * 100)}% past retention) in ${dbName}`);
    await fill(store);
    const t = performance.now();
    const report = await applyRetention(store.db, {
      tenantId: 'bench',
      retention: { days: 365, keepScores },
      now: NOW,
    });
    const seconds = (performance.now() - t) / 1000;
    const handled = keepScores ? report.interactionsMinimised : report.interactionsDeleted;
    const again = await applyRetention(store.db, {
      tenantId: 'bench',
      retention: { days: 365, keepScores },
      now: NOW,
    });
    if (again.interactions !== 0) throw new Error(`a second ${mode} run found ${again.interactions} more`);
    results[mode] = {
      interactions: handled,
      reviews: keepScores ? report.reviewsRedacted : report.reviewsDeleted,
      seconds: Math.round(seconds * 10) / 10,
      interactionsPerSecond: Math.round(handled / seconds),
    };
    log(`${mode}: ${handled} interactions in ${seconds.toFixed(1)} s (${Math.round(handled / seconds)}/s)`);
  } finally {
    await store.db.dropDatabase().catch(() => undefined);
    await store.close();
  }
}
console.log(JSON.stringify({ metric: 'retention_throughput', storedInteractions: TOTAL, ...results }));
