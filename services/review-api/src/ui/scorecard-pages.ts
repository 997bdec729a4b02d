import {
  SCORE_KEYS,
  type EngineVersionCount,
  type ScorecardAgent,
  type ScorecardDayEntries,
} from '@rapport/schemas';
import { engineVersionsOf } from '@rapport/scorecards';
import type {
  AgentPeriodSummary,
  MeanEstimate,
  RateEstimate,
  TeamComparison,
  TeamPeriodSummary,
  WeeklyPoint,
} from '@rapport/scorecards';
import { html, type SafeHtml } from './html.js';
import { layout, type PageContext } from './pages.js';
import { trendChart } from './chart.js';

const mean = (m: MeanEstimate) =>
  m.mean === null
    ? html`<span class="muted">–</span>`
    : html`${m.mean.toFixed(1)} <small class="muted">${m.ci ? `[${m.ci.low.toFixed(0)}–${m.ci.high.toFixed(0)}]` : '[no interval]'} n=${m.n}</small>`;
const rate = (r: RateEstimate) =>
  r.rate === null
    ? html`<span class="muted">–</span>`
    : html`${(r.rate * 100).toFixed(0)}% <small class="muted">${r.ci ? `[${(r.ci.low * 100).toFixed(0)}–${(r.ci.high * 100).toFixed(0)}%]` : ''} ${r.count}/${r.n}</small>`;
const rank = (s: { rank: number | null; insufficient: boolean }) =>
  s.insufficient
    ? html`<span class="badge">too few to judge</span>`
    : s.rank === null
      ? html`–`
      : html`#${s.rank}`;

function periodForm(action: string, period: { from: string; to: string }, extra?: SafeHtml): SafeHtml {
  return html`<form method="get" action="${action}" class="filters">
    <label>From <input type="date" name="from" value="${period.from}" /></label>
    <label>To <input type="date" name="to" value="${period.to}" /></label>
    <button type="submit">Show</button>${extra ?? ''}
  </form>`;
}

/** Which engines scored the period: scores of different major versions do not compare. */
export function engineNote(versions: readonly EngineVersionCount[]): SafeHtml {
  if (versions.length === 0) return html``;
  const list = versions.map((v) => `${v.version} (${v.interactions})`).join(', ');
  const majors = new Set(versions.map((v) => v.version.split('.')[0]));
  return majors.size > 1
    ? html`<p class="notice engines">Scored by engines ${list}: their scores do not compare (engine 2 blends the customer outcome into the overall), so these means mix two scales. Compare periods scored by one engine.</p>`
    : html`<p class="muted engines">Scored by engine ${list}.</p>`;
}

const OUTCOME_NOTE = html`<p class="muted">Customer outcome: how the conversations ended for the customers (thanks, resolution, repeated asks, escalation). Not an agent fault, never ranked by; shown apart from the agent's dimensions.</p>`;

const HONESTY = html`<p class="muted">Means show their 95% confidence interval [low–high] and the number of scored interactions n. A period with fewer than 20 scored interactions is shown but never ranked. Intervals assume independent interactions, so read them as the least uncertainty there is.</p>`;

export function teamsPage(
  ctx: PageContext,
  period: { from: string; to: string },
  teams: TeamPeriodSummary[],
): SafeHtml {
  const qs = `from=${period.from}&to=${period.to}`;
  return layout(
    ctx,
    html`<h1>Team overview <small>${period.from} to ${period.to}</small></h1>
      ${periodForm('/scorecards', period, html` <a href="/api/scorecards/export?${qs}&format=csv">CSV</a> <a href="/api/scorecards/export?${qs}&format=json">JSON</a>`)}
      ${HONESTY}
      ${engineNote(engineVersionsOf(teams))} ${OUTCOME_NOTE}
      <table id="teams"><thead><tr><th>Rank</th><th>Team</th><th>Agents (judgeable)</th><th>Interactions</th><th>Overall</th><th>Politeness</th><th>Tone</th><th>Accuracy</th><th>Flagged</th><th>Confirmed of decided</th><th class="outcome">Customer outcome</th></tr></thead>
      <tbody>${teams.map(
        (t) =>
          html`<tr><td>${rank(t)}</td><td><a href="/scorecards/teams/${encodeURIComponent(t.teamId)}?${qs}">${t.teamId}</a></td><td>${t.agents} (${t.sufficientAgents})</td><td>${t.interactions}</td><td>${mean(t.scores.overall)}</td><td>${mean(t.scores.politeness)}</td><td>${mean(t.scores.tone)}</td><td>${mean(t.scores.accuracy)}</td><td>${rate(t.flaggedRate)}</td><td>${rate(t.confirmRate)}</td><td class="outcome">${mean(t.outcome)}</td></tr>`,
      )}</tbody></table>`,
  );
}

