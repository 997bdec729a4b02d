/**
 * Scorecards benchmark: the worker's cost per event, against the local Kafka and FerretDB.
 *
 *   pnpm bench:scorecards [--events 5000] [--agents 50] [--days 14]
 *
 * Input: real scored interactions (the synthetic corpus through the scoring engine, as the scorer
 * publishes them) spread over agents, teams and days, with 3% duplicates, 2% revisions that move
 * the interaction to another agent, and review events for 10% of interactions.
 * 1. CPU only (no I/O): decode, route (stage 1) and apply (stage 2) per event.
 * 2. End to end: everything produced up front, then one worker process in-process; wall time
 *    until the group has committed every input, and batch time per message by stage.
 * 3. Reads for the API: a period for one agent, one team and the whole tenant; the agent list.
 * Last line: one JSON object with the figures.
 */
import { execFileSync } from 'node:child_process';
import { createKafkaBus, type OutgoingMessage } from '@rapport/messaging';
import { createLogger } from '@rapport/observability';
import type {
  ReviewEvent,
  Scorecard,
  ScorecardAgent,
  ScorecardDayEntries,
  ScorecardUpdate,
} from '@rapport/schemas';
import {
  applyUpdates,
  decodeReviewFact,
  decodeScoredFact,
  planRoute,
  type ApplyPort,
  type Fact,
} from '@rapport/scorecards';
import { loadScorecardsWorkerConfig, startScorecardsWorker } from '@rapport/scorecards-worker';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import { connectStore, ScorecardsRepository } from '@rapport/store';
import { corpus, rng } from '../../packages/scoring/scripts/synthetic-corpus.js';
import { root } from '../vitest.shared.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const EVENTS = arg('events', 5_000);
const AGENTS = arg('agents', 50);
const DAYS = arg('days', 14);
const TEAMS = 5;
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const MONGODB_URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/';
const logger = createLogger({ name: 'bench', level: 'warn', destination: process.stderr });
const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (v: number, d = 3) => Number(v.toFixed(d));

