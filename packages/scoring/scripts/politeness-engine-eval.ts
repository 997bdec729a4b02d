/**
 * The politeness dimension of the engine on evaluation-only data (nothing here trains or tunes
 * anything): ABCD chats of polite crowdworker agents (how many get politeness.impolite), plain
 * factual replies (where the scale's neutral level is), and Unhealthy Comment Corpus comments
 * wrapped as agent replies (does the score rank condescending below healthy). Used by
 * `pnpm eval:politeness --engine`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InteractionEvent, ScoredInteraction } from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import { parseCsv } from '../src/politeness/csv.js';
import { PolitenessDataError } from '../src/politeness/dataset.js';

/** Plain statements of fact as an agent writes them: no warmth, no impoliteness. */
export const FACTUAL_REPLIES = [
  'The repair usually takes 5 days.',
  'Your order has shipped.',
  'The invoice was sent to the address on file on 3 March.',
  'Refunds are paid to the card used for the purchase within 10 business days.',
  'The store opens at 9 and closes at 17 on weekdays.',
  'Your subscription renews on the first of each month.',
  'The warranty covers manufacturing defects for two years.',
  'The update fixes the login problem on Android phones.',
] as const;

const clock = (): Date => new Date('2026-03-02T12:00:00Z');

function chat(turns: readonly (readonly ['agent' | 'customer', string])[], id: string): InteractionEvent {
  let t = Date.parse('2026-03-02T09:00:00Z');
  return {
    schemaVersion: 1,
    interactionId: id,
    revision: 1,
    tenantId: 'eval',
    occurredAt: new Date(t).toISOString(),
    agent: { id: 'agent', teamId: 'eval' },
    customer: { id: 'customer' },
    source: { system: 'eval-politeness' },
    language: 'en',
    channel: 'chat',
    messages: turns.map(([role, text]) => {
      t += 20_000;
      return { role, text, sentAt: new Date(t).toISOString() };
    }),
  };
}

const score = (e: InteractionEvent): ScoredInteraction =>
  scoreInteraction(e, { policy: DEFAULT_POLICY, now: clock });

const impolite = (s: ScoredInteraction): boolean => s.flags.some((f) => f.code === 'politeness.impolite');
const routedForPoliteness = (s: ScoredInteraction): boolean =>
  s.flags.some((f) => f.dimension === 'politeness');

function read(url: URL, what: string): string {
  try {
    return readFileSync(url, 'utf8');
  } catch (err) {
    throw new PolitenessDataError(
      `${fileURLToPath(url)}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? String(err)}); ` +
        'it belongs in shared/data/ beside the repository (see shared/README.md).',
    );
  }
}

interface AbcdConversation {
  convo_id: number;
  original: [string, string][];
}

function abcd(data: URL): void {
  const dir = new URL('dialogues/abcd-sample/', data);
  const first50 = JSON.parse(read(new URL('abcd_sample_50_first50train.json', dir), 'ABCD sample')) as {
    train: AbcdConversation[];
  };
  const three = JSON.parse(read(new URL('abcd_sample.json', dir), 'ABCD sample')) as AbcdConversation[];
  const seen = new Set<number>();
  const convos = [...three, ...first50.train].filter((c) => !seen.has(c.convo_id) && seen.add(c.convo_id));
  const scores: number[] = [];
  let flagged = 0;
  let routed = 0;
  for (const c of convos) {
    const turns = c.original.filter(
      (t): t is ['agent' | 'customer', string] =>
        (t[0] === 'agent' || t[0] === 'customer') && t[1].trim() !== '',
    );
    const s = score(chat(turns, `abcd-${c.convo_id}`));
    const p = s.scores.politeness.score;
    if (p !== null) scores.push(p);
    if (impolite(s)) {
      flagged++;
      const ev = s.flags.find((f) => f.code === 'politeness.impolite')?.evidence ?? [];
      console.log(`  flagged abcd ${c.convo_id}: ${ev.map((e) => JSON.stringify(e.text)).join(', ')}`);
    }
    if (routedForPoliteness(s)) routed++;
  }
  scores.sort((a, b) => a - b);
  const n = convos.length;
  console.log(
    `ABCD chats (evaluation only): ${n} conversations; politeness.impolite ${flagged} (${pct(flagged / n)}); ` +
      `routed to review for politeness ${routed} (${pct(routed / n)}); politeness score min ${scores[0]}, ` +
      `median ${scores[Math.floor(scores.length / 2)]}, max ${scores[scores.length - 1]}`,
  );
  summary.abcd = { n, impolite: flagged, routed, median: scores[Math.floor(scores.length / 2)] ?? null };
}

