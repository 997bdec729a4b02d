/**
 * Pipeline benchmark: one scorer process against the local Kafka and FerretDB.
 *
 *   pnpm bench:pipeline [--events 20000] [--latency-seconds 20] [--bad-share 0.02]
 *                       [--only full|baseline|latency] [--rate N] [--cpu-prof DIR]
 *
 * 1. throughput: N events are produced up front, then a scorer process starts; events/s from its
 *    first stored document to the last. Run twice: full scoring, then SCORING_MODE=pass-through
 *    (same consumer, same Kafka and MongoDB writes, no analysis: each event gets the results of
 *    one of two conversations scored at startup) flagging the share the full run flagged, so both
 *    write as many transcripts and documents of the same shape (printed: fields and bytes).
 * 2. latency: events are produced at half the measured full-scoring rate (or --rate) while the
 *    scorer runs; latency is produce timestamp (Kafka) to document stored, p50/p99.
 * Each run prints where the scorer's batch time went (its stage metrics) and the CPU the scorer,
 * the store and the broker spent per event (from /proc; the local stack's processes). --cpu-prof writes a
 * V8 CPU profile of each scorer process into DIR. Last line: one JSON object with the figures.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createKafkaBus, type OutgoingMessage } from '@rapport/messaging';
import { createLogger } from '@rapport/observability';
import { connectStore, type InteractionDocument } from '@rapport/store';
import { corpus } from '../../packages/scoring/scripts/synthetic-corpus.js';
import { root } from '../vitest.shared.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const text = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const EVENTS = arg('events', 20_000);
const LATENCY_SECONDS = arg('latency-seconds', 20);
// The corpus' default (15% misbehaving agents, ~26% flagged) suits the scoring benchmark's
// detection figures; help desks see fewer: 2% misbehaving gives ~17% flagged (other flags come
// from missing greetings, unanswered questions and the like in ordinary conversations).
const BAD_SHARE = Number(text('bad-share') ?? 0.02);
const ONLY = text('only');
const CPU_PROF = text('cpu-prof');
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const MONGODB_URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/';
const logger = createLogger({ name: 'bench', level: 'warn', destination: process.stderr });
const log = (s: string) => process.stderr.write(`${s}\n`);

log('starting the local stack when it is not running');
execFileSync('bash', ['infra/local/stack.sh', 'up'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

const bus = createKafkaBus({ brokers: KAFKA_BROKERS.split(','), clientId: 'bench', logger });
const run = Date.now().toString(36);
const shift = Date.now() - 30 * 86_400_000 - Date.parse('2025-06-02T08:00:00Z');
const move = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();

function events(seed: number, count: number, prefix: string): OutgoingMessage[] {
  return corpus(seed, count, BAD_SHARE).map((e, i) => {
    const event = { ...e, interactionId: `${prefix}-${i}`, occurredAt: move(e.occurredAt) } as Record<
      string,
      unknown
    >;
    if (e.channel !== 'call') event.messages = e.messages.map((m) => ({ ...m, sentAt: move(m.sentAt) }));
    return { key: `${prefix}-${i}`, value: JSON.stringify(event) };
  });
}

async function produce(topic: string, messages: OutgoingMessage[], ratePerSec?: number) {
  const producer = await bus.producer();
  const started = Date.now();
  const batch = ratePerSec ? Math.max(1, Math.round(ratePerSec / 20)) : 1_000;
  for (let i = 0; i < messages.length; i += batch) {
    await producer.send(topic, messages.slice(i, i + batch));
    if (ratePerSec) {
      const wait = started + ((i + batch) / ratePerSec) * 1000 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }
  await producer.disconnect();
}

function startScorer(name: string, mode: 'full' | 'pass-through', port: number, flagRate = 0.15) {
  const env = {
    ...process.env,
    KAFKA_BROKERS,
    MONGODB_URI,
    MONGODB_DB: `bench_${name}_${run}`,
    SCORER_GROUP_ID: `bench-${name}-${run}`,
    INTERACTIONS_TOPIC: `bench-${name}-${run}-in`,
    SCORED_TOPIC: `bench-${name}-${run}-scored`,
    DEAD_LETTER_TOPIC: `bench-${name}-${run}-dlq`,
    HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
    SCORING_MODE: mode,
    PASS_THROUGH_FLAG_RATE: String(flagRate),
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []),
      '--conditions=@rapport/source',
      '--import',
      'tsx',
      'services/scorer/src/main.ts',
    ],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return { env, child };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const metricsText = (port: number) =>
  fetch(`http://127.0.0.1:${port}/metrics`).then(
    (r) => r.text(),
    () => '',
  );

/** Seconds the scorer's main thread and its scoring threads (summed) were busy so far. */
async function busySeconds(port: number): Promise<{ main: number; scoring: number }> {
  const body = await metricsText(port);
  const of = (thread: string) => {
    const m = new RegExp(
      `^rapport_scorer_busy_seconds\\{[^}]*thread="${thread}"[^}]*\\} ([\\d.e+-]+)$`,
      'm',
    ).exec(body);
    return m ? Number(m[1]) : NaN;
  };
  return { main: of('main'), scoring: of('scoring') };
}

