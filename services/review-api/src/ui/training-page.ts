import type { TrainingReport } from '@rapport/insights';
import { html, type SafeHtml } from './html.js';
import { layout, type PageContext } from './pages.js';

const n1 = (v: number | null) => (v === null ? '–' : v.toFixed(1));
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

/** Training packs: per top topic, how the desk handles it, who best and worst, and examples to read. */
export function trainingPage(
  ctx: PageContext,
  q: { from: string; to: string; timeZone: string; exportQuery: string },
  report: TrainingReport,
): SafeHtml {
  return layout(
    ctx,
    html`<h1>Training packs <small>${q.from} to ${q.to}</small></h1>
      <form method="get" action="/training" class="filters">
        <label>From <input type="date" name="from" value="${q.from}" /></label>
        <label>To <input type="date" name="to" value="${q.to}" /></label>
        <label>Time zone <input name="tz" value="${q.timeZone}" /></label>
        <button type="submit">Show</button>
      </form>
      <p>Download for a trainer: <a id="export-html" href="/api/training/export?${q.exportQuery}&amp;format=html">HTML</a> ·
        <a id="export-md" href="/api/training/export?${q.exportQuery}&amp;format=markdown">Markdown</a></p>
      <p class="muted">${report.analysed} conversations analysed. ${report.note}</p>
      ${report.packs.length === 0 ? html`<p>No topic reaches the minimum count in this period.</p>` : ''}
      ${report.packs.map((p, i) => {
        const h = p.handling;
        return html`<section class="training-pack">
          <h2>${i + 1}. ${p.topic.label} <small>${p.topic.count} conversations · ${pct(p.topic.share)}</small></h2>
          ${h.tooFewToJudge ? html`<p class="muted">Too few to judge (under ${report.minInteractions}).</p>` : ''}
          <p>Overall ${n1(h.overall.mean)}${h.overall.ci ? ` (95% CI ${n1(h.overall.ci.low)}–${n1(h.overall.ci.high)})` : ''} ·
            flagged ${pct(h.flagRate.rate)} · customer outcome ${h.outcome.n === 0 ? 'not scored' : n1(h.outcome.mean)} ·
            mean first response ${h.meanFirstResponseSec === null ? '–' : `${Math.round(h.meanFirstResponseSec)} s`}</p>
          <p>Best: ${p.best.length ? p.best.map((a) => html`<a href="/scorecards/agents/${encodeURIComponent(a.agentId)}">${a.agentId}</a> ${n1(a.overall.mean)} (${a.versusTopic}) `) : '–'}
            · Worst: ${p.worst.length ? p.worst.map((a) => html`<a href="/scorecards/agents/${encodeURIComponent(a.agentId)}">${a.agentId}</a> ${n1(a.overall.mean)} (${a.versusTopic}) `) : '–'}
            · ${p.agentsTooFew} agent(s) too few to judge</p>
          <p>Well handled: ${p.goodExamples.length ? p.goodExamples.map((e) => (e.transcript ? html`<a href="/interactions/${encodeURIComponent(e.interactionId)}">${e.interactionId}</a> ` : html`${e.interactionId} (id only) `)) : '–'}</p>
          <p>Confirmed problems: ${p.problemExamples.length ? p.problemExamples.map((e) => html`<a href="/interactions/${encodeURIComponent(e.interactionId)}">${e.interactionId}</a> (${e.confirmedFlags.join(', ')}) `) : '–'}</p>
        </section>`;
      })}`,
  );
}
