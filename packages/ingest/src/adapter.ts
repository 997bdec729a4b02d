import type { IngestMapping } from './options.js';
import type { Problem } from './problem.js';
import type { Candidate } from './validate.js';

/** What an adapter returns for one input: events to check and publish, and what it had to say. */
export interface Adapted {
  candidates: Candidate[];
  problems: Problem[];
}

export const emptyAdapted = (): Adapted => ({ candidates: [], problems: [] });

export const merge = (into: Adapted, from: Adapted): Adapted => {
  for (const c of from.candidates) into.candidates.push(c);
  for (const p of from.problems) into.problems.push(p);
  return into;
};

/**
 * The Rapport agent for a source agent: the mapping's entry when there is one (a person's ids
 * differ between systems), else an id derived from the source so scorecards still group by person.
 */
export function agentFor(
  mapping: IngestMapping,
  system: string,
  sourceKey: string | undefined,
  name?: string,
  teamHint?: string,
): { id: string; teamId: string; name?: string } {
  if (sourceKey === undefined) return { id: mapping.fallbackAgentId, teamId: mapping.defaultTeamId };
  const mapped = mapping.agents[sourceKey];
  // A mapped agent is named by the mapping only: the source key may be a role label ("Agent").
  const displayName = mapped ? mapped.name : name;
  return {
    id: mapped?.id ?? `${system}-${sourceKey}`,
    teamId: mapped?.teamId ?? teamHint ?? mapping.defaultTeamId,
    ...(displayName ? { name: displayName.slice(0, 200) } : {}),
  };
}

/** A JSON value as an object, or undefined: vendors' exports are read defensively. */
export const asObject = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export const asArray = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);

export const asString = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

export const asNumber = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;
