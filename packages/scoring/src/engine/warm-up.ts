import { InteractionEvent, type InteractionEventInput, type Policy } from '@rapport/schemas';
import type { KnowledgeBase } from '../knowledge/schema.js';
import { DEFAULT_POLICY } from '../policy/defaults.js';
import { scoreInteraction } from './score.js';

/**
 * Warm-up for a worker, to call once before it reports ready. A fresh engine scores its first few
 * thousand events about twice as slowly as later ones, and not because of caches (the lexicons,
 * model and default policy load at module load): V8 has not yet compiled the hot functions with
 * type feedback, and each shape it meets late (a first Danish e-mail, a first card number, a
 * first call without a customer turn) throws optimised code away and compiles it again. Scoring
 * a small, varied set of interactions here meets those shapes up front, compiles the worker's own
 * policy and knowledge base, and gets the hot code optimised before the first real event.
 *
 * Scoring keeps no state between calls beyond pure memoisation, so this changes no result.
 */
export interface WarmUpOptions {
  /** The policy the worker scores with (its matchers are compiled here); the default otherwise. */
  policy?: Policy;
  knowledgeBase?: KnowledgeBase;
  /** Passes over the built-in interactions; enough by default for V8 to optimise the hot path. */
  rounds?: number;
}

const DEFAULT_ROUNDS = 6;

export function warmUp(options: WarmUpOptions = {}): void {
  const policy = options.policy ?? DEFAULT_POLICY;
  const contexts = [
    { policy, ...(options.knowledgeBase ? { knowledgeBase: options.knowledgeBase } : {}) },
    { policy },
  ];
  const events = warmUpEvents();
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  for (let r = 0; r < rounds; r++)
    for (const ctx of contexts) for (const event of events) scoreInteraction(event, ctx);
}

/** Lines per language: greetings and closings, ordinary replies, bad replies, customer turns. */
const LINES = {
  en: {
    greeting: 'Hello and thanks for contacting Acme! This call is recorded. I can see order A-58213 here.',
    closing: 'Is there anything else I can help you with? Have a nice day!',
    agent: [
      'Standard delivery takes 3-5 business days, so you can expect it by Wednesday.',
      'Premium is 149 DKK a month; our phones are open from 8am to 5pm, and you get 20% off.',
      'You have 30 days from delivery to return an item for a full refund.',
      'I have reset the DHCP lease and the DNS cache on your router from here.',
    ],
    bad: [
      'As I already said, read the manual. It is not that hard.',
      'That is not my problem, whatever. This damn system is crap today.',
      'YOU NEED TO UNPLUG THE POWER CABLE, NOT THE PHONE CABLE!!!',
      'I think it probably works, but I am not sure. I guarantee delivery takes 7 days.',
      'Send the details to help@acme.example or pay to IBAN DK5000400440116243.',
    ],
    customer: [
      'Hi, my router keeps dropping the connection every evening. Can you help?',
      'How much does Premium cost, and when will my refund arrive?',
      'Why was I charged twice this month? I do not understand, this is ridiculous!!!',
      'My card is 4111 1111 1111 1111 and my phone is +45 20 30 40 50.',
      'That is not what you told me yesterday, you are useless.',
      'Great, thank you so much!',
      'ok',
    ],
  },
  da: {
    greeting: 'Hej, og tak fordi du ringer til Nordlys! Samtalen optages. Jeg kan se din ordre.',
    closing: 'Selv tak, og hav en rigtig god dag!',
    agent: [
      'Standardlevering tager 3-5 hverdage, så du har den senest på mandag.',
      'Premium koster 149 kr. om måneden, og der er ingen binding.',
      'Vores telefoner har åbent mandag til fredag fra kl. 8 til 17.',
    ],
    bad: [
      'Som jeg allerede har sagt, det er ikke så svært. Læs manualen.',
      'Det er ikke mit problem. Det er din egen skyld, at det ikke virker!!!',
      'Jeg tror måske det virker, men jeg er ikke sikker.',
    ],
    customer: [
      'Hej, min tv-boks viser kun en sort skærm. Hvad gør jeg?',
      'Hvad koster Premium om måneden, og hvornår får jeg pengene tilbage?',
      'Hvorfor har jeg fået to fakturaer? Jeg forstår det ikke!!!',
      'Mit CPR-nummer er 120385-1234, og min konto er DK50 0040 0440 1162 43.',
      'Super, tak for hjælpen',
      'Ok',
    ],
  },
  // Unsupported languages take the engine's other paths.
  de: {
    greeting: 'Guten Tag, hier ist der Kundendienst von Acme.',
    closing: 'Vielen Dank und einen schönen Tag noch!',
    agent: ['Ich habe das Problem gefunden und es ist jetzt behoben.'],
    bad: ['Das ist nicht mein Problem.'],
    customer: ['Hallo, mein Router funktioniert nicht mehr. Können Sie mir bitte helfen?'],
  },
} as const;

type Language = keyof typeof LINES;
type Turn = readonly ['agent' | 'customer', string];

