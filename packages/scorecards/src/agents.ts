import type { Scorecard, ScorecardAgent } from '@rapport/schemas';

/**
 * Folds one of the agent's day scorecards into what is known of the agent: the day range grows,
 * every team is remembered (for team pages over past periods), and team and name follow the
 * latest day. Idempotent and order-insensitive for distinct days.
 */
export function mergeAgent(current: ScorecardAgent | undefined, card: Scorecard): ScorecardAgent {
  if (!current)
    return {
      tenantId: card.tenantId,
      agentId: card.agentId,
      ...(card.agentName !== undefined ? { agentName: card.agentName } : {}),
      teamId: card.teamId,
      teams: [card.teamId],
      firstDay: card.day,
      lastDay: card.day,
    };
  const latest = card.day >= current.lastDay;
  const teams = current.teams.includes(card.teamId) ? current.teams : [...current.teams, card.teamId].sort();
  const agentName = latest && card.agentName !== undefined ? card.agentName : current.agentName;
  return {
    tenantId: current.tenantId,
    agentId: current.agentId,
    ...(agentName !== undefined ? { agentName } : {}),
    teamId: latest ? card.teamId : current.teamId,
    teams,
    firstDay: card.day < current.firstDay ? card.day : current.firstDay,
    lastDay: latest ? card.day : current.lastDay,
  };
}
