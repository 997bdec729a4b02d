// pnpm bench:review [--interactions 100000] [--reviewable 0.2] [--requests 600]
//                   [--audit 2000] [--conversations 100]
// Latency of the review service with many stored interactions on the local store: stores the
// interactions and an audit log of `--audit` review entries about some of them, starts the service
// (which reads its queue index from the store), then times HTTP queue requests with a mix of
// filters, sorts and pages, and the conversation page's two reads: the interaction
// (GET /api/interactions/:id) and its audit history (GET /api/interactions/:id/history).
// Final line: JSON.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createLogger } from '@rapport/observability';
import { loadReviewApiConfig, startReviewApi } from '@rapport/review-api';
import { hashPassword } from '@rapport/review';
import {
  DIMENSIONS,
  type Dimension,
  type DimensionScore,
  type Flag,
  type ScoredInteraction,
  type Severity,
} from '@rapport/schemas';
import { seededRandom } from '../../packages/scoring/src/text/random.js';
import { AuditLog, connectStore, PeopleRepository, toInteractionDocument } from '@rapport/store';
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
const TOTAL = arg('interactions', 100_000);
const REVIEWABLE = arg('reviewable', 0.2);
const REQUESTS = arg('requests', 600);
const AUDIT_ENTRIES = arg('audit', 2_000);
const CONVERSATIONS = arg('conversations', 100);
const log = (msg: string) => console.error(`[bench:review] ${msg}`);
const logger = createLogger({ name: 'bench-review', level: 'warn', destination: process.stderr });

