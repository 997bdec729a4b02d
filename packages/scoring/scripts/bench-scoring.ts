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
import { InteractionEvent } from '@rapport/schemas';
import { DEFAULT_POLICY, EXAMPLE_KNOWLEDGE_BASE, scoreInteraction } from '@rapport/scoring';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment') as new () => { analyze(text: string): { score: number } };

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** mulberry32: small, fast, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN = {
  customer: [
    'Hi, my internet keeps dropping out every evening. Can you help?',
    'I ordered a pair of headphones on Friday and the tracking page still says label created. Has it been sent?',
    'How long does standard delivery take to Copenhagen?',
    'I was charged twice for my February subscription, can you check this please?',
    'Okay, thanks. And can I pause my broadband subscription while I am away?',
    'The light is blinking but the app does not find the speaker.',
    'Great, thank you so much!',
    'ok',
    'Why did my bill go up this month?',
    'Can I return the jacket for a refund? It is too small.',
  ],
  agent: [
    'Hi, thanks for contacting Acme! I can see order A-58213 here. The parcel was handed to the carrier this morning.',
    'Standard delivery takes 3-5 business days, so you can expect it by Wednesday at the latest.',
    'I am sorry about the trouble. Could you restart the router and tell me what the light does?',
    'I have checked your account. The first charge failed at your bank and was reversed automatically.',
    'You have 30 days from delivery to return an item for a full refund, so you are well within the window.',
    'Premium is 149 DKK a month and you can cancel at any time.',
    'Thank you for your patience. I have moved your router to a quieter channel from here.',
    'You are welcome! Is there anything else I can help you with today?',
    'Thanks for contacting us, and have a nice day!',
  ],
  bad: [
    'As I already said, read the manual. It is not that hard.',
    'That is not my problem, whatever.',
    'YOU NEED TO UNPLUG THE POWER CABLE, NOT THE PHONE CABLE!!!',
    'The card on your account is 4111 1111 1111 1111.',
    'I think it probably works, but I am not sure. Maybe.',
    'Our refund window is 14 days, so it is too late.',
    'This damn system is crap today.',
  ],
};
const DA = {
  customer: [
    'Hej, min tv-boks viser kun en sort skærm. Hvad gør jeg?',
    'Hvornår kan jeg forvente at få min nye router?',
    'Hvad koster Premium om måneden, og er der binding?',
    'Jeg har fået to fakturaer i denne måned, og jeg ved ikke hvorfor.',
    'Super, tak for hjælpen',
    'Ok',
    'Kan jeg ringe til jer på lørdag? Jeg arbejder hele ugen.',
    'Mit kontonummer er DK50 0040 0440 1162 43, kan I sende pengene dertil?',
  ],
  agent: [
    'Hej, og tak fordi du skriver til Nordlys! Jeg kan se din ordre. Den blev pakket i morges.',
    'Standardlevering tager 3-5 hverdage, så du har den senest på mandag.',
    'Det er jeg ked af at høre. Prøv at trække strømstikket ud i ti sekunder og sæt det i igen.',
    'Premium koster 149 kr. om måneden, og der er ingen binding.',
    'Vores telefoner har åbent mandag til fredag fra kl. 8 til 17.',
    'Jeg har krediteret beløbet, og du får en ny faktura på mail i dag.',
    'Selv tak, og hav en rigtig god dag!',
  ],
  bad: [
    'Som jeg allerede har sagt, det er ikke så svært. Læs manualen.',
    'Det er ikke mit problem. Tag det roligt.',
    'Jeg tror måske det virker, men jeg er ikke sikker.',
    'Det er din egen skyld, at det ikke virker!!!',
    'Abonnementet står i dit navn, registreret med CPR-nummer 120385-1234.',
  ],
};

type Lang = 'en' | 'da';
const lexicon = (lang: Lang) => (lang === 'en' ? EN : DA);

