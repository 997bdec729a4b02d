import type { Scorecard, ScorecardAgent, ScorecardDayEntries, ScorecardUpdate } from '@rapport/schemas';
import { mergeAgent } from './agents.js';
import { applyUpdate, computeCard, isEmptyDay, newDay, refreshAttribution, sameValue } from './card.js';
import { agentKey, dayKey } from './keys.js';

/** What stage 2 needs from storage and Kafka. Implemented over MongoDB and Kafka by the worker. */
export interface ApplyPort {
  /** The contributions of these agent-days (absent when the day has none yet). */
  loadDays(dayKeys: readonly string[]): Promise<Map<string, ScorecardDayEntries>>;
  /**
   * Saves each day's scorecard, then its contributions: a day whose contributions are current
   * therefore also has its current scorecard, which lets a repeated attempt skip unchanged days.
   */
  saveDays(days: readonly { entries: ScorecardDayEntries; card: Scorecard }[]): Promise<void>;
  loadAgents(agentKeys: readonly string[]): Promise<Map<string, ScorecardAgent>>;
  saveAgents(agents: readonly ScorecardAgent[]): Promise<void>;
  /** Publishes scorecards (totals only), keyed `${tenantId}:${agentId}:${day}`. */
  publishCards(cards: readonly Scorecard[]): Promise<void>;
}

export interface ApplyResult {
  /** Agent-days the batch touched (and whose scorecards were published). */
  days: number;
  /** Of those, days whose contributions changed. */
  changed: number;
  cards: Scorecard[];
}

/**
 * Stage 2 of the scorecards: applies a batch of updates (in offset order, one writer per agent)
 * to the agent-days, then saves and publishes every touched day's scorecard. Every step is
 * idempotent, so a failed attempt is simply repeated; unchanged days are published again, which
 * is what lets a repeat after a crash deliver a publish that the crash lost.
 */
export async function applyUpdates(
  updates: readonly ScorecardUpdate[],
  port: ApplyPort,
  now: Date,
): Promise<ApplyResult> {
  const byDay = new Map<string, ScorecardUpdate[]>();
  for (const u of updates) {
    const key = dayKey(u.tenantId, u.agentId, u.day);
    const list = byDay.get(key);
    if (list) list.push(u);
    else byDay.set(key, [u]);
  }
  if (byDay.size === 0) return { days: 0, changed: 0, cards: [] };
  const stored = await port.loadDays([...byDay.keys()]);

  const cards: Scorecard[] = [];
  const changed: { entries: ScorecardDayEntries; card: Scorecard }[] = [];
  const withData: Scorecard[] = [];
  for (const [key, list] of byDay) {
    const first = list[0]!;
    const before = stored.get(key);
    const day: ScorecardDayEntries = before
      ? { ...before, scored: [...before.scored], reviews: [...before.reviews] }
      : newDay(first.tenantId, first.agentId, first.day, now);
    for (const u of list) applyUpdate(day, u);
    // A removal that reaches a day never written (its put was superseded in the same batch) leaves nothing.
    if (!before && isEmptyDay(day)) continue;
    const dirty = !before || !sameValue(before.scored, day.scored) || !sameValue(before.reviews, day.reviews);
    if (dirty) {
      refreshAttribution(day);
      day.updatedAt = now.toISOString();
    }
    const card = computeCard(day);
    cards.push(card);
    if (dirty) changed.push({ entries: day, card });
    if (!isEmptyDay(day)) withData.push(card);
  }
  if (changed.length > 0) await port.saveDays(changed);

  const agentCards = new Map<string, Scorecard[]>();
  for (const card of withData) {
    const key = agentKey(card.tenantId, card.agentId);
    agentCards.set(key, [...(agentCards.get(key) ?? []), card]);
  }
  if (agentCards.size > 0) {
    const agents = await port.loadAgents([...agentCards.keys()]);
    const toSave: ScorecardAgent[] = [];
    for (const [key, list] of agentCards) {
      const before = agents.get(key);
      let next = before;
      for (const card of list) next = mergeAgent(next, card);
      if (next && !sameValue(before, next)) toSave.push(next);
    }
    if (toSave.length > 0) await port.saveAgents(toSave);
  }

  await port.publishCards(cards);
  return { days: cards.length, changed: changed.length, cards };
}
