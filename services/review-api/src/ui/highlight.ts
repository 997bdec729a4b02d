import type { Evidence } from '@rapport/schemas';
import { html, type SafeHtml } from './html.js';

export interface Highlight extends Pick<Evidence, 'start' | 'end' | 'rule'> {
  code: string;
  severity: string;
}

/**
 * A message's text with its evidence spans marked. Overlapping spans merge into one mark naming
 * every rule; offsets outside the text (a corrupt record) are clipped, never trusted.
 */
export function highlightText(text: string, spans: readonly Highlight[]): SafeHtml {
  const clipped = spans
    .map((s) => ({
      ...s,
      start: Math.max(0, Math.min(s.start, text.length)),
      end: Math.max(0, Math.min(s.end, text.length)),
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number; spans: Highlight[] }[] = [];
  for (const s of clipped) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last.spans.push(s);
    } else merged.push({ start: s.start, end: s.end, spans: [s] });
  }
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const m of merged) {
    parts.push(html`${text.slice(at, m.start)}`);
    const codes = [...new Set(m.spans.map((s) => s.code))];
    const title = m.spans.map((s) => `${s.code} (${s.rule})`).join('; ');
    const worst = m.spans.some((s) => s.severity === 'critical' || s.severity === 'high') ? 'high' : 'low';
    parts.push(
      html`<mark class="ev ev-${worst}" data-flags="${codes.join(' ')}" title="${title}">${text.slice(m.start, m.end)}</mark>`,
    );
    at = m.end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}
