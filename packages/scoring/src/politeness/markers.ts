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
    'as i (already|previously|just) said|mentioned|explained|stated|wrote|told_you',
    'like i (already) said',
    'i (already) told you',
    'i already explained',
    'you need|have|must to understand',
    'you must understand',
    'you need to listen',
    'as you should know',
    "you don't|do_not|dont understand",
    "you just don't|do_not get it",
    'you clearly',
    'clearly you',
    'obviously',
    "it's|it_is|its (really|actually) not (that) hard|difficult|complicated",
    'simple as that',
    'with all due respect',
    'no offense|offence',
    'calm down',
    'pay attention',
    'listen carefully',
    'read it again',
    'read my|the message|email|answer again|carefully',
    'let me repeat',
    "i'll|i_will repeat",
    'for the last time',
    'how many times',
    'per my last|previous email|message',
    'as per my last|previous email|message',
    "that's|that_is|it's|it_is not my problem|job|fault",
    'not rocket science',
    'do your homework|research',
    'do some research',
    'educate yourself',
    'learn to read',
    'try reading',
    'what part of',
    "what don't|do_not you understand",
    "you don't|do_not seem to understand",
    "i'm|i_am not sure you understand",
    "you're|you_are missing the point",
    'you missed the point',
    'do you even know|understand|read',
    'you do realize|realise',
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
    "i'm|i_am sure you did",
    'sure you did',
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
    'som jeg (allerede|tidligere) har sagt|skrevet|forklaret|nævnt',
    'som jeg sagde|skrev',
    'jeg har allerede sagt|skrevet|forklaret',
    'du skal|må forstå',
    'det burde du vide',
    'det er da indlysende',
    'indlysende',
    'slap (nu) af',
    'læs nu',
    'hør nu',
    'for sidste gang',
    'hvor mange gange',
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
