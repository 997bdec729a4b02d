/**
 * Version of the scoring engine, stored with every score. Bump the minor version when a rule or
 * lexicon changes scores, the major when output fields change meaning.
 */
export const ENGINE_VERSION = '2.0.0';
