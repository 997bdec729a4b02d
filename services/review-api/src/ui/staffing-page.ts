import type { StaffingCell, StaffingPlan } from '@rapport/insights';
import { html, type SafeHtml } from './html.js';
import { layout, type PageContext } from './pages.js';

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const hh = (h: number) => String(h).padStart(2, '0');

function cellTitle(c: StaffingCell): string {
  const channels = c.channels
    .map((ch) =>
      ch.model === 'erlang_c'
        ? `${ch.channel}: ${ch.arrivalsPerHour}/h, AHT ${ch.handleSec} s (${ch.handleSource}), ${ch.agents} agents, P(wait) ${pct(ch.probabilityOfWaiting)}, SL ${pct(ch.serviceLevel)}, ASA ${ch.averageSpeedOfAnswerSeconds} s`
        : `${ch.channel}: ${ch.arrivalsPerHour}/h, workload ${ch.trafficErlangs} agents, ${ch.agents} agents`,
    )
    .join(' · ');
  return `${c.dayName} ${hh(c.hour)}:00 · ${c.status} (${c.method}) · ${c.reason}${channels ? ` · ${channels}` : ''}`;
}

export interface StaffingForm {
  from: string;
  to: string;
  timeZone: string;
  values: Record<string, string>;
}

/** The week plan: a heat map of required against observed agents, the what-if form and the hours to change. */
export function staffingPage(ctx: PageContext, form: StaffingForm, plan: StaffingPlan): SafeHtml {
  const maxRequired = Math.max(1, ...plan.cells.flat().map((c) => c.requiredWithShrinkage));
  const marked = plan.cells.flat().filter((c) => c.status === 'understaffed' || c.status === 'overstaffed');
  const s = plan.settings;
  const field = (name: string, label: string, placeholder: string) =>
    html`<label>${label} <input name="${name}" value="${form.values[name] ?? ''}" placeholder="${placeholder}" size="6" /></label>`;
  return layout(
    ctx,
    html`<h1>Staffing <small>${form.from} to ${form.to} · ${form.timeZone}</small></h1>
      <form method="get" action="/staffing" class="filters" id="what-if">
        <label>From <input type="date" name="from" value="${form.from}" /></label>
        <label>To <input type="date" name="to" value="${form.to}" /></label>
        <label>Time zone <input name="tz" value="${form.timeZone}" /></label>
        ${field('callServiceLevel', 'Calls: share', String(s.call.share))}
        ${field('callAnswerWithinSec', 'within (s)', String(s.call.answerWithinSec))}
        ${field('chatServiceLevel', 'Chats: share', String(s.chat.share))}
        ${field('chatAnswerWithinSec', 'within (s)', String(s.chat.answerWithinSec))}
        ${field('chatConcurrency', 'chats at once', String(s.chatConcurrency))}
        ${field('shrinkage', 'Shrinkage', String(s.shrinkage))}
        ${field('ahtCall', 'AHT call (s)', 'observed')}
        ${field('ahtChat', 'AHT chat (s)', 'observed')}
        ${field('ahtEmail', 'AHT e-mail (s)', String(s.defaultHandleSec.email))}
        <button type="submit">Show</button>
      </form>
      <p class="muted">${plan.interactions} interactions. Each cell: agents to schedule (with shrinkage);
        a solid outline is understaffed, a dashed one overstaffed, "~" judged by the rule of thumb (too few contacts for Erlang C).
        Hover a cell for the queue figures.</p>
      <table class="heat" id="staffing"><thead><tr><th></th>${Array.from({ length: 24 }, (_, h) => html`<th>${hh(h)}</th>`)}</tr></thead>
      <tbody>${plan.cells.map(
        (row) =>
          html`<tr><th>${row[0]?.dayName ?? ''}</th>${row.map((c) => {
            const level = Math.ceil((c.requiredWithShrinkage / maxRequired) * 4);
            const cls = c.status === 'understaffed' ? 'under' : c.status === 'overstaffed' ? 'over' : '';
            return html`<td class="v${level} ${cls}" data-status="${c.status}" title="${cellTitle(c)}">${c.requiredWithShrinkage || ''}${c.method === 'rule_of_thumb' ? '~' : ''}</td>`;
          })}</tr>`,
      )}</tbody></table>
      <h2>Hours to change</h2>
      ${
        marked.length === 0
          ? html`<p>No hour is under- or overstaffed in this period.</p>`
          : html`<table id="staffing-hours"><thead><tr><th>Hour</th><th>Status</th><th>Required</th><th>Seen</th><th>Channels</th><th>Why</th></tr></thead><tbody>
            ${marked.map(
              (c) =>
                html`<tr><td>${c.dayName} ${hh(c.hour)}:00</td><td>${c.status} (${c.method})</td><td>${c.requiredAgents} (${c.requiredWithShrinkage} scheduled)</td><td>${c.observedAgents}</td>
                <td>${c.channels.map(
                  (ch) =>
                    html`<div>${ch.channel}: ${ch.agents} agents${
                      ch.model === 'erlang_c'
                        ? `, P(wait) ${pct(ch.probabilityOfWaiting)}, SL ${pct(ch.serviceLevel)}, ASA ${ch.averageSpeedOfAnswerSeconds} s`
                        : ', e-mail workload'
                    }, AHT ${ch.handleSec} s (${ch.handleSource})</div>`,
                )}</td><td>${c.reason}</td></tr>`,
            )}</tbody></table>`
      }
      <p class="muted">${plan.rule}</p>`,
  );
}
