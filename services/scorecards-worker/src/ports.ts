import type { OutgoingMessage, Producer } from '@rapport/messaging';
import type { Scorecard, ScorecardUpdate } from '@rapport/schemas';
import { agentKey, dayKey, type ApplyPort, type RoutePort } from '@rapport/scorecards';
import type { ScorecardsRepository } from '@rapport/store';

export interface PortTopics {
  updates: string;
  scorecards: string;
}

export const updateMessage = (u: ScorecardUpdate): OutgoingMessage => ({
  // One partition per agent: one writer per agent-day downstream.
  key: agentKey(u.tenantId, u.agentId),
  value: JSON.stringify(u),
  headers: { 'rapport-tenant': u.tenantId },
});

export const scorecardMessage = (card: Scorecard): OutgoingMessage => ({
  key: dayKey(card.tenantId, card.agentId, card.day),
  value: JSON.stringify(card),
  headers: { 'rapport-tenant': card.tenantId },
});

/** Stage 1 over MongoDB (the interaction index) and Kafka (the updates topic). */
export function routePort(repo: ScorecardsRepository, producer: Producer, topics: PortTopics): RoutePort {
  return {
    claimIndex: (kind, states) => repo.claimIndex(kind, states),
    loadIndex: (kind, keys) => repo.loadIndex(kind, keys),
    saveIndex: (kind, states) => repo.saveIndex(kind, states),
    publishUpdates: (updates) =>
      updates.length === 0 ? Promise.resolve() : producer.send(topics.updates, updates.map(updateMessage)),
  };
}

/** Stage 2 over MongoDB (agent-days, directory) and Kafka (the scorecards topic). */
export function applyPort(repo: ScorecardsRepository, producer: Producer, topics: PortTopics): ApplyPort {
  return {
    loadDays: (keys) => repo.loadDays(keys),
    saveDays: (days) => repo.saveDays(days),
    loadAgents: (keys) => repo.loadAgents(keys),
    saveAgents: (agents) => repo.saveAgents(agents),
    publishCards: (cards) =>
      cards.length === 0 ? Promise.resolve() : producer.send(topics.scorecards, cards.map(scorecardMessage)),
  };
}
