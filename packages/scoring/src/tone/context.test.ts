import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { identifierTokens } from './identifiers.js';
import { quotedRanges } from './own-words.js';
import { addressesYou, targetOf } from './targeting.js';

function ids(text: string): string[] {
  const tokens = tokenize(text);
  const marks = identifierTokens(text, tokens);
  return tokens.filter((_, i) => marks[i] !== 0).map((t) => text.slice(t.start, t.end));
}

describe('identifierTokens', () => {
  it('marks codes with digits, glued code parts and labels beside a code', () => {
    expect(ids('Flight SK1234 from CPH-LHR, booking PNR X7Y2Z, order AB12CD.')).toEqual([
      'SK1234',
      'CPH',
      'LHR',
      'PNR',
      'X7Y2Z',
      'AB12CD',
    ]);
    expect(ids('The error ERR_CONNECTION_RESET means a restart.')).toEqual(['ERR', 'CONNECTION', 'RESET']);
  });

  it('leaves ordinary capitalised words alone', () => {
    expect(ids('YOU NEED TO UNPLUG THE POWER CABLE. Ask DHL or GLS.')).toEqual([]);
  });
});

describe('quotedRanges', () => {
  const quoted = (text: string) => quotedRanges(text).map(([a, b]) => text.slice(a, b));

  it('finds double, typographic and Danish quotes', () => {
    expect(quoted('You said the product is "garbage" and “useless”.')).toEqual(['garbage', 'useless']);
    expect(quoted('Du skrev »elendig service« i din mail.')).toEqual(['elendig service']);
  });

  it('treats single quotes as quotes only around words, never apostrophes', () => {
    expect(quoted("You called it 'a joke', and I don't blame you.")).toEqual(['a joke']);
    expect(quoted("The customers' orders aren't lost.")).toEqual([]);
  });

  it('does not run an unclosed quote across lines', () => {
    expect(quoted('He said "hello\nand then "bye"')).toEqual(['bye']);
  });
});

describe('targetOf', () => {
  const target = (text: string, word: string, lang: 'en' | 'da' = 'en') => {
    const tokens = tokenize(text);
    const i = tokens.findIndex((t) => t.norm === word);
    return targetOf(tokens, i, i + 1, lang);
  };

  it('tells the customer from the speaker and from a thing', () => {
    expect(target('You are an idiot.', 'idiot')).toBe('customer');
    expect(target('You people are useless.', 'useless')).toBe('customer');
    expect(target("I'm an idiot, I sent the wrong link.", 'idiot')).toBe('self');
    expect(target('My bad, stupid of me.', 'stupid')).toBe('self');
    expect(target('This stupid printer jammed again.', 'stupid')).toBe('thing');
    expect(target('Du er en idiot.', 'idiot', 'da')).toBe('customer');
    expect(target('Jeg er en idiot, undskyld.', 'idiot', 'da')).toBe('self');
    expect(target('Det dumme system driller.', 'dumme', 'da')).toBe('thing');
  });

  it('says none when the clause names no one', () => {
    expect(target('Idiot.', 'idiot')).toBe('none');
  });
});

describe('targetOf: the person named in the clause outweighs a determiner', () => {
  const target = (text: string, word: string) => {
    const tokens = tokenize(text);
    const i = tokens.findIndex((t) => t.norm === word);
    return targetOf(tokens, i, i + 1, 'en');
  };

  it('reads "you are the most useless" as aimed at the customer', () => {
    expect(target('You are the most useless customer today.', 'useless')).toBe('customer');
  });

  it('reads a thing described as useless as a thing', () => {
    expect(target('The old voucher is useless now, so I sent a new one.', 'useless')).toBe('thing');
  });

  it('stops at the clause boundary', () => {
    expect(target('You asked. Idiot.', 'idiot')).toBe('none');
  });
});

describe('addressesYou', () => {
  const at = (text: string, word: string, lang: 'en' | 'da' = 'en') => {
    const tokens = tokenize(text);
    const i = tokens.findIndex((t) => t.norm === word);
    return addressesYou(tokens, i, i + 1, lang);
  };

  it('is true for "you" right before or inside the words, and Danish "din"', () => {
    expect(at('Listen, you idiot.', 'idiot')).toBe(true);
    expect(at('Hør her, din idiot.', 'idiot', 'da')).toBe(true);
  });

  it('is false for an English possessive or a "you" further away', () => {
    expect(at('What is the status of your order?', 'order')).toBe(false);
    expect(at('If you pay by card, the order ships today.', 'order')).toBe(false);
  });
});
