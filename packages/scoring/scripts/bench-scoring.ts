/**
 * Scoring benchmark: a seeded, realistic corpus (chats of 4-20 messages, HTML e-mails with quoted
 * replies and signatures, call transcripts; English and Danish; some bad conversations), scored on
 * one core (best of three rounds, engine and `sentiment` alternating). Reports conversations/s, p50/p99 latency, peak RSS, the cost of the `sentiment`
 * package alone on the same texts and the ratio, and the same for eight-message chats.
 *
 *   pnpm bench:scoring [--conversations 10000] [--chats 4000]
 *
 * Last line: one JSON object with the figures.
 */
import { createRequire } from 'node:module';
import type { InteractionEvent } from '@rapport/schemas';
import { DEFAULT_POLICY, EXAMPLE_KNOWLEDGE_BASE, scoreInteraction } from '@rapport/scoring';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment') as new () => { analyze(text: string): { score: number } };

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

import { BASE, chats8, corpus } from './synthetic-corpus.js';

function textsOf(e: InteractionEvent): string[] {
  if (e.channel === 'call') return e.segments.map((s) => s.text);
  if (e.channel === 'chat') return e.messages.map((m) => m.text);
  return e.messages.map((m) => m.bodyText ?? m.bodyHtml ?? '');
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

interface Run {
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  sentimentPerSec: number;
  ratio: number;
}

const ROUNDS = 3;

/**
 * Engine and sentiment alternate for ROUNDS rounds and the best round of each counts: on a shared
 * machine, other processes only ever make a round slower, so the best round is the cost of the code.
 */
function measure(events: readonly InteractionEvent[], label: string): Run {
  const ctx = { policy: DEFAULT_POLICY, knowledgeBase: EXAMPLE_KNOWLEDGE_BASE, now: () => new Date(BASE) };
  const texts = events.map(textsOf);
  const sentiment = new Sentiment();
  let bestEngine = Infinity;
  let bestSentiment = Infinity;
  let bestLat = new Float64Array(0);
  let flagged = 0;
  let sink = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const lat = new Float64Array(events.length);
    flagged = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < events.length; i++) {
      const s = process.hrtime.bigint();
      if (scoreInteraction(events[i] as InteractionEvent, ctx).flagged) flagged++;
      lat[i] = Number(process.hrtime.bigint() - s) / 1e6;
    }
    const engineSec = Number(process.hrtime.bigint() - t0) / 1e9;
    const s0 = process.hrtime.bigint();
    for (const conversation of texts) for (const t of conversation) sink += sentiment.analyze(t).score;
    const sentimentSec = Number(process.hrtime.bigint() - s0) / 1e9;
    console.log(
      `  ${label} round ${round}/${ROUNDS}: engine ${Math.round(events.length / engineSec)}/s, sentiment ${Math.round(events.length / sentimentSec)}/s`,
    );
    if (engineSec < bestEngine) {
      bestEngine = engineSec;
      bestLat = lat;
    }
    bestSentiment = Math.min(bestSentiment, sentimentSec);
  }
  if (sink === Number.MIN_SAFE_INTEGER) console.log(''); // keep the loop from being optimised away
  bestLat.sort();
  console.log(`  ${label}: ${flagged} of ${events.length} flagged`);
  return {
    perSec: events.length / bestEngine,
    p50Ms: percentile(bestLat, 0.5),
    p99Ms: percentile(bestLat, 0.99),
    sentimentPerSec: events.length / bestSentiment,
    ratio: bestEngine / bestSentiment,
  };
}

const size = Math.max(10_000, arg('conversations', 10_000));
const chatCount = arg('chats', 4_000);
console.log(`generating ${size} conversations and ${chatCount} eight-message chats (seeded)...`);
const events = corpus(42, size);
const eight = chats8(7, chatCount);
const messages = events.reduce((n, e) => n + textsOf(e).length, 0);
console.log(
  `  ${messages} messages/segments; channels: ${['chat', 'email', 'call'].map((c) => `${c} ${events.filter((e) => e.channel === c).length}`).join(', ')}`,
);

console.log('warming up...');
const warm = { policy: DEFAULT_POLICY, knowledgeBase: EXAMPLE_KNOWLEDGE_BASE, now: () => new Date(BASE) };
for (let i = 0; i < 2_000; i++) scoreInteraction(events[i % events.length] as InteractionEvent, warm);
const sentimentWarm = new Sentiment();
for (let i = 0; i < 2_000; i++)
  for (const t of textsOf(events[i % events.length] as InteractionEvent)) sentimentWarm.analyze(t);

console.log('measuring the mixed corpus...');
const mixed = measure(events, 'mixed');
console.log('measuring eight-message chats...');
const chat8 = measure(eight, 'chat8');
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const f = (v: number, d = 0) =>
  v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const rows: [string, string, string][] = [
  ['', 'mixed corpus', '8-message chats'],
  ['conversations', f(events.length), f(eight.length)],
  ['engine conversations/s (1 core)', f(mixed.perSec), f(chat8.perSec)],
  ['p50 latency (ms)', f(mixed.p50Ms, 3), f(chat8.p50Ms, 3)],
  ['p99 latency (ms)', f(mixed.p99Ms, 3), f(chat8.p99Ms, 3)],
  ['sentiment alone conversations/s', f(mixed.sentimentPerSec), f(chat8.sentimentPerSec)],
  ['engine cost / sentiment cost', `${f(mixed.ratio, 1)}x`, `${f(chat8.ratio, 1)}x`],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log('');
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c.padStart(15)}`);
console.log(`peak RSS: ${f(peakRssMb, 1)} MiB`);
console.log(
  `target: >= 5,000 eight-message chats/s and <= 10x sentiment: ${chat8.perSec >= 5000 && chat8.ratio <= 10 ? 'met' : 'NOT met'}`,
);
console.log(
  JSON.stringify({
    conversations: events.length,
    conversationsPerSec: Math.round(mixed.perSec),
    p50Ms: Number(mixed.p50Ms.toFixed(4)),
    p99Ms: Number(mixed.p99Ms.toFixed(4)),
    peakRssMb: Number(peakRssMb.toFixed(1)),
    sentimentConversationsPerSec: Math.round(mixed.sentimentPerSec),
    ratioToSentiment: Number(mixed.ratio.toFixed(2)),
    chat8: {
      conversations: eight.length,
      conversationsPerSec: Math.round(chat8.perSec),
      p50Ms: Number(chat8.p50Ms.toFixed(4)),
      p99Ms: Number(chat8.p99Ms.toFixed(4)),
      sentimentConversationsPerSec: Math.round(chat8.sentimentPerSec),
      ratioToSentiment: Number(chat8.ratio.toFixed(2)),
    },
    target: { chat8PerSec: 5000, maxRatio: 10, met: chat8.perSec >= 5000 && chat8.ratio <= 10 },
  }),
);
