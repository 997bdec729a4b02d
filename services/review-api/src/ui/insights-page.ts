import type { CoverageReport, TopicsReport } from '@rapport/insights';
import { html, type SafeHtml } from './html.js';
import { layout, type PageContext } from './pages.js';

const minutes = (s: number | null) =>
  s === null
    ? '–'
    : s < 120
      ? `${Math.round(s)} s`
      : s < 7200
        ? `${Math.round(s / 60)} min`
        : `${(s / 3600).toFixed(1)} h`;

export function insightsPage(
  ctx: PageContext,
  q: { from: string; to: string; timeZone: string },
  topics: TopicsReport,
  coverage: CoverageReport,
): SafeHtml {
  const maxVolume = Math.max(1, ...coverage.cells.flat().map((c) => c.volume));
  const understaffed = coverage.cells.flat().filter((c) => c.understaffed);
  return layout(
    ctx,
    html`<h1>Insights <small>${q.from} to ${q.to} · ${q.timeZone}</small></h1>
      <form method="get" action="/insights" class="filters">
        <label>From <input type="date" name="from" value="${q.from}" /></label>
        <label>To <input type="date" name="to" value="${q.to}" /></label>
        <label>Time zone <input name="tz" value="${q.timeZone}" /></label>
        <button type="submit">Show</button>
      </form>
      <h2>What customers ask about most</h2>
      <p class="muted">${topics.analysed} interactions analysed. Topics are ranked by TF-IDF over the keyphrases kept per interaction; use them for training material.</p>
      <table id="topics"><thead><tr><th>#</th><th>Topic</th><th>Interactions</th><th>Share</th><th>Languages</th><th>Examples</th></tr></thead>
      <tbody>${topics.topics.map(
        (t, i) =>
          html`<tr><td>${i + 1}</td><td><strong>${t.label}</strong>${t.variants.length ? html` <small class="muted">${t.variants.join(', ')}</small>` : ''}</td><td>${t.count}</td><td>${(t.share * 100).toFixed(1)}%</td><td>${t.languages.join(', ')}</td><td>${t.examples.map((e) => html`<a href="/interactions/${encodeURIComponent(e.interactionId)}">${e.interactionId}</a>${e.flagged ? ' (flagged)' : ''} `)}</td></tr>`,
      )}</tbody></table>
      <h2>Coverage by hour of the week</h2>
      <p class="muted">${coverage.rule}</p>
      <table class="heat" id="coverage"><thead><tr><th></th>${Array.from({ length: 24 }, (_, h) => html`<th>${String(h).padStart(2, '0')}</th>`)}</tr></thead>
      <tbody>${coverage.cells.map(
        (row) =>
          html`<tr><th>${row[0]?.dayName ?? ''}</th>${row.map((c) => {
            const level = Math.ceil((c.volume / maxVolume) * 4);
            const title = `${c.dayName} ${String(c.hour).padStart(2, '0')}:00 · ${c.volume} interactions · median first response ${minutes(c.medianFirstResponseSec)} · flag rate ${c.flagRate === null ? '–' : `${(c.flagRate * 100).toFixed(0)}%`}${c.reason ? ` · UNDERSTAFFED: ${c.reason}` : ''}`;
            return html`<td class="v${level} ${c.understaffed ? 'under' : ''}" title="${title}">${c.volume || ''}${c.understaffed ? '!' : ''}</td>`;
          })}</tr>`,
      )}</tbody></table>
      <h3>Understaffed hours</h3>
      ${
        understaffed.length
          ? html`<ul id="understaffed">${understaffed.map((c) => html`<li><strong>${c.dayName} ${String(c.hour).padStart(2, '0')}:00</strong>: ${c.reason}</li>`)}</ul>`
          : html`<p>None by this rule in this period.</p>`
      }`,
  );
}
