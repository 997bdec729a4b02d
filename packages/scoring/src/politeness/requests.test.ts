import { describe, expect, it } from 'vitest';
import { LEXICON_SETS } from '../lexicons/index.js';
import { sentencesOf } from '../text/sentences.js';
import { tokenize } from '../text/tokenize.js';
import { MARKERS } from './markers.js';
import { readSentence, type SentenceReading } from './requests.js';

function read(text: string, lang: 'en' | 'da' = 'en'): SentenceReading[] {
  const tokens = tokenize(text);
  return sentencesOf(text, tokens).map((s) =>
    readSentence(tokens, s, lang, LEXICON_SETS[lang].imperativeVerbs),
  );
}

const markers = (text: string, lang: 'en' | 'da' = 'en') =>
  MARKERS[lang].match(tokenize(text)).map((m) => [m.payload, text.slice(m.start, m.end)]);

describe('readSentence', () => {
  it('tells statements, questions and commands apart', () => {
    expect(read('The repair usually takes 5 days. Is that ok? Send the receipt.').map((r) => r.kind)).toEqual(
      ['statement', 'question', 'command'],
    );
  });

  it('sees softeners and haste anywhere in the request', () => {
    expect(read('Please send the receipt.')).toEqual([{ kind: 'command', softened: true, urgent: false }]);
    expect(read('Send it if you can.')).toEqual([{ kind: 'command', softened: true, urgent: false }]);
    expect(read('Send it now.')).toEqual([{ kind: 'command', softened: false, urgent: true }]);
    expect(read('Could you check it?')).toEqual([{ kind: 'question', softened: true, urgent: false }]);
  });

  it('reads Danish commands and softeners', () => {
    expect(read('Send kvitteringen nu.', 'da')).toEqual([{ kind: 'command', softened: false, urgent: true }]);
    expect(read('Send venligst kvitteringen.', 'da')).toEqual([
      { kind: 'command', softened: true, urgent: false },
    ]);
    expect(read('Din ordre er afsendt.', 'da')).toEqual([
      { kind: 'statement', softened: false, urgent: false },
    ]);
  });
});

describe('politeness markers', () => {
  it('finds warmth, talking down and sarcasm with their words', () => {
    expect(markers("Let me know if you need anything. As I already said, it's not that hard.")).toEqual([
      ['offer', 'Let me know'],
      ['offer', 'if you need anything'],
      ['talking_down', 'As I already said'],
      ['talking_down', "it's not that hard"],
    ]);
    expect(markers('Thanks for nothing. Good luck with that.')).toEqual([
      ['sarcasm', 'Thanks for nothing'],
      ['sarcasm', 'Good luck with that'],
    ]);
  });

  it('leaves helpful instructions and plain references alone', () => {
    for (const text of [
      'You can read the guide in the app, and you should know the refund takes 5 days.',
      'As I mentioned, your refund is on its way.',
      'How many times did it happen?',
      'Please pay attention to the expiry date.',
      'Let me repeat your order number.',
      'What part of the app shows the error?',
      'Make sure you did restart it.',
      "I'll do some research and get back to you.",
      "If you don't understand any part of the bill, I can explain it.",
    ])
      expect(markers(text), text).toEqual([]);
  });

  it('knows Danish warmth and talking down', () => {
    expect(markers('Som jeg allerede har sagt, er den sendt. Hav en god dag!', 'da')).toEqual([
      ['talking_down', 'Som jeg allerede har sagt'],
      ['wellwish', 'Hav en god dag'],
    ]);
  });
});
