import { DIMENSIONS } from '@rapport/schemas';
import type { MeanEstimate } from '@rapport/scorecards';
import type { ExampleConversation, TrainingReport } from './training.js';

export interface TrainingExportMeta {
  tenantId: string;
  from: string;
  to: string;
  /** Teams the pack covers; undefined = the whole desk. */
  teamIds?: readonly string[];
}

const n1 = (v: number | null) => (v === null ? '-' : v.toFixed(1));
const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);

function mean(m: MeanEstimate): string {
  if (m.mean === null) return '-';
  return m.ci
    ? `${n1(m.mean)} (95% CI ${n1(m.ci.low)}-${n1(m.ci.high)}, n=${m.n})`
    : `${n1(m.mean)} (n=${m.n})`;
}

/** Table cells: a pipe or a line break would break the row; markup is shown as text. */
const cell = (s: string) => s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');

/**
 * A fenced block around conversation text: renderers show its content as text (no links, no
 * HTML), and the fence is longer than any run of backticks inside, so the text cannot close it.
 */
function fenced(lines: string[]): string[] {
  const longest = Math.max(
    0,
    ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))),
  );
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}text`, ...lines, fence];
}

function example(e: ExampleConversation): string[] {
  const head =
    `- **${cell(e.interactionId)}** (${e.channel}, ${e.occurredAt.slice(0, 10)}): overall ${n1(e.overall)}, ` +
    `customer outcome ${n1(e.outcome)}` +
    (e.confirmedFlags.length > 0 ? `, confirmed: ${e.confirmedFlags.map(cell).join(', ')}` : '');
  if (!e.transcript) return [head, '', '  Transcript not kept: listed by id only.', ''];
  return [head, '', ...fenced(e.transcript.map((t) => `${t.role}: ${t.text.replace(/\r?\n/g, ' ')}`)), ''];
}

/**
 * A training pack as a Markdown file a manager can hand to a trainer: figures, agents and
 * redacted example conversations, no customer ids or contact details.
 */
export function trainingMarkdown(report: TrainingReport, meta: TrainingExportMeta): string {
  const out: string[] = [
    `# Training pack: ${cell(meta.tenantId)}, ${meta.from} to ${meta.to}`,
    '',
    `${meta.teamIds ? `Teams: ${meta.teamIds.map(cell).join(', ')}. ` : ''}` +
      `${report.analysed} conversations analysed. Agents are named only from ${report.minInteractions} ` +
      'conversations on a topic; best and worst go by the ends of their 95% intervals.',
    '',
    `> ${report.note}`,
    '',
  ];
  if (report.packs.length === 0) out.push('No topic reaches the minimum count in this period.');
  report.packs.forEach((p, i) => {
    const h = p.handling;
    out.push(
      `## ${i + 1}. ${cell(p.topic.label)}`,
      '',
      `${p.topic.count} conversations, ${pct(p.topic.share)} of those analysed` +
        (h.tooFewToJudge ? ` - too few to judge (under ${report.minInteractions})` : '') +
        '.',
      '',
      '| measure | value |',
      '| --- | --- |',
      `| overall score | ${mean(h.overall)} |`,
      ...DIMENSIONS.map((d) => `| ${d} | ${mean(h.dimensions[d])} |`),
      `| flagged | ${pct(h.flagRate.rate)}${h.flagRate.ci ? ` (95% CI ${pct(h.flagRate.ci.low)}-${pct(h.flagRate.ci.high)})` : ''} |`,
      `| customer outcome | ${h.outcome.n === 0 ? 'not scored (older engine)' : mean(h.outcome)} |`,
      `| mean first response | ${h.meanFirstResponseSec === null ? '-' : `${Math.round(h.meanFirstResponseSec)} s (n=${h.firstResponses})`} |`,
      '',
    );
    const agents = (label: string, list: typeof p.best) =>
      list.length === 0
        ? []
        : [
            `${label}: ${list.map((a) => `${cell(a.agentId)} ${mean(a.overall)}, ${a.versusTopic}`).join('; ')}`,
            '',
          ];
    out.push(...agents('Handle it best', p.best), ...agents('Handle it worst', p.worst));
    if (p.agentsTooFew > 0)
      out.push(
        `${p.agentsTooFew} agent(s) handled it too few times to judge (under ${report.minInteractions}).`,
        '',
      );
    out.push('### Well handled', '');
    if (p.goodExamples.length === 0) out.push('None found.', '');
    for (const e of p.goodExamples) out.push(...example(e));
    out.push('### Confirmed problems', '');
    if (p.problemExamples.length === 0) out.push('None confirmed by a reviewer.', '');
    for (const e of p.problemExamples) out.push(...example(e));
  });
  return `${out.join('\n').trimEnd()}\n`;
}
