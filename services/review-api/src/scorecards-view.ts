import {
  compareTeam,
  parsePeriod,
  ScorecardsError,
  summarizeAgents,
  summarizeTeams,
  weeklyTrend,
  type AgentPeriodSummary,
  type TeamComparison,
  type TeamPeriodSummary,
  type WeeklyPoint,
} from '@rapport/scorecards';
import type { ScorecardAgent, ScorecardDayEntries } from '@rapport/schemas';
import type { Principal } from '@rapport/review';
import type { ScorecardsRepository, ScorecardTeam } from '@rapport/store';
import { HttpError } from './http-errors.js';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The period asked for, or the last 8 weeks; a bad one (or one over `maxDays`) is a 400 naming
 * the problem.
 */
export function periodOf(
  from: string | undefined,
  to: string | undefined,
  now = Date.now(),
  maxDays?: number,
) {
  const end = to ?? isoDay(now);
  const start = from ?? isoDay(Date.parse(`${end}T00:00:00Z`) - 55 * DAY_MS);
  try {
    parsePeriod(start, end, maxDays);
  } catch (err) {
    if (err instanceof ScorecardsError) throw new HttpError(400, err.code, err.message);
    throw err;
  }
  return { from: start, to: end };
}

const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `no ${what} that you may see`);

/**
 * Scorecards as people may see them: agents their own, managers their teams' agents, auditors
 * and admins everyone in the tenant.
 */
export class ScorecardDesk {
  constructor(private readonly repo: ScorecardsRepository) {}

  private mayReadAgent(p: Principal, agent: ScorecardAgent): boolean {
    switch (p.role) {
      case 'admin':
      case 'auditor':
        return true;
      case 'manager':
        return agent.teams.some((t) => p.teamIds.includes(t));
      case 'agent':
        return p.agentId === agent.agentId;
    }
  }

  private mayReadTeam(p: Principal, teamId: string): boolean {
    return p.role === 'admin' || p.role === 'auditor' || (p.role === 'manager' && p.teamIds.includes(teamId));
  }

  /**
   * A manager may read an agent who was ever in one of their teams, but only the days the agent
   * worked in those teams: an agent's days in another team are that team's manager's business.
   */
  private daysFor<T extends { teamId: string }>(p: Principal, cards: readonly T[]): T[] {
    return p.role === 'manager' ? cards.filter((c) => p.teamIds.includes(c.teamId)) : [...cards];
  }

  async teams(
    p: Principal,
    period: { from: string; to: string },
  ): Promise<{ teams: TeamPeriodSummary[]; directory: ScorecardTeam[] }> {
    if (p.role === 'agent')
      throw new HttpError(403, 'FORBIDDEN', 'team overviews are for managers, auditors and admins');
    const { teams } = await this.repo.listAgents(p.tenantId);
    const visible = teams.filter((t) => this.mayReadTeam(p, t.teamId));
    const cards = await this.repo.loadPeriod({
      tenantId: p.tenantId,
      ...period,
      agentIds: [...new Set(visible.flatMap((t) => t.agentIds))],
    });
    const summaries = summarizeTeams(cards, period).filter((t) => this.mayReadTeam(p, t.teamId));
    return { teams: summaries, directory: visible };
  }

  async team(
    p: Principal,
    teamId: string,
    period: { from: string; to: string },
  ): Promise<TeamComparison & { trend: WeeklyPoint[] }> {
    if (!this.mayReadTeam(p, teamId)) throw notFound(`team "${teamId}"`);
    const cards = await this.repo.loadPeriod({ tenantId: p.tenantId, ...period, teamId });
    return { ...compareTeam(cards, teamId, period), trend: weeklyTrend(cards, period) };
  }

  async agent(
    p: Principal,
    agentId: string,
    period: { from: string; to: string },
  ): Promise<{
    agent: ScorecardAgent;
    summary: AgentPeriodSummary | null;
    trend: WeeklyPoint[];
    team: TeamComparison | null;
    days: string[];
  }> {
    const agent = await this.repo.getAgent(p.tenantId, agentId);
    if (!agent || !this.mayReadAgent(p, agent)) throw notFound(`agent "${agentId}"`);
    const cards = this.daysFor(
      p,
      await this.repo.loadPeriod({ tenantId: p.tenantId, ...period, agentIds: [agentId] }),
    );
    const summary = summarizeAgents(cards, period)[0] ?? null;
    // Agents see where they stand against their team's mean, never their colleagues' figures.
    let team: TeamComparison | null = null;
    if (this.mayReadTeam(p, agent.teamId) || p.role === 'agent') {
      const teamCards = await this.repo.loadPeriod({ tenantId: p.tenantId, ...period, teamId: agent.teamId });
      const comparison = compareTeam(teamCards, agent.teamId, period);
      team =
        p.role === 'agent'
          ? { team: comparison.team, agents: comparison.agents.filter((a) => a.agentId === agentId) }
          : comparison;
    }
    const days = cards.filter((c) => c.interactions > 0).map((c) => c.day);
    return { agent, summary, trend: weeklyTrend(cards, period), team, days };
  }

  async day(p: Principal, agentId: string, day: string): Promise<ScorecardDayEntries> {
    const agent = await this.repo.getAgent(p.tenantId, agentId);
    if (!agent || !this.mayReadAgent(p, agent)) throw notFound(`agent "${agentId}"`);
    const entries = await this.repo.getDayEntries(p.tenantId, agentId, day);
    if (!entries) throw notFound(`scorecard for ${agentId} on ${day}`);
    if (p.role !== 'manager') return entries;
    // A day may hold interactions from several teams (a move mid-day): only the manager's own.
    const scored = this.daysFor(p, entries.scored);
    const reviews = this.daysFor(p, entries.reviews);
    if (scored.length === 0 && reviews.length === 0) throw notFound(`scorecard for ${agentId} on ${day}`);
    return { ...entries, scored, reviews };
  }

  /** Agent summaries of every agent the principal may see, for export. */
  async export(
    p: Principal,
    period: { from: string; to: string },
    teamId?: string,
  ): Promise<AgentPeriodSummary[]> {
    if (p.role === 'agent')
      throw new HttpError(403, 'FORBIDDEN', 'exports are for managers, auditors and admins');
    if (teamId && !this.mayReadTeam(p, teamId)) throw notFound(`team "${teamId}"`);
    const { agents } = await this.repo.listAgents(p.tenantId);
    const visible = agents.filter((a) => this.mayReadAgent(p, a) && (!teamId || a.teams.includes(teamId)));
    const cards = await this.repo.loadPeriod({
      tenantId: p.tenantId,
      ...period,
      agentIds: visible.map((a) => a.agentId),
      ...(teamId ? { teamId } : {}),
    });
    return summarizeAgents(this.daysFor(p, cards), period);
  }
}
