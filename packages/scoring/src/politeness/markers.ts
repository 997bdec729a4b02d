/**
 * Politeness markers of an agent's reply that the request model cannot see because they are not
 * requests: offers of help and well-wishing (warmth), talking down and sarcasm (impoliteness).
 * The word lists are this project's own, written from what a help-desk manager would coach; the
 * tone lexicon (src/lexicons) covers rudeness, insults and more talking down, and the politeness
 * dimension reads those matches too.
 *
 * Phrase syntax: see text/phrases.ts.
 */
import type { SupportedLanguage } from '../lexicons/index.js';
import { PhraseMatcher } from '../text/phrases.js';

export const MARKER_KINDS = ['offer', 'wellwish', 'talking_down', 'sarcasm'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

const EN: Record<MarkerKind, readonly string[]> = {
  offer: [
    'let me|us know',
    'feel free',
    "don't|do_not hesitate",
    'happy|glad|pleased to help|assist',
    "i'd|i_would|i'll|i_will|we'd|we_would|we'll|we_will be (more_than) happy|glad",
    "i'm|i_am|we're|we_are (more_than) happy|glad to",
    'how can|may i|we help|assist',
    'anything else i|we can',
    'is there anything else',
    'if you need anything',
    'if you have any (other|more|further) questions',
    'here to help',
    'my pleasure',
    "you're|you_are (very|most) welcome",
  ],
  wellwish: [
    'have a nice|good|great|wonderful|lovely|fantastic day|evening|weekend|week|one',
    'enjoy your|the',
    'take care',
    'all the best',
    'best wishes',
    'kind|warm|best regards',
    'stay safe',
    'hope this|that helps',
    'i hope you',
  ],
  talking_down: [
    // "As I mentioned, your refund is on its way" is a plain reference: only the insisting forms.
    'as i already|just said|mentioned|explained|stated|wrote|told_you',
    'as i said|told_you',
    'like i (already) said',
    'i already told|explained (you|this|that|it)',
    'you need|have|must to understand',
    'you must understand',
    'you need to listen',
    'as you should know',
    "you just don't|do_not get it",
    "you don't|do_not seem to understand",
    "i'm|i_am not sure you understand",
    "what don't|do_not you understand",
    "you're|you_are missing the point",
    'you missed the point',
    'do you even know|understand|read',
    'you do realize|realise',
    'you clearly',
    'clearly you',
    'obviously',
    "it's|it_is|its (really|actually) not (that) hard|difficult|complicated",
    'not rocket science',
    'with all due respect',
    'no offense|offence',
    'calm down',
    'for the last time',
    'how many times do|must|have i|we',
    'per my last|previous email|message',
    'as per my last|previous email|message',
    "that's|that_is|it's|it_is not my problem|job|fault",
    'do your homework|research',
    'educate yourself',
    'learn to read',
    'try reading',
    'get a clue',
    'grow up',
    'get over it',
    'news flash',
    'you people',
    'sweetie|sweetheart',
  ],
  sarcasm: [
    'thanks|thank_you for nothing',
    'good luck with that',
    'nice try',
    'yeah right',
    'big|what_a surprise',
    'if you say so',
    'must be nice',
    '^seriously$',
  ],
};

const DA: Record<MarkerKind, readonly string[]> = {
  offer: [
    'sig|skriv endelig (til)',
    'du er (meget) velkommen til at',
    'tøv ikke med',
    'jeg|vi hjælper gerne',
    'hjælper (dig) gerne',
    'kan jeg|vi hjælpe med andet|mere',
    'er der andet|mere jeg|vi kan',
    'selv tak',
    'velbekomme',
  ],
  wellwish: [
    "hav|ha|ha' en god|dejlig|fortsat_god dag|aften|weekend|uge",
    'god dag|weekend|aften|fornøjelse|bedring',
    'med venlig hilsen',
    'venlig|venlige hilsen|hilsner',
    'de bedste hilsner',
    'pas på dig selv',
    'håber det hjælper',
  ],
  talking_down: [
    'som jeg allerede har sagt|skrevet|forklaret|nævnt',
    'jeg har allerede sagt|skrevet|forklaret',
    'du skal|må forstå',
    'det burde du vide',
    'det er da indlysende',
    'indlysende',
    'slap (nu) af',
    'læs nu',
    'hør nu',
    'for sidste gang',
    'hvor mange gange skal jeg|vi',
    'det er ikke mit problem',
  ],
  sarcasm: ['tak for ingenting', 'held og lykke med det', 'ja ja', 'flot forsøg'],
};

const build = (lists: Record<MarkerKind, readonly string[]>): PhraseMatcher<MarkerKind> => {
  const m = new PhraseMatcher<MarkerKind>();
  for (const kind of MARKER_KINDS) m.addAll(lists[kind], kind);
  return m;
};

export const MARKERS: Readonly<Record<SupportedLanguage, PhraseMatcher<MarkerKind>>> = {
  en: build(EN),
  da: build(DA),
};
