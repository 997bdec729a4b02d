/**
 * The User Satisfaction Simulation dialogues (Sun et al., SIGIR 2021; no licence stated, so
 * evaluation only) as chat events, and Spearman's rho: what eval-outcome reads and computes.
 */
import type { InteractionEvent } from '@rapport/schemas';

export const CLOCK = new Date('2026-03-01T09:30:00Z');
/** The dialogues carry no times: a steady 30 s between turns keeps responsiveness out of the comparison. */
const TURN_GAP_MS = 30_000;

export interface Dialogue {
  id: string;
  turns: { role: 'customer' | 'agent'; text: string }[];
  /** Mean of the raters' OVERALL satisfaction, 1-5. */
  rating: number;
}

export class DataError extends Error {}

/** Tab-separated turns (role, text, action, ratings), dialogues separated by blank lines. */
export function parseDialogues(text: string, source: string): Dialogue[] {
  const out: Dialogue[] = [];
  let turns: Dialogue['turns'] = [];
  let rating: number | undefined;
  let startLine = 0;
  const close = () => {
    if (turns.length > 0 && rating !== undefined)
      out.push({ id: `${source}-${out.length + 1}`, turns, rating });
    turns = [];
    rating = undefined;
  };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      close();
      startLine = i + 2;
      return;
    }
    const [role, body = '', , sat = ''] = line.split('\t');
    if (role !== 'USER' && role !== 'SYSTEM')
      throw new DataError(`${source} line ${i + 1}: expected USER or SYSTEM, found "${role}"`);
    if (role === 'USER' && body === 'OVERALL') {
      const votes = sat
        .split(',')
        .map(Number)
        .filter((v) => Number.isFinite(v) && v > 0);
      if (votes.length === 0)
        throw new DataError(
          `${source} line ${i + 1}: OVERALL line without ratings (dialogue from line ${startLine})`,
        );
      rating = votes.reduce((a, b) => a + b, 0) / votes.length;
      return;
    }
    if (body.trim() !== '') turns.push({ role: role === 'USER' ? 'customer' : 'agent', text: body });
  });
  close();
  return out;
}

export function toEvent(d: Dialogue): InteractionEvent {
  return {
    schemaVersion: 1,
    interactionId: d.id,
    revision: 1,
    tenantId: 'eval',
    occurredAt: CLOCK.toISOString(),
    language: 'en',
    agent: { id: 'system', teamId: 'eval' },
    customer: { id: 'user' },
    source: { system: 'user-satisfaction-simulation' },
    channel: 'chat',
    messages: d.turns.map((t, i) => ({
      role: t.role,
      text: t.text,
      sentAt: new Date(CLOCK.getTime() + (i + 1) * TURN_GAP_MS).toISOString(),
    })),
  };
}

/** Average ranks (1-based), ties sharing the mean of their positions. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]![1]] = r;
    i = j + 1;
  }
  return out;
}

function pearson(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  if (n < 3) return null;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? null : sab / Math.sqrt(saa * sbb);
}

/** Spearman's rho over the pairs where the score is not null. */
export function spearman(scores: readonly (number | null)[], ratings: readonly number[]): number | null {
  const keep = scores
    .map((s, i) => [s, ratings[i]!] as const)
    .filter((p): p is [number, number] => p[0] !== null);
  return pearson(ranks(keep.map((p) => p[0])), ranks(keep.map((p) => p[1])));
}