/**
 * Alternating turns, agent first: a greeting, replies (bad ones too when `bad`) and a closing,
 * picked from the lines by the interaction number so the interactions differ.
 */
function turns(lang: Language, count: number, n: number, bad: boolean): Turn[] {
  const { greeting, closing, agent, customer } = LINES[lang];
  const replies: readonly string[] = bad ? [...LINES[lang].bad, ...agent] : agent;
  return Array.from({ length: count }, (_, k): Turn => {
    if (k % 2 === 1) return ['customer', customer[(n + k) % customer.length] as string];
    if (k === 0) return ['agent', greeting];
    if (k >= count - 2) return ['agent', closing];
    return ['agent', replies[(n + k) % replies.length] as string];
  });
}

const START = Date.parse('2026-01-05T09:00:00Z');
const at = (sec: number) => new Date(START + sec * 1000).toISOString();

function common(n: number, language: string | undefined) {
  return {
    interactionId: `warm-up-${n}`,
    revision: 1,
    tenantId: 'warm-up',
    occurredAt: at(0),
    ...(language === undefined ? {} : { language }),
    agent: { id: 'warm-up-agent', teamId: 'warm-up' },
    customer: { id: 'warm-up-customer' },
    source: { system: 'warm-up' },
  };
}

function chat(
  n: number,
  lang: Language,
  tagged: boolean,
  bad: boolean,
  count: number,
): InteractionEventInput {
  const gapSec = bad ? 900 : 30;
  const messages = [
    { role: 'system' as const, sentAt: at(0), text: 'Chat started' },
    ...turns(lang, count, n, bad).map(([role, text], k) => ({ role, sentAt: at((k + 1) * gapSec), text })),
  ];
  return { ...common(n, tagged ? lang : undefined), channel: 'chat', messages };
}

function email(
  n: number,
  lang: Language,
  tagged: boolean,
  bad: boolean,
  html: boolean,
): InteractionEventInput {
  const messages = turns(lang, 4, n, bad).map(([role, text], k) => {
    const quote = k > 0 ? `<blockquote>${LINES[lang].customer[0]}</blockquote>` : '';
    const body = html
      ? { bodyHtml: `<html><body><p>${text}</p><p>Best regards,<br>Sophie<br>Acme</p>${quote}</body></html>` }
      : { bodyText: `${text}\n\n-- \nAcme Customer Care\n\n> ${LINES[lang].customer[0]}` };
    return { role, sentAt: at((k + 1) * 5400), subject: 'Re: My order', ...body };
  });
  return { ...common(n, tagged ? lang : undefined), channel: 'email', messages };
}

function call(
  n: number,
  lang: Language,
  tagged: boolean,
  bad: boolean,
  count: number,
): InteractionEventInput {
  let t = 0.5;
  const segments = turns(lang, count, n, bad).map(([speaker, text]) => {
    const startSec = Math.round(t * 10) / 10;
    const endSec = Math.round((t + 2 + text.length / 15) * 10) / 10;
    // Bad calls have long silences after the agent and the customer talking over the agent.
    t = bad ? endSec + (speaker === 'agent' ? 14.2 : -1.5) : endSec + 0.4;
    return { speaker, startSec, endSec, text, confidence: 0.9 };
  });
  return {
    ...common(n, tagged ? lang : undefined),
    channel: 'call',
    segments,
    durationSec: Math.ceil(t + 1),
  };
}

/** Every channel in every language, tagged and not, good and bad, parsed by the real schema. */
export function warmUpEvents(): InteractionEvent[] {
  const raw: InteractionEventInput[] = [];
  let n = 0;
  for (const lang of ['en', 'da'] as const) {
    for (const tagged of [true, false]) {
      for (const bad of [false, true]) {
        raw.push(chat(n++, lang, tagged, bad, 4), chat(n++, lang, tagged, bad, 13));
        raw.push(email(n++, lang, tagged, bad, true), email(n++, lang, tagged, bad, false));
        raw.push(call(n++, lang, tagged, bad, 6), call(n++, lang, tagged, bad, 17));
      }
    }
  }
  raw.push(
    chat(n++, 'de', false, false, 4),
    email(n++, 'de', true, true, true),
    call(n++, 'de', false, false, 4),
  );
  // A curt agent who neither greets nor closes, answering late.
  raw.push({
    ...common(n++, 'en'),
    channel: 'chat',
    messages: [
      { role: 'customer', sentAt: at(0), text: LINES.en.customer[0] },
      ...LINES.en.bad.map((text, k) => ({ role: 'agent' as const, sentAt: at(600 + k * 60), text })),
    ],
  });
  // Too little text to tell the language: the policy's fallback decides.
  raw.push({
    ...common(n++, undefined),
    channel: 'chat',
    messages: [
      { role: 'customer', sentAt: at(0), text: 'ok' },
      { role: 'agent', sentAt: at(40), text: '👍' },
    ],
  });
  return raw.map((e) => InteractionEvent.parse(e));
}