log('starting the local stack when it is not running');
execFileSync('bash', ['infra/local/stack.sh', 'up'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
const MONGODB_URI = process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${process.env.MONGO_PORT ?? 27017}/`;
const run = Date.now().toString(36);
const dbName = `bench_review_${run}`;

const TEAMS = ['orders', 'billing', 'accounts', 'tech-support', 'returns', 'vip'];
const CODES: [string, Flag['dimension'], Severity][] = [
  ['tone.condescension', 'tone', 'medium'],
  ['tone.rudeness', 'tone', 'high'],
  ['tone.dismissive', 'tone', 'medium'],
  ['politeness.no_greeting', 'politeness', 'low'],
  ['accuracy.kb_mismatch', 'accuracy', 'high'],
  ['clarity.jargon', 'clarity', 'medium'],
  ['responsiveness.slow_first_response', 'responsiveness', 'medium'],
  ['compliance.pii_exposed', 'compliance', 'critical'],
];
const r = seededRandom(42);
const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
const start = Date.parse('2026-06-01T00:00:00Z');

function randomScores(): ScoredInteraction['scores'] {
  const scores = {} as Record<Dimension, DimensionScore>;
  for (const d of DIMENSIONS) scores[d] = { score: Math.round(r() * 100), signals: [] };
  return scores;
}

function scored(i: number): { scored: ScoredInteraction; control: boolean; keepTranscript: boolean } {
  const reviewable = r() < REVIEWABLE;
  const control = reviewable && r() < 0.1;
  const flags: Flag[] =
    reviewable && !control
      ? Array.from({ length: 1 + Math.floor(r() * 2) }, () => {
          const [code, dimension, severity] = pick(CODES);
          return {
            code,
            dimension,
            severity,
            message: code,
            evidence: [{ messageIndex: 1, start: 0, end: 5, text: 'Hello', rule: code }],
          };
        })
      : [];
  const ranks: Severity[] = ['low', 'medium', 'high', 'critical'];
  const maxSeverity = flags.length
    ? flags.map((f) => f.severity).sort((a, b) => ranks.indexOf(b) - ranks.indexOf(a))[0]!
    : null;
  const teamId = pick(TEAMS);
  const at = new Date(start + i * 37_000).toISOString();
  return {
    control,
    keepTranscript: reviewable,
    scored: {
      schemaVersion: 1,
      interactionId: `bench-${i}`,
      revision: 1,
      tenantId: 'bench',
      channel: pick(['email', 'chat', 'call'] as const),
      occurredAt: at,
      agent: { id: `${teamId}-ag-${Math.floor(r() * 20)}`, name: 'Agent', teamId },
      customer: { id: `cu-${i}` },
      source: { system: 'bench' },
      tags: [],
      language: { code: r() < 0.6 ? 'en' : 'da', detected: true, supported: true },
      scores: randomScores(),
      overall: Math.round(r() * 100),
      flags,
      flagged: flags.length > 0,
      maxSeverity,
      redactions: {},
      transcript: reviewable
        ? [
            {
              index: 0,
              role: 'customer',
              at,
              text: 'Hi, I was charged twice for my subscription this month.',
            },
            { index: 1, role: 'agent', at, text: 'Hello. As I already said, read the manual.' },
          ]
        : [],
      policy: { id: 'default', version: '1' },
      engineVersion: 'bench',
      scoredAt: at,
    },
  };
}

// The manager of the bench sees these teams' interactions.
const MANAGED = TEAMS.slice(0, 4);
const visible: string[] = [];
const reviewableVisible: string[] = [];

const store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'bench-review' });
let api: Awaited<ReturnType<typeof startReviewApi>> | undefined;
try {
  log(`storing ${TOTAL} interactions (${Math.round(REVIEWABLE * 100)}% flagged or control) in ${dbName}`);
  const t0 = performance.now();
  const collection = store.db.collection('interactions');
  const now = new Date();
  for (let i = 0; i < TOTAL; i += 2000) {
    const docs = Array.from({ length: Math.min(2000, TOTAL - i) }, (_, k) => {
      const item = scored(i + k);
      if (MANAGED.includes(item.scored.agent.teamId)) {
        visible.push(item.scored.interactionId);
        if (item.keepTranscript) reviewableVisible.push(item.scored.interactionId);
      }
      return toInteractionDocument(item, now);
    });
    await collection.insertMany(docs as never[], { ordered: false });
    if ((i / 2000) % 10 === 9) log(`  ${i + docs.length} stored`);
  }
  const storeSeconds = (performance.now() - t0) / 1000;
  log(`appending ${AUDIT_ENTRIES} review entries to the tenant's audit log`);
  const t2 = performance.now();
  const audit = new AuditLog(store.db);
  await audit.ensureIndexes();
  for (let n = 0; n < AUDIT_ENTRIES; n++) {
    const id = pick(reviewableVisible);
    await audit.append({
      tenantId: 'bench',
      actor: { id: `bench-manager-${run}`, role: 'manager', via: 'session' },
      action: 'review.note',
      target: { type: 'interaction', id },
      before: null,
      after: { interactionId: id, note: `note ${n}: the customer asked twice about the same charge` },
      at: now,
    });
  }
  const auditSeconds = (performance.now() - t2) / 1000;
  await new PeopleRepository(store.db).createUser({
    _id: `bench-manager-${run}`,
    tenantId: 'bench',
    role: 'manager',
    displayName: 'bench',
    teamIds: MANAGED,
    passwordHash: await hashPassword('bench-password-123'),
    disabled: false,
    createdAt: now,
    createdBy: 'bench',
  });

  log('starting the review service (it reads the queue index from the store)');
  const t1 = performance.now();
  api = await startReviewApi(
    loadReviewApiConfig({
      KAFKA_BROKERS,
      MONGODB_URI,
      MONGODB_DB: dbName,
      SCORED_TOPIC: `bench-review-scored-${run}`,
      REVIEWS_TOPIC: `bench-review-reviews-${run}`,
      INDEX_GROUP_PREFIX: `bench-review-${run}`,
      HTTP_PORT: '0',
      COOKIE_SECURE: 'false',
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    }),
    logger,
  );
  const indexSeconds = (performance.now() - t1) / 1000;
  const base = api.url;
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: `bench-manager-${run}`, password: 'bench-password-123' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

  const queries = [
    '',
    'status=open',
    'severity=high,critical',
    'team=billing&sort=newest',
    'flagCode=tone.rudeness',
    'dimension=compliance&language=da',
    'channel=call&from=2026-06-10&to=2026-07-01',
    'control=true',
    'agent=orders-ag-3',
    'sort=oldest&limit=100',
  ];
  const latencies: number[] = [];
  let cursor: string | undefined;
  log(`timing ${REQUESTS} queue requests (${queries.length} filter mixes, every third one the next page)`);
  for (let n = 0; n < REQUESTS + 20; n++) {
    // Every third request asks for the next page of the request before it (same filters).
    const paging = n % 3 === 2 && cursor !== undefined;
    const q = queries[(paging ? n - 1 : n) % queries.length]!;
    const page = paging ? `${q ? '&' : ''}cursor=${cursor}` : '';
    const t = performance.now();
    const res = await fetch(`${base}/api/queue?${q}${page}`, { headers: { cookie } });
    const body = (await res.json()) as { nextCursor?: string; items: unknown[] };
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`queue request failed: ${res.status} ${JSON.stringify(body)}`);
    cursor = n % 3 === 1 ? body.nextCursor : undefined;
    if (n >= 20) latencies.push(ms); // the first requests warm up the JIT
  }
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;

  // The conversation page: its interaction (half of them reviewable ones, which carry the
  // transcript and score details) and its audit history, each timed on its own.
  const timeGets = async (path: (id: string) => string) => {
    const ms: number[] = [];
    for (let n = 0; n < CONVERSATIONS + 5; n++) {
      const id = n % 2 === 0 ? pick(reviewableVisible) : pick(visible);
      const t = performance.now();
      const res = await fetch(`${base}${path(id)}`, { headers: { cookie } });
      const body = await res.text();
      const took = performance.now() - t;
      if (res.status !== 200) throw new Error(`GET ${path(id)} failed: ${res.status} ${body}`);
      if (n >= 5) ms.push(took);
    }
    ms.sort((a, b) => a - b);
    const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]! * 100) / 100;
    return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
  };
  log(`timing ${CONVERSATIONS} conversation requests and ${CONVERSATIONS} history requests`);
  const conversation = await timeGets((id) => `/api/interactions/${id}`);
  const history = await timeGets((id) => `/api/interactions/${id}/history`);
  const result = {
    metric: 'review_queue_latency',
    storedInteractions: TOTAL,
    queueItems: api.index.size,
    requests: latencies.length,
    p50Ms: Math.round(q(0.5) * 100) / 100,
    p99Ms: Math.round(q(0.99) * 100) / 100,
    maxMs: Math.round(latencies[latencies.length - 1]! * 100) / 100,
    targetP99Ms: 100,
    met: q(0.99) < 100,
    conversation: {
      ...conversation,
      requests: CONVERSATIONS,
      targetP99Ms: 100,
      met: conversation.p99Ms < 100,
    },
    history: { ...history, requests: CONVERSATIONS, auditEntries: AUDIT_ENTRIES },
    storeSeconds: Math.round(storeSeconds),
    auditSeconds: Math.round(auditSeconds),
    indexLoadSeconds: Math.round(indexSeconds * 10) / 10,
    rssMiB: Math.round(process.memoryUsage().rss / 1048576),
  };
  log(
    `stored ${TOTAL} in ${result.storeSeconds} s; index of ${result.queueItems} items loaded in ${result.indexLoadSeconds} s`,
  );
  log(`queue listing over HTTP: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms`);
  log(
    `conversation GET /api/interactions/:id: p50 ${conversation.p50Ms} ms, p99 ${conversation.p99Ms} ms; history: p50 ${history.p50Ms} ms, p99 ${history.p99Ms} ms`,
  );
  console.log(JSON.stringify(result));
} finally {
  await api?.shutdown('bench done');
  await store.db.dropDatabase().catch(() => undefined);
  await store.close();
}
