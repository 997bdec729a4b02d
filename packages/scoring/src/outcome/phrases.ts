import type { SupportedLanguage } from '../lexicons/index.js';
import { PhraseMatcher } from '../text/phrases.js';

/**
 * What a customer says about how things ended for them. Kept apart from the agent-side lexicons:
 * these phrases describe the customer's outcome and never count against the agent.
 * Pattern syntax: see text/phrases.ts ("!" skips negated matches, "~" lists words that must not follow).
 */
export const OUTCOME_CUES = ['resolved', 'thanks', 'unresolved', 'repeat', 'escalation', 'unmet'] as const;
/** Cues in the customer's words; 'unmet' is read in the agent's. */
const CUSTOMER_CUES = OUTCOME_CUES.filter((c) => c !== 'unmet');
export type OutcomeCue = (typeof OUTCOME_CUES)[number];

export const OUTCOME_PHRASES: Readonly<Record<SupportedLanguage, Record<OutcomeCue, readonly string[]>>> = {
  en: {
    resolved: [
      '!that|it|this worked|works|helped|helps|fixed_it|did_it|did_the_trick|solved_it|sorted_it',
      "!it's|it_is|that's|that_is working|fixed|solved|resolved|sorted",
      '!works|working now',
      '!problem|issue solved|resolved|fixed|sorted',
      "that's|that_is|that_was all i need|needed|wanted",
      "that's|that_is all|everything for_now|for_today",
      'i have|got everything i need|needed',
      'that is all',
      'all set|sorted|good',
      '!very|really|so|most|extremely helpful',
      'perfect',
      'great',
      'excellent',
      'awesome',
      'wonderful',
      'brilliant',
      'sounds good|great|perfect',
    ],
    thanks: ['thank you|u', 'thanks', 'thx', 'cheers', 'appreciate it|that|your_help', 'much appreciated'],
    unresolved: [
      "still not|isn't|doesn't|does_not|won't|can't work|working|fixed|solved|resolved",
      "it|that|this doesn't|does_not|didn't|did_not work|help",
      'not resolved|solved|fixed',
      'thanks for nothing',
      'waste of (my) time',
      'this is useless|pointless',
      'not what i asked|wanted|meant',
      "you didn't|did_not|haven't|have_not answer|answered|helped",
      'never mind',
      'nevermind',
      'forget it',
      'no help',
    ],
    repeat: [
      'asked (you) (this|that) before|earlier',
      'i already asked|said|told_you|wrote|mentioned',
      'as i (already) said|mentioned|wrote|explained|asked',
      'like i (already) said|told_you|asked',
      'i said',
      'i repeat',
      'once again',
      'for the second|third|fourth|last time',
      'how many times',
    ],
    /** Said by the agent: what the customer asked for cannot be had (availability, policy), not how it was said. */
    unmet: [
      'there are|is no|not_any',
      "couldn't|could_not|can't|cannot|can_not find|locate|book|offer",
      'unable to find|locate|book|complete|process|help',
      'not available',
      'no availability|results|matches|match',
      'fully booked',
      'sold out',
      'unfortunately',
      "i'm|i_am afraid",
    ],
    escalation: [
      'speak|talk|speaking|talking to (a|your|the|someone) manager|supervisor|superior|boss|human|person|someone_else|real_person|someone_in_charge',
      'want|like|wish|demand|need to complain|escalate',
      'file|make|lodge|submit|raise a (formal) complaint',
      'escalate this|it',
      'this is going to a complaint',
      'i will|am_going_to|shall cancel my account|subscription|contract',
      'take my business elsewhere',
      'switch|switching|moving to another|a_different provider|company|bank|supplier',
      'report you',
    ],
  },
  da: {
    resolved: [
      'det virker ~ikke',
      'det virker nu|igen ~ikke',
      'nu virker det ~ikke',
      'det hjalp ~ikke',
      'det løste det|problemet|sagen',
      'problemet er løst',
      'det er løst',
      'det var det|alt|alt_jeg_skulle_bruge',
      'så er jeg hjulpet',
      'jeg er hjulpet',
      'perfekt',
      'super',
      'fantastisk',
      'fremragende',
      'glimrende',
      'lyder godt',
    ],
    thanks: ['tak', 'mange tak', 'tusind tak', 'tak for hjælpen', 'takker'],
    unresolved: [
      'det virker (stadig) ikke',
      'virker stadig ikke',
      '(det) hjalp ikke',
      'ikke løst',
      'tak for ingenting|intet',
      'spild af tid',
      'glem det',
      'ligegyldigt',
      'ikke det jeg spurgte om',
      'du svarer ikke på',
      'du har ikke svaret',
    ],
    repeat: [
      'jeg har (jo) allerede spurgt|skrevet|sagt|forklaret',
      'som jeg (jo) (allerede) skrev|sagde|nævnte|forklarede',
      'jeg sagde (jo)',
      'jeg spurgte (jo) før|tidligere',
      'for anden|tredje|fjerde|sidste gang',
      'hvor mange gange',
      'endnu engang',
      'endnu en gang',
    ],
    unmet: [
      'der er ingen|ikke_nogen',
      'jeg kan|kunne ikke finde|booke|gøre|tilbyde|hjælpe',
      'ikke ledig|ledige|tilgængelig|tilgængelige|muligt',
      'ingen ledige',
      'fuldt booket',
      'udsolgt',
      'desværre',
    ],
    escalation: [
      'tale|snakke med (en|din|jeres|den) chef|leder|overordnede|overordnet|ansvarlige|ansvarlig|anden|menneske',
      'jeg vil (gerne) klage',
      'indgive|sende|skrive en (formel) klage',
      'jeg klager',
      'opsiger|siger_op mit|min abonnement|aftale|konto',
      'jeg vil opsige',
      'skifter|flytter til (et|en) andet|anden selskab|udbyder|bank|firma',
      'anmelde jer|dig',
    ],
  },
};

function compile(lang: SupportedLanguage, cues: readonly OutcomeCue[]): PhraseMatcher<OutcomeCue> {
  const m = new PhraseMatcher<OutcomeCue>();
  for (const cue of cues) m.addAll(OUTCOME_PHRASES[lang][cue], cue);
  return m;
}

/** Compiled once at module load, like the engine's other lexicons. */
export const OUTCOME_MATCHERS: Readonly<Record<SupportedLanguage, PhraseMatcher<OutcomeCue>>> = {
  en: compile('en', CUSTOMER_CUES),
  da: compile('da', CUSTOMER_CUES),
};
export const UNMET_MATCHERS: Readonly<Record<SupportedLanguage, PhraseMatcher<OutcomeCue>>> = {
  en: compile('en', ['unmet']),
  da: compile('da', ['unmet']),
};