export function teamPage(
  ctx: PageContext,
  teamId: string,
  period: { from: string; to: string },
  data: TeamComparison & { trend: WeeklyPoint[] },
): SafeHtml {
  const qs = `from=${period.from}&to=${period.to}`;
  const versus = (a: AgentPeriodSummary) =>
    a.versusTeam === 'above'
      ? html`<span class="badge confirmed">above team</span>`
      : a.versusTeam === 'below'
        ? html`<span class="badge sev-high">below team</span>`
        : a.versusTeam === 'within'
          ? html`<span class="badge">within team range</span>`
          : html``;
  return layout(
    ctx,
    html`<h1>Team ${teamId} <small>${period.from} to ${period.to}</small></h1>
      ${periodForm(`/scorecards/teams/${encodeURIComponent(teamId)}`, period, html` <a href="/api/scorecards/export?${qs}&team=${encodeURIComponent(teamId)}&format=csv">CSV</a>`)}
      ${HONESTY}
      ${engineNote(engineVersionsOf([...data.agents]))} ${OUTCOME_NOTE}
      ${data.team ? html`<p>Team overall ${mean(data.team.scores.overall)} over ${data.team.interactions} interactions; flagged ${rate(data.team.flaggedRate)}.</p>` : ''}
      <div class="trends">${SCORE_KEYS.map((k) => trendChart(data.trend, k, k))}</div>
      <table id="agents"><thead><tr><th>Rank</th><th>Agent</th><th>Interactions</th><th>Overall</th><th>vs team</th>${SCORE_KEYS.filter((k) => k !== 'overall').map((k) => html`<th>${k}</th>`)}<th>Flagged</th><th class="outcome">Customer outcome</th></tr></thead>
      <tbody>${data.agents.map(
        (a) =>
          html`<tr><td>${rank(a)}</td><td><a href="/scorecards/agents/${encodeURIComponent(a.agentId)}?${qs}">${a.agentName ?? a.agentId}</a></td><td>${a.interactions}</td><td>${mean(a.scores.overall)}</td><td>${versus(a)}</td>${SCORE_KEYS.filter((k) => k !== 'overall').map((k) => html`<td>${mean(a.scores[k])}</td>`)}<td>${rate(a.flaggedRate)}</td><td class="outcome">${mean(a.outcome)}</td></tr>`,
      )}</tbody></table>`,
  );
}

export function agentPage(
  ctx: PageContext,
  period: { from: string; to: string },
  data: {
    agent: ScorecardAgent;
    summary: AgentPeriodSummary | null;
    trend: WeeklyPoint[];
    team: TeamComparison | null;
  },
  days: string[],
): SafeHtml {
  const s = data.summary;
  const mine = data.team?.agents.find((a) => a.agentId === data.agent.agentId);
  return layout(
    ctx,
    html`<h1>${data.agent.agentName ?? data.agent.agentId} <small>${data.agent.agentId} · team ${data.agent.teamId} · ${period.from} to ${period.to}</small></h1>
      ${periodForm(`/scorecards/agents/${encodeURIComponent(data.agent.agentId)}`, period)}
      ${HONESTY}
      ${
        s
          ? html`<p>${s.interactions} interactions on ${s.activeDays} days · ${s.insufficient ? html`<strong>too few interactions to judge this period</strong>` : html`rank ${s.rank ?? '–'} in the tenant`} ${mine?.versusTeam ? html`· <strong>${mine.versusTeam === 'within' ? 'within the team range' : `${mine.versusTeam} the team mean`}</strong>` : ''} · flagged ${rate(s.flaggedRate)} · confirmed of decided ${rate(s.confirmRate)}</p>
          <table class="scores" id="agent-scores"><thead><tr><th>Dimension</th><th>Mean [95% CI] n</th><th>Team mean</th></tr></thead>
          <tbody>${SCORE_KEYS.map((k) => html`<tr><th>${k}</th><td>${mean(s.scores[k])}</td><td>${data.team?.team ? mean(data.team.team.scores[k]) : '–'}</td></tr>`)}</tbody></table>
          <h2>Customer outcome</h2>
          ${OUTCOME_NOTE}
          <table class="scores" id="agent-outcome"><tbody><tr><th>customer outcome</th><td>${mean(s.outcome)}</td><td>${data.team?.team ? mean(data.team.team.outcome) : '–'}</td></tr></tbody></table>
          ${engineNote(s.engineVersions)}`
          : html`<p class="muted">No scored interactions in this period.</p>`
      }
      <h2>Weekly trend</h2>
      <div class="trends">${SCORE_KEYS.map((k) => trendChart(data.trend, k, k))}</div>
      <h2>Days</h2>
      <p>${days.length ? days.map((d) => html`<a href="/scorecards/agents/${encodeURIComponent(data.agent.agentId)}/days/${d}">${d}</a> `) : html`<span class="muted">none</span>`}</p>`,
  );
}

export function dayPage(
  ctx: PageContext,
  agentId: string,
  day: string,
  entries: ScorecardDayEntries,
): SafeHtml {
  return layout(
    ctx,
    html`<h1>${entries.agentName ?? agentId} on ${day}</h1>
      <p><a href="/scorecards/agents/${encodeURIComponent(agentId)}">← scorecard</a></p>
      <table id="day"><thead><tr><th>Interaction</th><th>Occurred</th><th>Overall</th><th>Flags</th><th>Customer outcome</th><th>Engine</th></tr></thead>
      <tbody>${entries.scored.map(
        (c) =>
          html`<tr><td><a href="/interactions/${encodeURIComponent(c.id)}">${c.id}</a></td><td>${c.occurredAt.slice(11, 16)}</td><td>${c.scores.overall === null ? '–' : c.scores.overall.toFixed(0)}</td><td>${c.flags.map((f) => html`<code>${f.code}</code> `)}</td><td>${c.outcome === undefined || c.outcome === null ? '–' : c.outcome.toFixed(0)}</td><td><small>${c.engineVersion ?? '–'}</small></td></tr>`,
      )}</tbody></table>`,
  );
}