log('starting the local stack when it is not running');
execFileSync('bash', ['infra/local/stack.sh', 'up'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

// --- input ---
log(`scoring ${EVENTS} synthetic interactions`);
const r = rng(7);
const FIRST_DAY = Date.parse('2026-03-02T00:00:00Z');
const agentOf = (i: number) => `ag-${String(i % AGENTS).padStart(3, '0')}`;
const teamOf = (agent: string) => `team-${Number(agent.slice(3)) % TEAMS}`;
const scoredOut: OutgoingMessage[] = [];
const reviewsOut: OutgoingMessage[] = [];
for (const [i, event] of corpus(11, EVENTS).entries()) {
  const s = scoreInteraction(event, { policy: DEFAULT_POLICY });
  const agent = agentOf(Math.floor(r() * AGENTS));
  const occurredAt = new Date(FIRST_DAY + Math.floor(r() * DAYS * 86_400_000)).toISOString();
  const base = {
    ...s,
    interactionId: `bench-${i}`,
    tenantId: 'bench',
    occurredAt,
    agent: { id: agent, name: agent.toUpperCase(), teamId: teamOf(agent) },
    transcript: [],
  };
  const msg = {
    key: base.interactionId,
    value: JSON.stringify(base),
    headers: { 'rapport-tenant': 'bench' },
  };
  scoredOut.push(msg);
  if (r() < 0.03) scoredOut.push(msg);
  if (r() < 0.02) {
    const other = agentOf(Math.floor(r() * AGENTS));
    scoredOut.push({
      ...msg,
      value: JSON.stringify({
        ...base,
        revision: base.revision + 1,
        agent: { id: other, name: other.toUpperCase(), teamId: teamOf(other) },
      }),
    });
  }
  if (r() < 0.1) {
    const review: ReviewEvent = {
      schemaVersion: 1,
      at: occurredAt,
      actor: { id: 'mgr', role: 'manager', via: 'session' },
      action: 'confirm_flag',
      interaction: { revision: 1, agentId: agent, teamId: teamOf(agent), occurredAt, control: false },
      review: {
        tenantId: 'bench',
        interactionId: base.interactionId,
        version: 1,
        status: 'resolved',
        assignee: null,
        flagDecisions: s.flags.map((f, k) => ({
          code: f.code,
          decision: k % 3 === 0 ? ('dismissed' as const) : ('confirmed' as const),
          by: 'mgr',
          at: occurredAt,
        })),
        coaching: null,
        notes: [],
        comments: [],
        escalation: null,
        agentResponse: null,
        ruling: null,
        controlVerdict: null,
        updatedAt: occurredAt,
      },
    };
    reviewsOut.push({ key: `bench:${base.interactionId}`, value: JSON.stringify(review) });
  }
}
const meanBytes = scoredOut.reduce((n, m) => n + String(m.value).length, 0) / scoredOut.length;
log(
  `${scoredOut.length} scored messages (${Math.round(meanBytes)} bytes on average), ${reviewsOut.length} reviews`,
);

// --- 1. CPU only ---
function timeIt<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}
const buffers = scoredOut.map((m) => Buffer.from(String(m.value)));
const reviewBuffers = reviewsOut.map((m) => Buffer.from(String(m.value)));
timeIt(() => buffers.slice(0, 500).map(decodeScoredFact)); // warm-up
const decode = timeIt(() => buffers.map((b) => decodeScoredFact(b)));
const facts: Fact[] = decode.result.flatMap((d) => (d.ok ? [d.fact] : []));
const reviewFacts: Fact[] = reviewBuffers.flatMap((b) => {
  const d = decodeReviewFact(b);
  return d.ok ? [d.fact] : [];
});
const route = timeIt(() => planRoute(facts, new Map()));
const updates: ScorecardUpdate[] = [...route.result.updates, ...planRoute(reviewFacts, new Map()).updates];
const encode = timeIt(() => updates.map((u) => JSON.stringify(u)));

const memory = {
  days: new Map<string, ScorecardDayEntries>(),
  agents: new Map<string, ScorecardAgent>(),
  cards: 0,
};
const memoryPort: ApplyPort = {
  loadDays: (keys) =>
    Promise.resolve(new Map(keys.flatMap((k) => (memory.days.has(k) ? [[k, memory.days.get(k)!]] : [])))),
  saveDays: (days) => {
    for (const d of days)
      memory.days.set(`${d.entries.tenantId}:${d.entries.agentId}:${d.entries.day}`, d.entries);
    return Promise.resolve();
  },
  loadAgents: (keys) =>
    Promise.resolve(new Map(keys.flatMap((k) => (memory.agents.has(k) ? [[k, memory.agents.get(k)!]] : [])))),
  saveAgents: (agents) => {
    for (const a of agents) memory.agents.set(`${a.tenantId}:${a.agentId}`, a);
    return Promise.resolve();
  },
  publishCards: (cards: readonly Scorecard[]) => {
    memory.cards += cards.length;
    return Promise.resolve();
  },
};
// Batches of one agent partition: ~100 updates.
const t0 = performance.now();
for (let i = 0; i < updates.length; i += 100)
  await applyUpdates(updates.slice(i, i + 100), memoryPort, new Date());
const applyMs = performance.now() - t0;
const cpu = {
  decodeUsPerEvent: round((decode.ms * 1000) / buffers.length, 1),
  routeUsPerEvent: round((route.ms * 1000) / facts.length, 1),
  encodeUsPerUpdate: round((encode.ms * 1000) / updates.length, 1),
  applyUsPerUpdate: round((applyMs * 1000) / updates.length, 1),
};
log(`CPU: ${JSON.stringify(cpu)}`);

// --- 2. end to end ---
const run = Date.now().toString(36);
const env = {
  KAFKA_BROKERS,
  MONGODB_URI,
  MONGODB_DB: `bench_scorecards_${run}`,
  SCORECARDS_GROUP_ID: `bench-scorecards-${run}`,
  SCORED_TOPIC: `bench-scorecards-${run}-scored`,
  REVIEWS_TOPIC: `bench-scorecards-${run}-reviews`,
  SCORECARD_UPDATES_TOPIC: `bench-scorecards-${run}-updates`,
  SCORECARDS_TOPIC: `bench-scorecards-${run}-out`,
  HTTP_PORT: '0',
  LOG_LEVEL: 'warn',
};
const bus = createKafkaBus({ brokers: KAFKA_BROKERS.split(','), clientId: 'bench', logger });
await bus.ensureTopics([
  { topic: env.SCORED_TOPIC, partitions: 6 },
  { topic: env.REVIEWS_TOPIC, partitions: 6 },
]);
const producer = await bus.producer();
for (let i = 0; i < scoredOut.length; i += 500)
  await producer.send(env.SCORED_TOPIC, scoredOut.slice(i, i + 500));
await producer.send(env.REVIEWS_TOPIC, reviewsOut);
await producer.disconnect();

log('worker started on the backlog');
const started = Date.now();
const worker = await startScorecardsWorker(loadScorecardsWorkerConfig(env), logger);
const inputs = [env.SCORED_TOPIC, env.REVIEWS_TOPIC, env.SCORECARD_UPDATES_TOPIC];
let quiet = 0;
let lastLog = 0;
while (quiet < 3) {
  await new Promise((res) => setTimeout(res, 500));
  const lags = await Promise.all(inputs.map((t) => bus.groupLag(env.SCORECARDS_GROUP_ID, t).catch(() => 1)));
  quiet = lags.every((l) => l === 0) ? quiet + 1 : 0;
  if (Date.now() - lastLog > 10_000) {
    lastLog = Date.now();
    log(`lag scored/reviews/updates: ${lags.join('/')}`);
  }
}
const wallSeconds = (Date.now() - started) / 1000 - 1; // the quiet probes
const metrics = await (await fetch(`${worker.opsUrl}/metrics`)).text();
const metric = (name: string, label = '') => {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(label));
  return Number(line?.split(' ').at(-1) ?? NaN);
};
const stage = (input: string) => {
  const seconds = metric('rapport_scorecards_batch_seconds_sum', `input="${input}"`);
  const batches = metric('rapport_scorecards_batch_seconds_count', `input="${input}"`);
  const messages = metric('rapport_scorecards_consumed_total', `input="${input}"`);
  return {
    messages,
    batches,
    meanBatchSize: round(messages / batches, 1),
    msPerMessage: round((seconds * 1000) / messages, 2),
  };
};
const updatesPublished = metric('rapport_scorecards_updates_published_total');
const daysChanged = metric('rapport_scorecards_days_total', 'outcome="changed"');
const endToEnd = {
  wallSeconds: round(wallSeconds, 1),
  eventsPerSecond: round((scoredOut.length + reviewsOut.length) / wallSeconds, 1),
  scored: stage('scored'),
  reviews: stage('reviews'),
  updates: stage('updates'),
  updatesPerEvent: round(updatesPublished / (scoredOut.length + reviewsOut.length)),
  dayWritesPerUpdate: round(daysChanged / updatesPublished),
  scorecardsPublished: metric('rapport_scorecards_published_total'),
};
log(`end to end: ${JSON.stringify(endToEnd)}`);
await worker.shutdown('bench done');

