// pnpm bench:insights [--interactions 100000] [--weeks 8]
// Staffing plan and training packs on the local store: stores interactions spread over a few
// weeks (chat, e-mail and calls on a working-day profile, 60 agents in 6 teams, keyphrases from a
// vocabulary of 240 topics, one in ten flagged with its transcript, some flags confirmed), then
// times the week plan and the training packs as the review service computes them, sampling the
// heap while they run. Final line: JSON. MONGODB_URI picks another store.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Policy } from '@rapport/schemas';
import { staffingPlan, staffingSettingsOf, trainingPacks } from '@rapport/insights';
import { connectStore, StaffingRepository, TrainingRepository, type StoreConnection } from '@rapport/store';
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
const WEEKS = arg('weeks', 8);
const log = (msg: string) => console.error(`[bench:insights] ${msg}`);

if (!process.env.MONGODB_URI) {
  log('starting the local stack when it is not running');
  execFileSync('bash', ['infra/local/stack.sh', 'up'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
const MONGODB_URI = process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${process.env.MONGO_PORT ?? 27017}/`;
const START = Date.parse('2026-01-05T00:00:00Z'); // a Monday
const HOUR = 3_600_000;
const WORDS = [
  'late',
  'refund',
  'invoice',
  'password',
  'delivery',
  'parcel',
  'account',
  'charge',
  'order',
  'address',
  'login',
  'card',
  'subscription',
  'return',
  'discount',
  'upgrade',
];
const TOPICS = WORDS.flatMap((a) => WORDS.filter((b) => b !== a).map((b) => `${a} ${b}`)).slice(0, 240);

/** Deterministic pseudo-random numbers, so every run stores the same data. */
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

/** Working hours weigh most: a desk's week, not a flat line. */
function occurredAt(): Date {
  for (;;) {
    const h = Math.floor(rand() * WEEKS * 168);
    const hourOfDay = h % 24;
    const weekday = Math.floor(h / 24) % 7;
    const weight = (hourOfDay >= 8 && hourOfDay < 18 ? 1 : 0.08) * (weekday < 5 ? 1 : 0.3);
    if (rand() < weight) return new Date(START + h * HOUR + Math.floor(rand() * HOUR));
  }
}

function interaction(i: number) {
  const at = occurredAt();
  const channel = i % 10 < 5 ? 'chat' : i % 10 < 8 ? 'email' : 'call';
  const flagged = i % 10 === 3;
  const agent = i % 60;
  const overall = Math.round(40 + rand() * 55);
  const t = (sec: number) => new Date(at.getTime() + sec * 1000).toISOString();
  const transcript =
    channel === 'call'
      ? [
          { index: 0, role: 'agent', startSec: 0, endSec: 20, text: 'Hello, how can I help?' },
          { index: 1, role: 'customer', startSec: 21, endSec: 90, text: 'My [EMAIL] parcel is late.' },
          {
            index: 2,
            role: 'agent',
            startSec: 91,
            endSec: 150 + (i % 200),
            text: 'As I already said, read the manual.',
          },
        ]
      : [
          { index: 0, role: 'customer', at: t(0), text: 'My parcel is late, I wrote from [EMAIL].' },
          { index: 1, role: 'agent', at: t(60), text: 'As I already said, read the manual.' },
          { index: 2, role: 'customer', at: t(200), text: 'That is rude.' },
          { index: 3, role: 'agent', at: t(260 + (i % 300)), text: 'Whatever.' },
        ];
  return {
    _id: `bench:int-${i}`,
    tenantId: 'bench',
    interactionId: `int-${i}`,
    revision: 1,
    channel,
    occurredAt: at,
    agent: { id: `ag-${agent}`, name: 'Agent', teamId: `team-${agent % 6}` },
    customerId: `cu-${i}`,
    source: { system: 'bench' },
    tags: [],
    language: { code: 'en', detected: true, supported: true },
    scores: {
      tone: overall,
      politeness: overall,
      accuracy: 80,
      clarity: 70,
      responsiveness: 90,
      compliance: 100,
    },
    overall,
    outcome: { score: Math.round(20 + rand() * 70), summary: 'bench' },
    flags: flagged
      ? [{ code: 'tone.rudeness', dimension: 'tone', severity: 'high', message: 'rude', evidence: [] }]
      : [],
    flagCodes: flagged ? ['tone.rudeness'] : [],
    flagDimensions: flagged ? ['tone'] : [],
    flagged,
    maxSeverity: flagged ? 'high' : null,
    severityRank: flagged ? 3 : 0,
    redactions: {},
    insight: {
      keyphrases: [0, 1, 2].map((k) => ({
        text: TOPICS[Math.floor(rand() ** (2 + k) * TOPICS.length)]!,
        count: 1 + (k === 0 ? 1 : 0),
      })),
      firstResponseSec: channel === 'email' ? 3600 + (i % 40_000) : 20 + (i % 200),
      messages: { customer: 2, agent: 2 },
    },
    ...(flagged ? { transcript: JSON.stringify(transcript) } : {}),
    review: { status: flagged ? 'open' : 'not_flagged', control: false },
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
    flagDecisions: [
      { code: 'tone.rudeness', decision: 'confirmed', by: 'mgr', at: new Date(START).toISOString() },
    ],
    coaching: null,
    notes: [],
    comments: [],
    escalation: null,
    agentResponse: null,
    ruling: null,
    controlVerdict: null,
    assignee: null,
    updatedAt: new Date(START).toISOString(),
  };
}

async function fill(store: StoreConnection) {
  for (let i = 0; i < TOTAL; i += 1_000) {
    const n = Math.min(1_000, TOTAL - i);
    const ids = Array.from({ length: n }, (_, k) => i + k);
    await store.db.collection('interactions').insertMany(ids.map(interaction) as never[], { ordered: false });
    // A third of the flagged ones had their flag confirmed.
    const confirmed = ids.filter((j) => j % 30 === 3);
    if (confirmed.length > 0)
      await store.db.collection('reviews').insertMany(confirmed.map(review) as never[]);
    if ((i / 1_000) % 10 === 9) log(`stored ${i + n}`);
  }
}

/** Runs `f`, sampling the heap every 50 ms: seconds and the peak heap above the start, in MiB. */
async function measured<T>(f: () => Promise<T>): Promise<{ value: T; seconds: number; peakHeapMiB: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 50);
  const t = performance.now();
  try {
    const value = await f();
    return {
      value,
      seconds: Math.round((performance.now() - t) / 100) / 10,
      peakHeapMiB: Math.round(((Math.max(peak, process.memoryUsage().heapUsed) - base) / 2 ** 20) * 10) / 10,
    };
  } finally {
    clearInterval(timer);
  }
}

const dbName = `bench_insights_${Date.now().toString(36)}`;
const store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'bench-insights' });
try {
  log(`storing ${TOTAL} interactions over ${WEEKS} weeks in ${dbName}`);
  const t = performance.now();
  await fill(store);
  log(`stored in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const period = { from: new Date(START), to: new Date(START + WEEKS * 7 * 24 * HOUR) };
  const policy = Policy.parse({ id: 'bench', version: '1' });
  const staffing = new StaffingRepository(store.db);
  const training = new TrainingRepository(store.db);

  const plan = await measured(() =>
    staffingPlan(staffing.rows({ tenantId: 'bench', ...period }), {
      ...period,
      settings: staffingSettingsOf(policy),
      firstResponseTargetSec: policy.thresholds.responsiveness.firstResponseSec,
    }),
  );
  log(
    `staffing plan: ${plan.value.interactions} interactions in ${plan.seconds} s, peak heap +${plan.peakHeapMiB} MiB; ` +
      `${plan.value.totals.understaffed} understaffed, ${plan.value.totals.overstaffed} overstaffed hours`,
  );
  const packs = await measured(() =>
    trainingPacks(training.rows({ tenantId: 'bench', ...period }), (ids) => training.examples('bench', ids), {
      topics: 10,
      examples: 3,
    }),
  );
  log(
    `training packs: ${packs.value.analysed} interactions, ${packs.value.packs.length} topics in ${packs.seconds} s, ` +
      `peak heap +${packs.peakHeapMiB} MiB`,
  );
  if (plan.value.interactions !== TOTAL || packs.value.analysed !== TOTAL)
    throw new Error(
      `expected ${TOTAL} interactions in both, got ${plan.value.interactions} and ${packs.value.analysed}`,
    );
  const seconds = Math.round((plan.seconds + packs.seconds) * 10) / 10;
  console.log(
    JSON.stringify({
      metric: 'insights_staffing_training',
      interactions: TOTAL,
      weeks: WEEKS,
      staffingSeconds: plan.seconds,
      staffingPeakHeapMiB: plan.peakHeapMiB,
      trainingSeconds: packs.seconds,
      trainingPeakHeapMiB: packs.peakHeapMiB,
      totalSeconds: seconds,
      targetSeconds: 10,
      met: seconds < 10,
    }),
  );
} finally {
  await store.db.dropDatabase().catch(() => undefined);
  await store.close();
}
