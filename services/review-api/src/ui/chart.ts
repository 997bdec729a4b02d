import type { WeeklyPoint } from '@rapport/scorecards';
import { html, type SafeHtml } from './html.js';

type Key = keyof WeeklyPoint['scores'];

/**
 * One small SVG chart of a weekly mean with its 95% band; weeks with too few interactions are
 * drawn hollow, empty weeks leave a gap. Drawn on the server: no chart library, no script.
 */
export function trendChart(points: readonly WeeklyPoint[], key: Key, label: string): SafeHtml {
  const W = 260;
  const H = 96;
  const pad = { l: 26, r: 6, t: 14, b: 16 };
  const x = (i: number) => pad.l + (points.length <= 1 ? 0 : (i * (W - pad.l - pad.r)) / (points.length - 1));
  const y = (v: number) => pad.t + ((100 - v) * (H - pad.t - pad.b)) / 100;
  const segments: string[][] = [[]];
  const band: { i: number; low: number; high: number }[] = [];
  points.forEach((p, i) => {
    const s = p.scores[key];
    if (s.mean === null) {
      if (segments[segments.length - 1]!.length) segments.push([]);
      return;
    }
    segments[segments.length - 1]!.push(`${x(i).toFixed(1)},${y(s.mean).toFixed(1)}`);
    if (s.ci) band.push({ i, low: s.ci.low, high: s.ci.high });
  });
  const bandPath = band.length
    ? [
        ...band.map((b) => `${x(b.i).toFixed(1)},${y(b.high).toFixed(1)}`),
        ...[...band].reverse().map((b) => `${x(b.i).toFixed(1)},${y(b.low).toFixed(1)}`),
      ].join(' ')
    : '';
  const dots = points.map((p, i) => {
    const s = p.scores[key];
    if (s.mean === null) return html``;
    const title = `${p.week}: ${s.mean.toFixed(1)}${s.ci ? ` (95% ${s.ci.low.toFixed(0)}-${s.ci.high.toFixed(0)})` : ''}, n=${s.n}${p.insufficient ? ', too few to judge' : ''}`;
    return html`<circle cx="${x(i).toFixed(1)}" cy="${y(s.mean).toFixed(1)}" r="2.6" class="${p.insufficient ? 'thin' : 'solid'}"><title>${title}</title></circle>`;
  });
  return html`<figure class="trend">
    <svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${label} by week">
      <text x="2" y="10" class="label">${label}</text>
      <line x1="${pad.l}" x2="${W - pad.r}" y1="${y(50)}" y2="${y(50)}" class="grid" />
      <text x="2" y="${y(100) + 4}" class="axis">100</text><text x="8" y="${y(50) + 4}" class="axis">50</text><text x="14" y="${y(0) + 4}" class="axis">0</text>
      ${bandPath ? html`<polygon points="${bandPath}" class="band" />` : ''}
      ${segments.filter((s) => s.length > 1).map((s) => html`<polyline points="${s.join(' ')}" class="line" />`)}
      ${dots}
    </svg>
  </figure>`;
}
