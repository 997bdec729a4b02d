import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extractFeatures,
  FUNCTION_WORDS,
  PAIR_PREFIX,
  SHAPE_PREFIX,
  STRATEGY_PREFIX,
  WORD_PREFIX,
} from './features.js';
import { EN_STRATEGIES } from './strategies-en.js';
import { compileModel, MODEL_URL, scoreByNames, scoreWithModel, type ModelFile } from './model.js';

const logit = (p: number): number => Math.log(p / (1 - p));

describe('compiled model', () => {
  const raw = JSON.parse(readFileSync(MODEL_URL, 'utf8')) as ModelFile;
  const model = compileModel(raw, 'politeness-en.json');

  it('scores exactly like the named features that training used', () => {
    const texts = [
      'Could you please help me with this? Thanks!',
      'Why did you revert it? Then explain. Why?',
      'the the the , , ,',
      'constructor toString __proto__ hasOwnProperty',
      '',
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...texts),
          fc
            .array(fc.constantFrom('could', 'you', 'thanks', 'why', '?', '!', ' ', '.', 'I', 'the'), {
              maxLength: 30,
            })
            .map((a) => a.join(' ')),
          fc.string({ maxLength: 60 }),
        ),
        (text) => {
          const compiled = logit(scoreWithModel(model, text).probability);
          expect(compiled).toBeCloseTo(scoreByNames(raw, extractFeatures(text).features), 9);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('rejects a file that is not a model', () => {
    expect(() => compileModel({ weights: {} }, 'x.json')).toThrow(/x\.json is not a politeness model/);
    expect(() => compileModel({ ...raw, weights: { 'article revert': 1 } }, 'old.json')).toThrow(
      /old\.json: unknown feature "article revert".*pnpm train:politeness/,
    );
  });

  it('has no topic words: only strategies, request shape and function words', () => {
    const strategies = new Set<string>(EN_STRATEGIES);
    for (const name of Object.keys(raw.weights)) {
      const known =
        (name.startsWith(STRATEGY_PREFIX) && strategies.has(name.slice(STRATEGY_PREFIX.length))) ||
        name.startsWith(SHAPE_PREFIX) ||
        (name.startsWith(WORD_PREFIX) && FUNCTION_WORDS.has(name.slice(WORD_PREFIX.length))) ||
        (name.startsWith(PAIR_PREFIX) &&
          name
            .slice(PAIR_PREFIX.length)
            .split(' ')
            .every((w) => FUNCTION_WORDS.has(w)));
      expect(known, name).toBe(true);
    }
  });

  it('is small and records its training', () => {
    expect(readFileSync(MODEL_URL).byteLength).toBeLessThan(1024 * 1024);
    expect(raw.training.examples).toBe(2176);
  });
});
