import type { Claim } from '../accuracy/claims.js';
import { HOURS_PER } from '../accuracy/claims.js';
import type { PreparedMessage } from '../engine/prepared.js';
import type { Sentence } from '../text/sentences.js';
import { compileCues, type Cue, type CueHit } from '../text/keywords.js';
import type { KnowledgeBase, KnowledgeFact } from './schema.js';

export interface CompiledFact {
  fact: KnowledgeFact;
  min: number;
  max: number;
  tolerance: number;
  cues: Readonly<Record<string, Cue[]>>;
}

export interface CompiledKnowledgeBase {
  id: string;
  version: string;
  facts: CompiledFact[];
}

function clockMinutes(s: string): number {
  const [h, m] = s.split(':');
  return Number(h) * 60 + Number(m);
}

export function compileKnowledgeBase(kb: KnowledgeBase): CompiledKnowledgeBase {
  const facts = kb.facts.map((fact): CompiledFact => {
    const cues: Record<string, Cue[]> = {};
    for (const [lang, words] of Object.entries(fact.keywords)) cues[lang] = compileCues(words);
    if (fact.kind === 'time_range') {
      return {
        fact,
        min: clockMinutes(fact.from ?? '00:00'),
        max: clockMinutes(fact.to ?? '00:00'),
        tolerance: 0,
        cues,
      };
    }
    const f = fact.kind === 'duration' && fact.unit !== undefined ? HOURS_PER[fact.unit] : 1;
    const min = (fact.min ?? fact.value ?? 0) * f;
    const max = (fact.max ?? fact.value ?? 0) * f;
    return { fact, min, max, tolerance: fact.tolerance * f, cues };
  });
  return { id: kb.id, version: kb.version, facts };
}

/** The fact a claim is about: same kind, a keyword in the same sentence; most keywords, then nearest. */
export function factForClaim(
  kb: CompiledKnowledgeBase,
  claim: Claim,
  m: PreparedMessage,
  lang: string,
  cueHits: (m: PreparedMessage, sentence: number, cues: readonly Cue[]) => readonly CueHit[],
): CompiledFact | undefined {
  const sentence: Sentence | undefined = m.sentences[claim.sentence];
  if (sentence === undefined) return undefined;
  let best: { fact: CompiledFact; hits: number; distance: number } | undefined;
  for (const f of kb.facts) {
    if (f.fact.kind !== claim.kind) continue;
    if (
      claim.kind === 'money' &&
      claim.currency !== undefined &&
      f.fact.currency !== undefined &&
      claim.currency !== f.fact.currency
    )
      continue;
    const cues = f.cues[lang];
    if (cues === undefined) continue;
    const hits = cueHits(m, claim.sentence, cues);
    if (hits.length === 0) continue;
    let distance = Number.POSITIVE_INFINITY;
    for (const h of hits) distance = Math.min(distance, Math.abs(h.at - claim.firstToken));
    if (!best || hits.length > best.hits || (hits.length === best.hits && distance < best.distance))
      best = { fact: f, hits: hits.length, distance };
  }
  return best?.fact;
}

/** A claim agrees when it lies within the fact's value or range (with the fact's tolerance). */
export function claimAgrees(f: CompiledFact, claim: Claim): boolean {
  if (claim.kind === 'time_range') return claim.min === f.min && claim.max === f.max;
  const eps = 1e-9;
  return claim.min >= f.min - f.tolerance - eps && claim.max <= f.max + f.tolerance + eps;
}

export function formatFactValue(f: KnowledgeFact): string {
  if (f.kind === 'time_range') return `${f.from ?? ''}-${f.to ?? ''}`;
  const v = f.value !== undefined ? `${f.value}` : `${f.min ?? ''}-${f.max ?? ''}`;
  if (f.kind === 'duration') return `${v} ${f.unit ?? ''}s`;
  if (f.kind === 'money') return `${v} ${f.currency ?? ''}`;
  return `${v}%`;
}
