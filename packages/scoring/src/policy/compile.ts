import type { Channel, PiiType, Policy } from '@rapport/schemas';
import { flagDefinition, isFlagCode, type FlagCode } from '../flags/catalog.js';
import type { ResolveRule, RuleResolution } from '../flags/collector.js';
import {
  LEXICONS,
  PHRASE_CATEGORIES,
  SUPPORTED_LANGUAGES,
  type PhraseCategory,
  type SupportedLanguage,
} from '../lexicons/index.js';
import { allowKey, type RedactOptions } from '../pii/redact.js';
import { PhraseMatcher } from '../text/phrases.js';

type RequiredPhrase = Policy['phrases']['required'][number];

export interface CompiledRequirement {
  def: RequiredPhrase;
  flag: FlagCode;
  channels: ReadonlySet<Channel>;
  matchers: Partial<Record<SupportedLanguage, PhraseMatcher<string>>>;
}

export interface ForbiddenPayload {
  id: string;
  channels: readonly Channel[];
}

/** A policy turned into what the hot path needs: matchers and lookups built once per policy. */
export interface CompiledPolicy {
  policy: Policy;
  resolve: ResolveRule;
  pii: RedactOptions;
  agentMustNotWrite: ReadonlySet<PiiType>;
  required: CompiledRequirement[];
  /**
   * One matcher per language for the lexicon's phrase categories, the policy's extra jargon and its
   * forbidden phrases: a single pass over each message finds them all.
   */
  matchers: Record<SupportedLanguage, PhraseMatcher<MatchPayload>>;
}

/** What a phrase match stands for: a lexicon category ("jargon" includes the policy's) or a forbidden phrase. */
export type MatchPayload = PhraseCategory | ForbiddenPayload;

const cache = new WeakMap<Policy, CompiledPolicy>();

export function compilePolicy(policy: Policy): CompiledPolicy {
  const cached = cache.get(policy);
  if (cached) return cached;
  const resolutions = new Map<string, RuleResolution>();
  const resolve: ResolveRule = (code) => {
    let r = resolutions.get(code);
    if (!r) {
      const setting = policy.rules[code];
      r = {
        enabled: setting?.enabled ?? true,
        severity: setting?.severity ?? flagDefinition(code).defaultSeverity,
      };
      resolutions.set(code, r);
    }
    return r;
  };
  const required = policy.phrases.required.map((def): CompiledRequirement => {
    const matchers: Partial<Record<SupportedLanguage, PhraseMatcher<string>>> = {};
    for (const lang of SUPPORTED_LANGUAGES) {
      const phrases = def.phrases[lang];
      if (phrases && phrases.length > 0) matchers[lang] = new PhraseMatcher<string>().addAll(phrases, def.id);
    }
    // Unknown flag codes are rejected by loadPolicy; a hand-built policy falls back to the greeting code's dimension.
    const flag: FlagCode = isFlagCode(def.flag) ? def.flag : 'compliance.missing_greeting';
    return { def, flag, channels: new Set(def.channels), matchers };
  });
  const matchers = {} as Record<SupportedLanguage, PhraseMatcher<MatchPayload>>;
  for (const lang of SUPPORTED_LANGUAGES) {
    const m = new PhraseMatcher<MatchPayload>();
    for (const category of PHRASE_CATEGORIES) m.addAll(LEXICONS[lang].phrases[category], category);
    m.addAll(policy.jargon[lang] ?? [], 'jargon');
    for (const f of policy.phrases.forbidden)
      m.addAll(f.phrases[lang] ?? [], { id: f.id, channels: f.channels });
    matchers[lang] = m;
  }
  const compiled: CompiledPolicy = {
    policy,
    resolve,
    pii: { types: new Set(policy.pii.redact), allow: new Set(policy.pii.allow.map(allowKey)) },
    agentMustNotWrite: new Set(policy.pii.agentMustNotWrite),
    required,
    matchers,
  };
  cache.set(policy, compiled);
  return compiled;
}
