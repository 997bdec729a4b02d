/**
 * A seeded synthetic corpus of help-desk conversations (chats of 4-20 messages, HTML e-mails with
 * quoted replies and signatures, call transcripts; English and Danish; about 15% bad). Shared by
 * the scoring benchmark and the demo data generator, so both measure and show the same mix.
 */
import { InteractionEvent } from '@rapport/schemas';
import { seededRandom } from '../src/text/random.js';

export const rng = seededRandom;

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

export const BASE = Date.parse('2025-06-02T08:00:00Z');
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

/**
 * `badShare`: the share of conversations where the agent misbehaves. Other conversations get
 * flagged too (slow replies, long holds), so the flagged share is higher than this.
 */
export function corpus(seed: number, size: number, badShare = 0.15): InteractionEvent[] {
  const r = rng(seed);
  const out: InteractionEvent[] = [];
  for (let i = 0; i < size; i++) {
    const lang: Lang = r() < 0.6 ? 'en' : 'da';
    const bad = r() < badShare;
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

export function chats8(seed: number, size: number): InteractionEvent[] {
  const r = rng(seed);
  return Array.from({ length: size }, (_, i) =>
    InteractionEvent.parse(chat(r, 20_000 + i, r() < 0.6 ? 'en' : 'da', 8, r() < 0.15)),
  );
}
