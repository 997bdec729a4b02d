/**
 * A seeded mix of conversations in which the agent is courteous, neutral and professional: the
 * wording real help desks use (booking and order codes, apologies, empathy, "you should have
 * received", the customer's words repeated back), with customers from calm to upset. Every agent
 * turn is one a manager would not want flagged, so any medium or high tone flag here is a false
 * alarm. Written as a check on false alarms, not as training material.
 */
import { InteractionEvent } from '@rapport/schemas';
import { seededRandom } from '../../src/text/random.js';

type Lang = 'en' | 'da';
type Slots = Record<string, () => string>;

const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const up = (r: () => number, n: number) =>
  Array.from({ length: n }, () => letters[Math.floor(r() * letters.length)]).join('');
const digits = (r: () => number, n: number) =>
  Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('');
const mixed = (r: () => number, n: number) =>
  Array.from({ length: n }, () =>
    r() < 0.5 ? letters[Math.floor(r() * letters.length)] : String(Math.floor(r() * 10)),
  ).join('');
const AIRPORTS = ['CPH', 'LHR', 'AAL', 'BLL', 'OSL', 'ARN', 'JFK', 'CDG', 'AMS', 'FRA', 'HEL', 'KEF'];

function slots(r: () => number): Slots {
  const ap = () => AIRPORTS[Math.floor(r() * AIRPORTS.length)] as string;
  return {
    flight: () => `${up(r, 2)}${digits(r, 3 + Math.floor(r() * 2))}`,
    pnr: () => mixed(r, 6),
    order: () => `${up(r, 2)}${digits(r, 2)}${up(r, 2)}`,
    route: () => `${ap()}-${ap()}`,
    ticket: () => `INC${digits(r, 6)}`,
    sku: () => `${up(r, 3)}-${digits(r, 4)}`,
    date: () => `${1 + Math.floor(r() * 28)}/${1 + Math.floor(r() * 12)}`,
    amount: () => String(50 + Math.floor(r() * 900)),
  };
}

const AGENT: Record<Lang, readonly string[]> = {
  en: [
    'Hi, thanks for reaching out. I can see booking {pnr} on flight {flight} from {route}.',
    "I'm so sorry for the inconvenience. I have rebooked you on {flight} tomorrow morning.",
    'I understand how frustrating this must be, and I apologise for the delay.',
    'I regret to inform you that flight {flight} has been cancelled due to weather.',
    "I'm afraid the fare on {pnr} is non-refundable, but I can offer you a travel voucher instead.",
    'We are sorry for the disappointment this has caused. A refund of {amount} EUR is on its way.',
    'You should have received a confirmation email for order {order}. Could you check your spam folder?',
    'You should have received a text message with a new PIN code.',
    'You should receive the replacement within 3-5 business days.',
    'Your order {order} (item {sku}) was shipped on {date} with DHL.',
    'I have opened case {ticket} for you, and our technical team will look at it today.',
    'Sorry about that! The link has expired, so I have sent you a new one.',
    'Apologies for the mix-up. I have corrected the address on order {order}.',
    "That's completely understandable. Let me look into it right away.",
    'I can see why that was confusing. The charge of {amount} DKK is a pre-authorisation, not a payment.',
    'You mentioned the app "keeps crashing" when you open it. Which phone model are you using?',
    'You said the product arrived damaged. I am very sorry about that; could you send a photo?',
    'Unfortunately the seat upgrade on {flight} is no longer available.',
    'I completely understand your frustration, and I will make sure this is sorted out.',
    'No problem at all. Your new boarding pass for {route} is attached.',
    'Please note that check-in for {flight} closes 45 minutes before departure.',
    'Thank you for your patience while I checked this with our baggage team.',
    'Your bag tag {order} shows that the suitcase is in {route} transit and should arrive tonight.',
    'It is a shame the hotel did not have your booking; I have contacted them directly.',
    'I am sorry you had a bad experience with our courier. That is not the service we aim for.',
    'Have a wonderful trip, and do not hesitate to contact us if there is anything else.',
    'Is there anything else I can help you with today?',
    'Thanks for your patience, and have a great day!',
    'The error message ERR_CONNECTION_RESET usually means the router needs a restart.',
    'Could you please confirm the last four digits of the card used for {pnr}?',
  ],
  da: [
    'Hej, tak fordi du skrev. Jeg kan se din booking {pnr} på fly {flight} fra {route}.',
    'Jeg beklager ulejligheden. Jeg har ombooket dig til {flight} i morgen tidlig.',
    'Jeg forstår godt, at det er frustrerende, og jeg beklager forsinkelsen.',
    'Desværre er fly {flight} aflyst på grund af vejret.',
    'Jeg er ked af at måtte sige, at billetten {pnr} ikke kan refunderes, men jeg kan tilbyde et rejsebevis.',
    'Vi beklager den skuffelse, det har givet. Du får {amount} kr. refunderet.',
    'Du skulle have modtaget en bekræftelse på mail for ordre {order}. Vil du tjekke din spam-mappe?',
    'Du burde have fået en sms med en ny pinkode.',
    'Din ordre {order} (vare {sku}) blev sendt den {date} med PostNord.',
    'Jeg har oprettet sag {ticket}, og vores tekniske afdeling kigger på det i dag.',
    'Undskyld! Linket er udløbet, så jeg har sendt dig et nyt.',
    'Beklager forvirringen. Jeg har rettet adressen på ordre {order}.',
    'Det forstår jeg godt. Jeg undersøger det med det samme.',
    'Du skrev, at varen kom i stykker. Det er jeg virkelig ked af; vil du sende et billede?',
    'Det er ærgerligt, at hotellet ikke havde din booking. Jeg har kontaktet dem.',
    'Jeg er ked af, at du har haft en dårlig oplevelse med vores fragtfirma.',
    'Husk, at indtjekningen til {flight} lukker 45 minutter før afgang.',
    'Tak for din tålmodighed, mens jeg tjekkede det med bagageafdelingen.',
    'Ingen problemer. Dit nye boardingkort til {route} er vedhæftet.',
    'Er der andet, jeg kan hjælpe med i dag?',
    'Hav en rigtig god dag!',
    'Fejlkoden ERR_CONNECTION_RESET betyder som regel, at routeren skal genstartes.',
  ],
};

