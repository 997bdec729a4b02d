import { describe, expect, it } from 'vitest';
import { stemDanish } from './danish-stemmer.js';
import { topicKey } from './stem.js';

describe('stemDanish', () => {
  it.each([
    [['pakke', 'pakken', 'pakker', 'pakkerne'], 'pak'],
    [['levering', 'leveringen'], 'levering'],
    [['abonnement', 'abonnementet', 'abonnementer'], 'abonnement'],
    [['faktura', 'fakturaen', 'fakturaer'], 'faktura'],
    [['router', 'routeren'], 'rout'],
    [['forbindelse', 'forbindelsen'], 'forbind'],
    [['adgangskode', 'adgangskoden'], 'adgangskod'],
    [['venlig', 'venligst'], 'ven'],
  ])('%j -> %s', (words, stem) => {
    expect(words.map(stemDanish)).toEqual(words.map(() => stem));
  });

  it('leaves short words and words without a region to strip alone', () => {
    expect(['tv', 'app', 'løst', 'bestilt'].map(stemDanish)).toEqual(['tv', 'app', 'løst', 'bestilt']);
  });
});

describe('topicKey', () => {
  it('stems each word in the interaction language', () => {
    expect(topicKey('late delivery', 'en')).toBe('late deliveri');
    expect(topicKey('late deliveries', 'en')).toBe('late deliveri');
    expect(topicKey('nye router', 'da')).toBe('nye rout');
    expect(topicKey('Paket', 'de')).toBe('paket');
  });
});
