import { DIMENSIONS } from '@rapport/schemas';
import type { ExampleConversation, TrainingExportMeta, TrainingReport } from '@rapport/insights';
import type { MeanEstimate } from '@rapport/scorecards';
import { html, type SafeHtml } from './html.js';

const n1 = (v: number | null) => (v === null ? '-' : v.toFixed(1));
const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
const mean = (m: MeanEstimate) =>
  m.mean === null
    ? '-'
    : m.ci
      ? `${n1(m.mean)} (95% CI ${n1(m.ci.low)}-${n1(m.ci.high)}, n=${m.n})`
      : `${n1(m.mean)} (n=${m.n})`;

// The file is opened from disk, away from the service: its styles travel inside it.
const STYLE = html`<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  table { border-collapse: collapse; margin: .5rem 0 1rem; }
  td, th { border: 1px solid #ccc; padding: .2rem .6rem; text-align: left; }
  .note { background: #f4f6f8; border-left: 4px solid #789; padding: .5rem 1rem; }
  .turn { margin: .1rem 0; } .role { font-weight: 600; display: inline-block; min-width: 6rem; }
  .conversation { border: 1px solid #ddd; border-radius: 4px; padding: .5rem 1rem; margin: .5rem 0 1rem; }
</style>`;

function example(e: ExampleConversation): SafeHtml {
  return html`<div class="conversation">
    <p><strong>${e.interactionId}</strong> (${e.channel}, ${e.occurredAt.slice(0, 10)}): overall ${n1(e.overall)},
      customer outcome ${n1(e.outcome)}${e.confirmedFlags.length > 0 ? `, confirmed: ${e.confirmedFlags.join(', ')}` : ''}</p>
    ${
      e.transcript
        ? e.transcript.map((t) => html`<p class="turn"><span class="role">${t.role}</span> ${t.text}</p>`)
        : html`<p><em>Transcript not kept: listed by id only.</em></p>`
    }
  </div>`;
}

/**
 * A training pack as one self-contained HTML file for a trainer: written through the UI's
 * escaping template like every page, so conversation text is shown, never run.
 */
export function trainingHtml(report: TrainingReport, meta: TrainingExportMeta): SafeHtml {
  const title = `Training pack: ${meta.tenantId}, ${meta.from} to ${meta.to}`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>${STYLE}</head>
<body>
<h1>${title}</h1>
<p>${meta.teamIds ? `Teams: ${meta.teamIds.join(', ')}. ` : ''}${report.analysed} conversations analysed. Agents are
named only from ${report.minInteractions} conversations on a topic; best and worst go by the ends of their 95% intervals.</p>
<p class="note">${report.note}</p>
${report.packs.length === 0 ? html`<p>No topic reaches the minimum count in this period.</p>` : ''}
${report.packs.map((p, i) => {
  const h = p.handling;
  const agents = (label: string, list: typeof p.best) =>
    list.length === 0
      ? ''
      : html`<p>${label}: ${list.map((a) => `${a.agentId} ${mean(a.overall)}, ${a.versusTopic}`).join('; ')}</p>`;
  return html`<section>
  <h2>${i + 1}. ${p.topic.label}</h2>
  <p>${p.topic.count} conversations, ${pct(p.topic.share)} of those analysed${
    h.tooFewToJudge ? ` - too few to judge (under ${report.minInteractions})` : ''
  }.</p>
  <table>
    <tr><th>measure</th><th>value</th></tr>
    <tr><td>overall score</td><td>${mean(h.overall)}</td></tr>
    ${DIMENSIONS.map((d) => html`<tr><td>${d}</td><td>${mean(h.dimensions[d])}</td></tr>`)}
    <tr><td>flagged</td><td>${pct(h.flagRate.rate)}${h.flagRate.ci ? ` (95% CI ${pct(h.flagRate.ci.low)}-${pct(h.flagRate.ci.high)})` : ''}</td></tr>
    <tr><td>customer outcome</td><td>${h.outcome.n === 0 ? 'not scored (older engine)' : mean(h.outcome)}</td></tr>
    <tr><td>mean first response</td><td>${h.meanFirstResponseSec === null ? '-' : `${Math.round(h.meanFirstResponseSec)} s (n=${h.firstResponses})`}</td></tr>
  </table>
  ${agents('Handle it best', p.best)}${agents('Handle it worst', p.worst)}
  ${p.agentsTooFew > 0 ? html`<p>${p.agentsTooFew} agent(s) handled it too few times to judge (under ${report.minInteractions}).</p>` : ''}
  <h3>Well handled</h3>
  ${p.goodExamples.length === 0 ? html`<p>None found.</p>` : p.goodExamples.map(example)}
  <h3>Confirmed problems</h3>
  ${p.problemExamples.length === 0 ? html`<p>None confirmed by a reviewer.</p>` : p.problemExamples.map(example)}
</section>`;
})}
</body></html>
`;
}