const CUSTOMER: Record<Lang, readonly string[]> = {
  en: [
    'Hi, my flight {flight} was cancelled and I need to get to {route} today.',
    'Where is my order {order}? It was supposed to arrive last week.',
    'I never got the confirmation email.',
    'This is the third time I am writing about this and I am really frustrated.',
    'The product is garbage, it broke after two days.',
    'Ok, thanks.',
    'My booking reference is {pnr}.',
    'Can I get a refund for {pnr}?',
    'Silly me, I typed the wrong email address.',
    'Great, thank you so much!',
    'The app keeps crashing when I open it.',
    'Why was I charged {amount} DKK twice?',
  ],
  da: [
    'Hej, mit fly {flight} er aflyst, og jeg skal til {route} i dag.',
    'Hvor er min ordre {order}? Den skulle være kommet i sidste uge.',
    'Jeg har aldrig fået bekræftelsen.',
    'Det er tredje gang, jeg skriver om det her, og jeg er virkelig frustreret.',
    'Varen gik i stykker efter to dage.',
    'Ok, tak.',
    'Mit bookingnummer er {pnr}.',
    'Kan jeg få pengene tilbage for {pnr}?',
    'Super, mange tak!',
    'Hvorfor har I trukket {amount} kr. to gange?',
  ],
};

function fill(template: string, s: Slots): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (s[k] ? s[k]() : k));
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

/** `size` chats of 4-10 messages alternating customer and agent, 60% English, 40% Danish. */
export function courteousMix(seed: number, size: number): InteractionEvent[] {
  const r = seededRandom(seed);
  const s = slots(r);
  const base = Date.parse('2025-06-02T08:00:00Z');
  const out: InteractionEvent[] = [];
  for (let i = 0; i < size; i++) {
    const lang: Lang = r() < 0.6 ? 'en' : 'da';
    const n = 4 + 2 * Math.floor(r() * 4);
    let t = base + i * 3_600_000;
    const messages = [];
    for (let k = 0; k < n; k++) {
      const role = k % 2 === 0 ? 'customer' : 'agent';
      t += 20_000 + Math.floor(r() * 40_000);
      const text = fill(pick(r, role === 'agent' ? AGENT[lang] : CUSTOMER[lang]), s);
      messages.push({ role, sentAt: new Date(t).toISOString(), text });
    }
    out.push(
      InteractionEvent.parse({
        schemaVersion: 1,
        interactionId: `courteous-${i}`,
        revision: 1,
        tenantId: 'eval',
        occurredAt: new Date(base + i * 3_600_000).toISOString(),
        language: lang,
        agent: { id: `ag-${i % 20}`, teamId: 'support' },
        customer: { id: `cu-${i}` },
        source: { system: 'eval-tone' },
        channel: 'chat',
        messages,
      }),
    );
  }
  return out;
}
