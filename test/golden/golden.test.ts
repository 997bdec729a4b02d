/**
 * The golden corpus: every conversation in test/fixtures/golden is scored with the default policy
 * and the example knowledge base, and must raise exactly its expected flag codes. Plus checks on
 * the corpus itself (size, languages, channels, coverage of every flag code).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InteractionEvent } from '@rapport/schemas';
import { DEFAULT_POLICY, EXAMPLE_KNOWLEDGE_BASE, scoreInteraction } from '@rapport/scoring';
import { codeSet, GOLDEN_DIR, GOLDEN_FLAG_CODES, goldenClock, loadGoldenFixtures } from './load-fixtures.js';

const files = readdirSync(GOLDEN_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const fixtures = loadGoldenFixtures();

describe('golden corpus: fixtures', () => {
  it.each(files)('%s parses as an InteractionEvent', (file) => {
    const raw = JSON.parse(readFileSync(join(GOLDEN_DIR, file), 'utf8')) as { event?: unknown };
    const result = InteractionEvent.safeParse(raw.event);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('has at least 80 conversations', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(80);
  });

  it('has at least 25 Danish conversations', () => {
    expect(fixtures.filter((f) => f.language === 'da').length).toBeGreaterThanOrEqual(25);
  });

  it('covers e-mail, chat and call', () => {
    const channels = new Set(fixtures.map((f) => f.event.channel));
    expect([...channels].sort()).toEqual(['call', 'chat', 'email']);
  });

  it('has at least 20 clean conversations (no flags, not flagged)', () => {
    const clean = fixtures.filter((f) => f.expected.flags.length === 0);
    expect(clean.length).toBeGreaterThanOrEqual(20);
    expect(clean.filter((f) => f.expected.flagged)).toEqual([]);
  });

  it.each(GOLDEN_FLAG_CODES)('expects %s in at least two conversations', (code) => {
    const withCode = fixtures.filter((f) => f.expected.flags.includes(code)).map((f) => f.file);
    expect(withCode.length, `fixtures expecting ${code}: ${withCode.join(', ')}`).toBeGreaterThanOrEqual(2);
  });
});

describe('golden corpus: scoring', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('%s', (_, fixture) => {
    const scored = scoreInteraction(fixture.event, {
      policy: DEFAULT_POLICY,
      knowledgeBase: EXAMPLE_KNOWLEDGE_BASE,
      now: goldenClock,
    });
    expect({ flags: codeSet(scored.flags), flagged: scored.flagged }, fixture.description).toEqual(
      fixture.expected,
    );
  });
});
