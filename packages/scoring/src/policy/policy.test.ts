import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  EXAMPLE_KNOWLEDGE_BASE,
  FLAG_CATALOG,
  loadKnowledgeBase,
  loadPolicy,
  parsePolicy,
  ScoringError,
} from '../index.js';

function errorOf(fn: () => unknown): ScoringError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScoringError) return e;
    throw e;
  }
  throw new Error('expected a ScoringError');
}

describe('policy loading', () => {
  it('ships a valid default policy with greeting, closing and disclosure requirements', () => {
    expect(DEFAULT_POLICY.id).toBe('default');
    expect(DEFAULT_POLICY.phrases.required.map((r) => r.flag)).toEqual([
      'compliance.missing_greeting',
      'compliance.missing_closing',
      'compliance.missing_recording_disclosure',
    ]);
    expect(EXAMPLE_KNOWLEDGE_BASE.facts.map((f) => f.id)).toContain('refund-window');
  });

  it('accepts a minimal policy and fills defaults', () => {
    const p = parsePolicy({ id: 'p', version: '1' });
    expect(p.thresholds.responsiveness.deadAirSec).toBe(10);
    expect(p.reviewThreshold).toBe('medium');
    expect(p.storage.transcripts).toBe('flagged');
  });

  it('reads YAML', () => {
    const p = loadPolicy(
      'id: acme\nversion: "2"\nreviewThreshold: high\nthresholds:\n  responsiveness:\n    deadAirSec: 15\n',
    );
    expect([p.id, p.reviewThreshold, p.thresholds.responsiveness.deadAirSec]).toEqual(['acme', 'high', 15]);
  });

  it('names the bad field', () => {
    const e = errorOf(() =>
      loadPolicy('{"id":"p","version":"1","thresholds":{"responsiveness":{"deadAirSec":-1}}}'),
    );
    expect(e.code).toBe('POLICY_INVALID');
    expect(e.message).toContain('thresholds.responsiveness.deadAirSec');
    expect(e.issues[0]?.path).toBe('thresholds.responsiveness.deadAirSec');
    expect(
      errorOf(() =>
        parsePolicy({ id: 'p', version: '1', rules: { 'tone.condesension': { enabled: false } } }),
      ).issues[0]?.path,
    ).toBe('rules.tone.condesension');
    expect(
      errorOf(() => parsePolicy({ id: 'p', version: '1', thresholds: { tone: { shoutingWords: 3 } } }))
        .message,
    ).toContain('thresholds.tone');
    expect(errorOf(() => loadPolicy('{not json')).code).toBe('POLICY_INVALID');
  });
});

describe('knowledge base loading', () => {
  it('names the bad field of a fact', () => {
    const e = errorOf(() =>
      loadKnowledgeBase(
        '{"id":"kb","version":"1","facts":[{"id":"x","description":"d","kind":"duration","value":3,"keywords":{"en":["a"]}}]}',
      ),
    );
    expect(e.code).toBe('KB_INVALID');
    expect(e.issues[0]?.path).toBe('facts.0.unit');
  });
});

describe('flag catalog', () => {
  it('has exactly the contract codes, each with a dimension and a plain description', () => {
    expect(FLAG_CATALOG.map((f) => f.code)).toEqual([
      'tone.condescension',
      'tone.rudeness',
      'tone.profanity',
      'tone.dismissive',
      'tone.blame',
      'tone.shouting',
      'tone.excessive_punctuation',
      'tone.negative_sentiment',
      'tone.abusive_customer',
      'tone.customer_frustration',
      'politeness.impolite',
      'accuracy.hedging',
      'accuracy.overpromise',
      'accuracy.contradiction',
      'accuracy.kb_mismatch',
      'accuracy.customer_correction',
      'accuracy.unanswered_question',
      'clarity.low_readability',
      'clarity.jargon',
      'clarity.customer_confusion',
      'responsiveness.slow_first_response',
      'responsiveness.long_wait',
      'responsiveness.dead_air',
      'responsiveness.overtalk',
      'responsiveness.talk_ratio',
      'compliance.missing_greeting',
      'compliance.missing_closing',
      'compliance.missing_recording_disclosure',
      'compliance.forbidden_phrase',
      'compliance.pii_exposed',
      'compliance.pii_customer_shared',
    ]);
    for (const f of FLAG_CATALOG) expect(f.code.startsWith(`${f.dimension}.`)).toBe(true);
  });
});
