import { LEXICON_SETS, type SupportedLanguage } from '../lexicons/index.js';

/**
 * Words that never make a customer topic on their own. They add to each lexicon's stopwords
 * (which are tuned for matching a question to its answer) what a keyphrase must also skip:
 * greetings and sign-offs, time words, filler verbs and the help desk's generic nouns
 * ("problem", "henvendelse"), so the topic is the thing the customer asks about.
 *
 * `natural` ships no Danish stopwords, so the Danish list is written here: function words
 * (pronouns, articles, prepositions, conjunctions, auxiliaries and modal verbs in their common
 * forms), adverbs and particles of spoken Danish ("jo", "altså", "lige"), greetings and e-mail
 * conventions ("mvh", "vh", "sv"), time words and generic help-desk nouns. Kept small on purpose:
 * a content word wrongly listed here is lost from every topic report.
 */
/** Splits a whitespace-separated word list (easier to read and review than an array literal). */
const words = (list: string): readonly string[] => list.split(/\s+/).filter((w) => w !== '');

const KEYPHRASE_STOPWORDS: Readonly<Record<SupportedLanguage, readonly string[]>> = {
  en: [
    // function words beyond the lexicon's list
    ...words(`
      he she him her his hers they them their theirs myself yourself ourselves themselves itself mine
      ours being having doing into onto over under after before since until while during through
      between against without within because though although whether either neither nor both each
      every other another such same own only even ever never always often sometimes already soon later
      ago too quite rather almost maybe perhaps actually basically literally probably definitely
      exactly simply anyway however otherwise instead via per etc more most less least few lot lots
      bit thing stuff nothing everything someone anyone everyone somebody anybody nobody somewhere
      anywhere everywhere whatever whenever wherever whose out off down back away around well good
      great fine sure right new old first last next two three must shall cannot gonna wanna able
    `),
    // filler verbs
    ...words(`
      say said says go goes went gone going come came coming take took taken give gave given see saw
      seen look looked looking seem seems think thought hope hoping wonder wondering try tried trying
      wanted needed needs wants knew known made making getting gets keep kept put find found feel felt
      mean told asked ask let lets happen happened happening appreciate regarding concerning
    `),
    // greetings, courtesy, assent and e-mail conventions
    ...words(`
      dear regards kind best cheers sincerely thx pls plz sorry morning afternoon evening fwd team sir
      madam mr mrs ms perfect amazing brilliant awesome lovely nice cool alright excellent fantastic
    `),
    // time words
    ...words(`
      today yesterday tomorrow tonight day days week weeks month months year years hour hours minute
      minutes time times monday tuesday wednesday thursday friday saturday sunday weekend january
      february march april june july august september october november december
    `),
    // numbers and currencies: read out digit by digit on calls they can spell an account or card
    ...words(`
      zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
      sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
      hundred thousand million second third fourth fifth sixth seventh eighth ninth tenth eleventh
      twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
      thirtieth dkk eur usd gbp sek nok euro euros dollar dollars pound pounds
    `),
    // the help desk's generic nouns
    ...words(`
      issue issues problem problems question questions query request help support customer info
      information reply response message
    `),
  ],
  da: [
    // pronouns and determiners
    ...words(`
      han hun ham hende vi dem deres hans hendes dens dets sin sit sine denne dette disse selv alle
      alt andre nogle ingen intet hver hvert hvilket sådan sådant sådanne man dér her hvem
    `),
    // prepositions and conjunctions
    ...words(`
      under over efter før inden hos mod imod uden gennem igennem mellem omkring siden indtil ud ind
      op ned hen fordi end både enten hverken samt mens selvom skønt angående vedrørende ifm
    `),
    // auxiliaries and filler verbs
    ...words(`
      været havde haft måtte blevet fået gjort går gå gik gået kommer komme kom kommet siger sige
      sagde sagt synes syntes tror troede vidste se ser set prøve prøvet prøvede prøver ønsker ønske
      vil gerne kan burde står stå lave lavet tage tager tog taget give giver gav givet finde finder
      fandt fundet høre hører spørge spørger spurgte skrive skriver skrev skrevet
    `),
    // adverbs and particles
    ...words(`
      ikke kun allerede endnu altså faktisk egentlig måske sikkert godt helt rigtig rigtigt virkelig
      mest lidt aldrig altid tit ofte snart senere hurtigt bl fx osv dvs ca evt pga mht ok okay jamen
      nå nåh ellers derfor dog heller hvorefter frem tilbage videre væk hele
    `),
    // greetings, courtesy, assent and e-mail conventions
    ...words(`
      hejsa goddag dav davs kære venlig venlige hilsen hilsner mvh vh undskyld tusind takker fw vedr
      emne svar super perfekt dejligt dejlig fint fedt nemt skønt
    `),
    // time words
    ...words(`
      dag dage dagen uge uger ugen måned måneder måneden år året time timer minut minutter gang gange
      gangen igår idag imorgen morgen aften mandag tirsdag onsdag torsdag fredag lørdag søndag weekend
      weekenden mandags tirsdags onsdags torsdags fredags lørdags søndags januar februar marts april
      maj juni juli august september oktober november december
    `),
    // numbers and currencies (compounds such as "enogtyve" are caught by DA_COMPOUND_NUMBER)
    ...words(`
      nul en et to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten seksten sytten
      atten nitten tyve tredive fyrre halvtreds tres halvfjerds firs halvfems hundrede tusind
      million første anden tredje fjerde femte sjette syvende ottende niende tiende dkk kr kroner
      øre eur euro
    `),
    // the help desk's generic nouns
    ...words(`
      problem problemer problemet spørgsmål spørgsmålet sag sagen henvendelse henvendelsen besked
      beskeden kunde kundeservice info
    `),
  ],
};

export const KEYPHRASE_STOPWORD_SETS: Readonly<Record<SupportedLanguage, ReadonlySet<string>>> = {
  en: new Set([...LEXICON_SETS.en.stopwords, ...KEYPHRASE_STOPWORDS.en]),
  da: new Set([...LEXICON_SETS.da.stopwords, ...KEYPHRASE_STOPWORDS.da]),
};

/** Danish numbers from 21 to 99 are written as one word: "enogtyve", "femogfyrre". */
export const DA_COMPOUND_NUMBER =
  /^(?:en|to|tre|fire|fem|seks|syv|otte|ni)og(?:tyve|tredive|fyrre|halvtreds|tres|halvfjerds|firs|halvfems)/;

/** Danish street names ("Industrivej", "Søndergade"): part of an address, not a topic. */
export const DA_STREET_SUFFIX = /.(?:vej|gade|stræde|allé|vænget|boulevard|torv)$/;