function factual(): void {
  const out: number[] = [];
  for (const [i, reply] of FACTUAL_REPLIES.entries()) {
    const s = score(
      chat(
        [
          ['customer', 'I have a question about my order.'],
          ['agent', reply],
        ],
        `factual-${i}`,
      ),
    );
    out.push(s.scores.politeness.score ?? NaN);
    console.log(`  ${String(s.scores.politeness.score).padStart(3)}  ${reply}`);
  }
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  console.log(
    `neutral factual replies: mean politeness ${mean.toFixed(1)} (min ${Math.min(...out)}, max ${Math.max(...out)})`,
  );
  summary.factual = { mean: Math.round(mean * 10) / 10, min: Math.min(...out), max: Math.max(...out) };
}

/** ROC AUC that the score ranks a negative (healthy) above a positive (condescending); ties count half. */
export function aucLowerIsPositive(positives: readonly number[], negatives: readonly number[]): number {
  const all = [...positives.map((v) => [v, 1] as const), ...negatives.map((v) => [v, 0] as const)].sort(
    (a, b) => a[0] - b[0],
  );
  // Mann-Whitney with mid-ranks: rank sum of the negatives among all scores, low to high.
  let rankSumNeg = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (
      j < all.length &&
      (all[j] as readonly [number, number])[0] === (all[i] as readonly [number, number])[0]
    )
      j++;
    const mid = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((all[k] as readonly [number, number])[1] === 0) rankSumNeg += mid;
    i = j;
  }
  const nn = negatives.length;
  const np = positives.length;
  return (rankSumNeg - (nn * (nn + 1)) / 2) / (nn * np);
}

function ucc(data: URL): void {
  const url = new URL('unhealthy-comments/val.csv', data);
  const rows = parseCsv(read(url, 'Unhealthy Comment Corpus validation split'));
  const header = rows[0] ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0)
      throw new PolitenessDataError(
        `${fileURLToPath(url)}: missing column "${name}"; expected the UCC val.csv columns (comment, condescending, healthy, ...).`,
      );
    return i;
  };
  const [cComment, cCond, cHealthy] = [col('comment'), col('condescending'), col('healthy')];
  const cond: number[] = [];
  const healthy: number[] = [];
  let condFlagged = 0;
  let healthyFlagged = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] as string[];
    const text = row[cComment];
    if (text === undefined || text.trim() === '') continue;
    const isCond = row[cCond] === '1';
    const isHealthy = !isCond && Number(row[cHealthy]) === 1;
    if (!isCond && !isHealthy) continue;
    const s = score(
      chat(
        [
          ['customer', 'What do you think about this?'],
          ['agent', text],
        ],
        `ucc-${r}`,
      ),
    );
    const p = s.scores.politeness.score;
    if (p === null) continue;
    (isCond ? cond : healthy).push(p);
    if (impolite(s)) {
      if (isCond) condFlagged++;
      else healthyFlagged++;
    }
  }
  const auc = aucLowerIsPositive(cond, healthy);
  const precision = condFlagged + healthyFlagged > 0 ? condFlagged / (condFlagged + healthyFlagged) : NaN;
  console.log(
    `Unhealthy Comment Corpus val (evaluation only; comments wrapped as agent replies): ` +
      `${cond.length} condescending, ${healthy.length} healthy; ROC AUC (politeness ranks healthy above condescending) ${auc.toFixed(3)}`,
  );
  console.log(
    `  politeness.impolite: recall on condescending ${pct(condFlagged / cond.length)} (${condFlagged}), ` +
      `false alarms on healthy ${pct(healthyFlagged / healthy.length)} (${healthyFlagged}), precision ${pct(precision)} ` +
      `(at the corpus' base rate of ${pct(cond.length / (cond.length + healthy.length))} condescending)`,
  );
  summary.ucc = {
    condescending: cond.length,
    healthy: healthy.length,
    auc: Math.round(auc * 1e4) / 1e4,
    recall: Math.round((condFlagged / cond.length) * 1e4) / 1e4,
    falseAlarmRate: Math.round((healthyFlagged / healthy.length) * 1e4) / 1e4,
    precision: Number.isNaN(precision) ? null : Math.round(precision * 1e4) / 1e4,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const summary: Record<string, unknown> = { metric: 'politeness_engine' };

export function evaluateEngine(data: URL): void {
  factual();
  abcd(data);
  ucc(data);
  console.log(JSON.stringify(summary));
}