// --- 3. reads for the API ---
const store = await connectStore({ uri: MONGODB_URI, dbName: env.MONGODB_DB, appName: 'bench' });
const repo = new ScorecardsRepository(store.db);
async function timed<T>(fn: () => Promise<T>) {
  const t = performance.now();
  const result = await fn();
  return { ms: round(performance.now() - t, 1), result };
}
const period = { tenantId: 'bench', from: '2026-03-01', to: '2026-03-31' };
const list = await timed(() => repo.listAgents('bench'));
const agent = await timed(() => repo.loadPeriod({ ...period, agentIds: ['ag-000'] }));
const team = await timed(() => repo.loadPeriod({ ...period, teamId: 'team-0' }));
const tenant = await timed(() => repo.loadPeriod(period));
const reads = {
  listAgentsMs: list.ms,
  agents: list.result.agents.length,
  agentPeriodMs: agent.ms,
  agentDays: agent.result.length,
  teamPeriodMs: team.ms,
  teamDays: team.result.length,
  tenantPeriodMs: tenant.ms,
  tenantDays: tenant.result.length,
};
log(`reads: ${JSON.stringify(reads)}`);

await store.db.dropDatabase().catch(() => undefined);
await store.close();
await bus
  .deleteTopics([env.SCORED_TOPIC, env.REVIEWS_TOPIC, env.SCORECARD_UPDATES_TOPIC, env.SCORECARDS_TOPIC])
  .catch(() => undefined);
await bus.close();
console.log(
  JSON.stringify({
    events: scoredOut.length + reviewsOut.length,
    agents: AGENTS,
    days: DAYS,
    meanScoredBytes: Math.round(meanBytes),
    cpu,
    endToEnd,
    reads,
  }),
);