const BASE = Date.parse('2025-06-02T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function common(r: () => number, i: number, lang: Lang, tagged: boolean) {
  return {
    schemaVersion: 1 as const,
    interactionId: `bench-${i}`,
    revision: 1,
    tenantId: 'bench',
    occurredAt: iso(BASE + i * 60_000),
    ...(tagged ? { language: lang } : {}),
    agent: { id: `ag-${Math.floor(r() * 50)}`, teamId: 'support' },
    customer: { id: `cu-${i}` },
    source: { system: 'bench' },
  };
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function agentLine(r: () => number, lang: Lang, bad: boolean): string {
  const lx = lexicon(lang);
  return bad && r() < 0.35 ? pick(r, lx.bad) : pick(r, lx.agent);
}

function chat(r: () => number, i: number, lang: Lang, n: number, bad: boolean): InteractionEvent {
  const lx = lexicon(lang);
  let t = BASE + i * 60_000;
  const messages: { role: 'agent' | 'customer' | 'bot' | 'system'; sentAt: string; text: string }[] = [];
  if (r() < 0.3) messages.push({ role: 'system', sentAt: iso(t), text: 'Chat started' });
  for (let k = 0; messages.length < n; k++) {
    t += Math.floor(5_000 + r() * (bad ? 600_000 : 60_000));
    const customer = k % 2 === 0;
    messages.push({
      role: customer ? 'customer' : 'agent',
      sentAt: iso(t),
      text: customer ? pick(r, lx.customer) : agentLine(r, lang, bad),
    });
  }
  return { ...common(r, i, lang, r() < 0.7), channel: 'chat', messages };
}

function email(r: () => number, i: number, lang: Lang, bad: boolean): InteractionEvent {
  const lx = lexicon(lang);
  let t = BASE + i * 60_000;
  const n = 2 + Math.floor(r() * 4);
  const messages: {
    role: 'agent' | 'customer';
    sentAt: string;
    bodyText?: string;
    bodyHtml?: string;
    subject?: string;
  }[] = [];
  let previous = '';
  for (let k = 0; k < n; k++) {
    t += Math.floor(600_000 + r() * 7_200_000);
    const customer = k % 2 === 0;
    const lines = customer
      ? [pick(r, lx.customer), pick(r, lx.customer)]
      : [agentLine(r, lang, bad), pick(r, lx.agent), agentLine(r, lang, bad)];
    const greeting = lang === 'en' ? 'Hi Jane,' : 'Hej Jens';
    const signOff =
      lang === 'en'
        ? 'Best regards,<br>Sophie Turner<br>Acme Customer Care<br>+45 70 20 30 40'
        : 'Venlig hilsen<br>Sofie Lund<br>Nordlys';
    const quote = previous
      ? lang === 'en'
        ? `<div class="gmail_quote">On Mon, 2 Jun 2025, Jane wrote:<blockquote>${previous}</blockquote></div>`
        : `<p>Den 2. jun. 2025 skrev Jens:</p><blockquote>${previous}</blockquote>`
      : '';
    const html = `<html><head><style>p{margin:0}</style></head><body><p>${greeting}</p>${lines.map((l) => `<p>${l.replace(/&/g, '&amp;')}</p>`).join('')}<p>${signOff}</p>${quote}</body></html>`;
    const plain = r() < 0.3;
    messages.push({
      role: customer ? 'customer' : 'agent',
      sentAt: iso(t),
      subject: lang === 'en' ? 'Re: My order' : 'Sv: Min ordre',
      ...(plain
        ? {
            bodyText: `${greeting}\n\n${lines.join('\n')}\n\n-- \nAcme\n\n> ${previous.replace(/<[^>]+>/g, ' ')}`,
          }
        : { bodyHtml: html }),
    });
    previous = lines.join(' ');
  }
  return { ...common(r, i, lang, r() < 0.7), channel: 'email', messages };
}

function call(r: () => number, i: number, lang: Lang, bad: boolean): InteractionEvent {
  const lx = lexicon(lang);
  const n = 6 + Math.floor(r() * 25);
  let t = 0.5;
  const segments: {
    speaker: 'agent' | 'customer';
    startSec: number;
    endSec: number;
    text: string;
    confidence: number;
  }[] = [];
  for (let k = 0; k < n; k++) {
    const customer = k % 2 === 1;
    const text =
      k === 0
        ? lang === 'en'
          ? 'Thank you for calling Acme, this call is recorded. How can I help?'
          : 'Tak fordi du ringer til Nordlys, samtalen optages. Hvad kan jeg hjælpe med?'
        : customer
          ? pick(r, lx.customer)
          : agentLine(r, lang, bad);
    const len = 2 + text.length / 15;
    const start = t;
    const end = Math.round((start + len) * 10) / 10;
    segments.push({
      speaker: customer ? 'customer' : 'agent',
      startSec: Math.round(start * 10) / 10,
      endSec: end,
      text,
      confidence: 0.9,
    });
    t = end + (bad && r() < 0.2 ? 12 + r() * 10 : 0.3 + r() * 1.5) - (r() < 0.1 ? 2 : 0);
    t = Math.max(t, start + 0.1);
  }
  return { ...common(r, i, lang, r() < 0.7), channel: 'call', segments, durationSec: Math.ceil(t + 1) };
}

function corpus(seed: number, size: number): InteractionEvent[] {
  const r = rng(seed);
  const out: InteractionEvent[] = [];
  for (let i = 0; i < size; i++) {
    const lang: Lang = r() < 0.6 ? 'en' : 'da';
    const bad = r() < 0.15;
    const kind = r();
    const raw =
      kind < 0.5
        ? chat(r, i, lang, 4 + Math.floor(r() * 17), bad)
        : kind < 0.8
          ? email(r, i, lang, bad)
          : call(r, i, lang, bad);
    out.push(InteractionEvent.parse(raw));
  }
  return out;
}

function chats8(seed: number, size: number): InteractionEvent[] {
  const r = rng(seed);
  return Array.from({ length: size }, (_, i) =>
    InteractionEvent.parse(chat(r, 20_000 + i, r() < 0.6 ? 'en' : 'da', 8, r() < 0.15)),
  );
}

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
