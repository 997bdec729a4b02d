import type { ScorecardUpdate } from '@rapport/schemas';
import { factVersion, type Fact, type FactKind } from './facts.js';
import { dayKey, interactionKey } from './keys.js';

/** Where an interaction's contribution of one kind currently is, and which revision (or review version) it is. */
export interface IndexState {
  agentId: string;
  day: string;
  version: number;
}

export interface RoutePlan {
  /** At most one update per (agent-day, interaction): the last one wins. */
  updates: ScorecardUpdate[];
  /** The final index state of every interaction a fact was applied to. */
  index: Map<string, IndexState>;
  applied: number;
  /** Older than what is already counted: ignored. */
  stale: number;
}

/**
 * Stage 1 of the scorecards, pure: turns facts (in offset order) into updates of agent-days,
 * given where each interaction is counted now. A fact older than the counted one is ignored; an
 * equal one is applied again (harmless, and it completes an attempt that crashed half-way); a
 * newer one replaces the old contribution, removing it from its old day when it moved.
 */
export function planRoute(facts: readonly Fact[], known: ReadonlyMap<string, IndexState>): RoutePlan {
  const index = new Map<string, IndexState>();
  const updates = new Map<string, ScorecardUpdate>();
  let applied = 0;
  let stale = 0;
  for (const f of facts) {
    const key = interactionKey(f.tenantId, f.entry.id);
    const version = factVersion(f);
    const current = index.get(key) ?? known.get(key);
    if (current && version < current.version) {
      stale++;
      continue;
    }
    applied++;
    if (current && (current.agentId !== f.agentId || current.day !== f.day)) {
      const from = `${f.kind}|${dayKey(f.tenantId, current.agentId, current.day)}|${f.entry.id}`;
      updates.delete(from);
      updates.set(from, {
        schemaVersion: 1,
        op: f.kind === 'scored' ? 'remove-scored' : 'remove-review',
        tenantId: f.tenantId,
        agentId: current.agentId,
        day: current.day,
        id: f.entry.id,
        version,
      });
    }
    const at = dayKey(f.tenantId, f.agentId, f.day);
    const id = `${f.kind}|${at}|${f.entry.id}`;
    // Re-inserted so that the map's order stays the order of the last operation.
    updates.delete(id);
    updates.set(
      id,
      f.kind === 'scored'
        ? {
            schemaVersion: 1,
            op: 'put-scored',
            tenantId: f.tenantId,
            agentId: f.agentId,
            day: f.day,
            entry: f.entry,
          }
        : {
            schemaVersion: 1,
            op: 'put-review',
            tenantId: f.tenantId,
            agentId: f.agentId,
            day: f.day,
            entry: f.entry,
          },
    );
    index.set(key, { agentId: f.agentId, day: f.day, version });
  }
  return { updates: [...updates.values()], index, applied, stale };
}

/** What stage 1 needs from storage and Kafka. Implemented over MongoDB and Kafka by the worker. */
export interface RoutePort {
  /**
   * Inserts index states for interactions not indexed yet (one cheap batched insert: most
   * interactions are new) and returns the keys that already had one.
   */
  claimIndex(kind: FactKind, states: ReadonlyMap<string, IndexState>): Promise<Set<string>>;
  loadIndex(kind: FactKind, keys: readonly string[]): Promise<Map<string, IndexState>>;
  saveIndex(kind: FactKind, states: ReadonlyMap<string, IndexState>): Promise<void>;
  /** Publishes the updates, keyed by agent, in order. */
  publishUpdates(updates: readonly ScorecardUpdate[]): Promise<void>;
}

export interface RouteResult {
  applied: number;
  stale: number;
  updates: number;
  /** Interactions seen for the first time. */
  claimed: number;
}

/**
 * Routes one batch of facts (all of one kind, in offset order). Idempotent, so a failed attempt
 * is simply repeated: the index of new interactions is written first (so a later attempt sees
 * the same final state and re-publishes its updates), the updates are published, and only then
 * is the index of known interactions moved on.
 */
export async function routeFacts(
  kind: FactKind,
  facts: readonly Fact[],
  port: RoutePort,
): Promise<RouteResult> {
  const ofKind = facts.filter((f) => f.kind === kind);
  if (ofKind.length === 0) return { applied: 0, stale: 0, updates: 0, claimed: 0 };
  const assumingNew = planRoute(ofKind, new Map());
  const existing = await port.claimIndex(kind, assumingNew.index);
  let plan = assumingNew;
  const toSave = new Map<string, IndexState>();
  if (existing.size > 0) {
    const known = await port.loadIndex(kind, [...existing]);
    plan = planRoute(ofKind, known);
    for (const key of existing) {
      const next = plan.index.get(key);
      const before = known.get(key);
      if (
        next &&
        (!before ||
          before.version !== next.version ||
          before.agentId !== next.agentId ||
          before.day !== next.day)
      )
        toSave.set(key, next);
    }
  }
  await port.publishUpdates(plan.updates);
  if (toSave.size > 0) await port.saveIndex(kind, toSave);
  return {
    applied: plan.applied,
    stale: plan.stale,
    updates: plan.updates.length,
    claimed: assumingNew.index.size - existing.size,
  };
}