/** CPU seconds the scorer process used so far (user + system, all its threads). */
async function cpuSeconds(port: number): Promise<number> {
  const m = /^rapport_process_cpu_seconds_total\{[^}]*\} ([\d.e+-]+)$/m.exec(await metricsText(port));
  return m ? Number(m[1]) : NaN;
}

/**
 * CPU seconds (user + system) the local broker and store processes used so far, from /proc and
 * the stack's pid files; NaN where that cannot be read (another platform, a remote cluster).
 */
function stackCpuSeconds(): { broker: number; store: number } {
  const of = (name: string) => {
    try {
      const pid = readFileSync(`${root}/.data/run/${name}.pid`, 'utf8').trim();
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime and stime, fields 14 and 15 of stat (11 and 12 after the command), in clock ticks.
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      return NaN;
    }
  };
  return { broker: of('kafka'), store: of('ferretdb') };
}
const CLOCK_TICKS = 100;

/**
 * Average fields and JSON bytes of stored documents (a sample of 1,000): the two runs must write
 * documents alike, since FerretDB's cost per document follows its number of fields.
 */
async function storedShape(coll: {
  find(filter: object): { limit(n: number): { toArray(): Promise<object[]> } };
}) {
  const docs = await coll.find({}).limit(1_000).toArray();
  const count = (v: unknown): number =>
    v !== null && typeof v === 'object' && !(v instanceof Date)
      ? Object.values(v).reduce((n: number, x) => n + 1 + count(x), 0)
      : 0;
  const avg = (f: (d: object) => number) =>
    Math.round(docs.reduce((n, d) => n + f(d), 0) / Math.max(1, docs.length));
  return { fields: avg(count), bytes: avg((d) => Buffer.byteLength(JSON.stringify(d))) };
}

/** Seconds of batch time per stage, from the scorer's own metrics (summed over partitions). */
async function stageSeconds(port: number): Promise<Record<string, number>> {
  const body = await metricsText(port);
  const out: Record<string, number> = {};
  for (const m of body.matchAll(
    /^rapport_scorer_stage_seconds_sum\{[^}]*stage="(\w+)"[^}]*\} ([\d.e+-]+)$/gm,
  ))
    out[m[1]!] = Number(Number(m[2]).toFixed(2));
  return out;
}

const describeStages = (stages: Record<string, number>) => {
  const total = Object.values(stages).reduce((a, b) => a + b, 0);
  return Object.entries(stages)
    .map(([k, v]) => `${k} ${v}s (${Math.round((100 * v) / (total || 1))}%)`)
    .join(', ');
};

async function throughput(name: string, mode: 'full' | 'pass-through', port: number, flagRate?: number) {
  const { env, child } = startScorer(name, mode, port, flagRate);
  const store = await connectStore({ uri: MONGODB_URI, dbName: env.MONGODB_DB, appName: 'bench' });
  const coll = store.db.collection<InteractionDocument>('interactions');
  try {
    // Let the scorer create its topics, then load the whole backlog before it can start on it.
    while ((await bus.topicSize(env.INTERACTIONS_TOPIC).catch(() => -1)) < 0)
      await new Promise((r) => setTimeout(r, 200));
    await stop(child);
    log(`${name}: producing ${EVENTS} events`);
    await produce(env.INTERACTIONS_TOPIC, events(11, EVENTS, `${name}-${run}`));
    const { child: worker } = startScorer(name, mode, port, flagRate);
    // Progress from the group's lag (Kafka admin, cheap; a commit follows the store write). Polling
    // a count would scan the collection on FerretDB and slow down the scorer being measured.
    let first = 0;
    let cpuAtFirst = NaN;
    let busyAtFirst = { main: NaN, scoring: NaN };
    let stackAtFirst = { broker: NaN, store: NaN };
    let lag = EVENTS;
    let lastReport = 0;
    const deadline = Date.now() + 30 * 60_000;
    while (lag > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      lag = await bus.groupLag(env.SCORER_GROUP_ID, env.INTERACTIONS_TOPIC).catch(() => EVENTS);
      if (lag < EVENTS && first === 0) {
        first = Date.now();
        cpuAtFirst = await cpuSeconds(port);
        busyAtFirst = await busySeconds(port);
        stackAtFirst = stackCpuSeconds();
      }
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        log(`${name}: ${EVENTS - lag}/${EVENTS} committed`);
      }
    }
    const seconds = (Date.now() - first) / 1000;
    // A scorer near 1 core is bound by its own thread; well below, it waits on Kafka or the store.
    const scorerCpu = (await cpuSeconds(port)) - cpuAtFirst;
    const busyNow = await busySeconds(port);
    const scorerCores = (scorerCpu / seconds).toFixed(2);
    const stackNow = stackCpuSeconds();
    // CPU milliseconds each process spent per event: what the 2 cores are shared out by.
    const perEvent = (cpu: number) =>
      Number.isFinite(cpu) ? Number(((1000 * cpu) / EVENTS).toFixed(2)) : null;
    const cpuMsPerEvent = {
      scorer: perEvent(scorerCpu),
      store: perEvent(stackNow.store - stackAtFirst.store),
      broker: perEvent(stackNow.broker - stackAtFirst.broker),
    };
    const stages = await stageSeconds(port);
    const threadsMatch = /^rapport_scorer_scoring_threads\{[^}]*\} (\d+)$/m.exec(await metricsText(port));
    const scoringThreads = threadsMatch ? Number(threadsMatch[1]) : 0;
    // Share of the wall time each was busy (scoring: per thread): near 1 for what caps the scorer.
    const share = (s: number) => Number((s / seconds).toFixed(2));
    const busy = {
      main: share(busyNow.main - busyAtFirst.main),
      scoring: share((busyNow.scoring - busyAtFirst.scoring) / Math.max(1, scoringThreads)),
    };
    if ((await coll.estimatedDocumentCount()) !== EVENTS)
      throw new Error(`${name}: expected ${EVENTS} documents`);
    const flagged = await coll.countDocuments({ flagged: true });
    const shape = await storedShape(coll);
    await stop(worker);
    log(
      `${name}: ${Math.round(EVENTS / seconds)} events/s, scorer CPU ${scorerCores} cores; batch time by stage: ${describeStages(stages)}`,
    );
    log(
      `${name}: busy share of wall time: main thread ${busy.main}, scoring threads ${busy.scoring} each (${scoringThreads})`,
    );
    log(
      `${name}: CPU ms per event: scorer ${cpuMsPerEvent.scorer}, store ${cpuMsPerEvent.store}, broker ${cpuMsPerEvent.broker}`,
    );
    return {
      eventsPerSec: Math.round(EVENTS / seconds),
      seconds: Number(seconds.toFixed(1)),
      flaggedShare: Number((flagged / EVENTS).toFixed(3)),
      scorerCores: Number(scorerCores),
      cpuMsPerEvent,
      storedFields: shape.fields,
      storedBytes: shape.bytes,
      scoringThreads,
      busy,
      stages,
      env,
    };
  } finally {
    await store.close();
  }
}

async function latency(rate: number, port: number) {
  const { env, child } = startScorer('latency', 'full', port);
  const store = await connectStore({ uri: MONGODB_URI, dbName: env.MONGODB_DB, appName: 'bench' });
  const coll = store.db.collection<InteractionDocument>('interactions');
  try {
    while ((await bus.topicSize(env.INTERACTIONS_TOPIC).catch(() => -1)) < 0)
      await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 2_000)); // group joined
    const n = Math.round(rate * LATENCY_SECONDS);
    log(`latency: producing ${n} events at ${rate}/s while the scorer runs`);
    await produce(env.INTERACTIONS_TOPIC, events(12, n, `lat-${run}`), rate);
    const deadline = Date.now() + 5 * 60_000;
    while ((await coll.estimatedDocumentCount()) < n && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    log(`latency: batch time by stage: ${describeStages(await stageSeconds(port))}`);
    const docs = await coll.find({}, { projection: { storedAt: 1, producedAt: 1 } }).toArray();
    const ms = docs
      .filter((d) => d.producedAt)
      .map((d) => d.storedAt.getTime() - d.producedAt!.getTime())
      .sort((a, b) => a - b);
    return { rate, events: n, p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99), env };
  } finally {
    await stop(child);
    await store.close();
  }
}

async function cleanup(env: Record<string, string | undefined>) {
  await bus
    .deleteTopics([env.INTERACTIONS_TOPIC!, env.SCORED_TOPIC!, env.DEAD_LETTER_TOPIC!])
    .catch(() => undefined);
  const store = await connectStore({ uri: MONGODB_URI, dbName: env.MONGODB_DB!, appName: 'bench' });
  await store.db.dropDatabase().catch(() => undefined);
  await store.close();
}

const loadBefore = loadavg()[0]!;
const rateArg = arg('rate', 0);
if (ONLY === 'latency') {
  const lat = await latency(rateArg || 100, 19473);
  await cleanup(lat.env);
  await bus.close();
  console.log(
    JSON.stringify({ latencyRate: lat.rate, p50Ms: lat.p50Ms, p99Ms: lat.p99Ms, load: loadBefore }),
  );
  process.exit(0);
}
if (ONLY === 'full' || ONLY === 'baseline') {
  const mode = ONLY === 'full' ? 'full' : 'pass-through';
  const r = await throughput(ONLY, mode, ONLY === 'full' ? 19472 : 19471, arg('flag-rate', 0.17));
  await cleanup(r.env);
  await bus.close();
  const { env: _env, ...figures } = r;
  console.log(JSON.stringify({ only: ONLY, events: EVENTS, ...figures, load: loadBefore }));
  process.exit(0);
}

// Full first: the baseline then flags the share the full run flagged (its transcripts are most of
// the bytes written), measured rather than assumed.
const full = await throughput('full', 'full', 19472);
await cleanup(full.env);
const baseline = await throughput('baseline', 'pass-through', 19471, full.flaggedShare);
await cleanup(baseline.env);
const lat = await latency(rateArg || Math.max(50, Math.round(full.eventsPerSec / 2)), 19473);
await cleanup(lat.env);
await bus.close();
const load = [loadBefore, loadavg()[0]!].map((l) => Number(l.toFixed(2)));

const ratio = full.eventsPerSec / baseline.eventsPerSec;
const cpuLine = (c: typeof full.cpuMsPerEvent) => `${c.scorer} / ${c.store} / ${c.broker}`;
console.log(`
                         events/s   seconds   flagged share
full scoring             ${String(full.eventsPerSec).padStart(8)}   ${String(full.seconds).padStart(7)}   ${full.flaggedShare}
pass-through baseline    ${String(baseline.eventsPerSec).padStart(8)}   ${String(baseline.seconds).padStart(7)}   ${baseline.flaggedShare}
full / baseline          ${(100 * ratio).toFixed(0)}%
full: scorer CPU ${full.scorerCores} cores (busy: main thread ${full.busy.main}, scoring threads ${full.busy.scoring} each); batch time by stage: ${describeStages(full.stages)}
baseline: scorer CPU ${baseline.scorerCores} cores; batch time by stage: ${describeStages(baseline.stages)}
stored documents, average fields and JSON bytes: full ${full.storedFields}, ${full.storedBytes}; baseline ${baseline.storedFields}, ${baseline.storedBytes}
CPU ms per event (scorer / store / broker): full ${cpuLine(full.cpuMsPerEvent)}; baseline ${cpuLine(baseline.cpuMsPerEvent)}
${
  baseline.eventsPerSec < 2000
    ? `the pass-through baseline, which does no scoring, reaches ${baseline.eventsPerSec} events/s: the local broker and store cap this machine below 2000`
    : ''
}
latency at ${lat.rate} events/s (half the full rate), produce -> stored: p50 ${lat.p50Ms} ms, p99 ${lat.p99Ms} ms
load average (1 min) at start and end: ${load.join(', ')} on ${cpus().length} cores
targets: >= 2000 events/s end to end, >= 50% of baseline, p99 < 1000 ms at half the maximum rate`);
console.log(
  JSON.stringify({
    events: EVENTS,
    baselineEventsPerSec: baseline.eventsPerSec,
    fullEventsPerSec: full.eventsPerSec,
    ratioToBaseline: Number(ratio.toFixed(3)),
    flaggedShare: full.flaggedShare,
    baselineFlaggedShare: baseline.flaggedShare,
    fullScorerCores: full.scorerCores,
    baselineScorerCores: baseline.scorerCores,
    fullStoredFields: full.storedFields,
    baselineStoredFields: baseline.storedFields,
    fullBusy: full.busy,
    fullCpuMsPerEvent: full.cpuMsPerEvent,
    baselineCpuMsPerEvent: baseline.cpuMsPerEvent,
    scoringThreads: full.scoringThreads,
    latencyRate: lat.rate,
    p50Ms: lat.p50Ms,
    p99Ms: lat.p99Ms,
    load,
    targets: { eventsPerSec: full.eventsPerSec >= 2000, ratio: ratio >= 0.5, p99: lat.p99Ms < 1000 },
  }),
);
