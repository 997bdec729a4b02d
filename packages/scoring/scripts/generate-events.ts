// Writes synthetic interaction events as JSON lines, for the demo and for replay load:
//   pnpm demo:data [--count 2000] [--seed 1] [--out .data/demo/generated.jsonl]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { corpus } from './synthetic-corpus.js';
import { seededRandom } from '../src/text/random.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const count = Number(arg('count', '2000'));
const seed = Number(arg('seed', '1'));
const out = arg('out', '.data/demo/generated.jsonl');
if (!Number.isInteger(count) || count < 1) {
  console.error('--count must be a whole number of 1 or more');
  process.exit(2);
}
// A help desk to look at: one tenant ("acme", as in the golden corpus), four teams of named
// agents, conversations over the last eight weeks, mostly in office hours (so scorecards have
// trends and the coverage view has busy and quiet hours).
const TEAMS: Record<string, string[]> = {
  orders: ['Mia Hansen', 'Oliver Berg', 'Sofia Lund', 'Noah Dahl', 'Ella Vik', 'Lucas Holm'],
  billing: ['Freja Nielsen', 'William Krog', 'Alma Juhl', 'Oscar Bach', 'Ida Friis', 'Carl Mortensen'],
  accounts: ['Emma Storm', 'Victor Lind', 'Clara Ravn', 'Emil Kjær', 'Agnes Moe', 'Felix Brandt'],
  'tech-support': ['Anna Winther', 'Hugo Skov', 'Laura Falk', 'Karl Bjerre', 'Maja Gram', 'Aksel Dam'],
};
const ROSTER = Object.entries(TEAMS).flatMap(([teamId, names], t) =>
  names.map((name, n) => ({ id: `ag-${t + 1}${String(n + 1).padStart(2, '0')}`, name, teamId })),
);
const r = seededRandom(seed * 7919 + 13);
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const HOUR = 3_600_000;
function occurredAt(): number {
  const day = today - (1 + Math.floor(r() * 56)) * 24 * HOUR;
  const weekend = [0, 6].includes(new Date(day).getUTCDay());
  // Office hours 07-18 UTC most of the time; evenings and weekends are thin.
  if (weekend && r() < 0.7) return occurredAt();
  const hour = r() < 0.88 ? 7 + Math.floor(r() * 11) : 18 + Math.floor(r() * 5);
  return day + hour * HOUR + Math.floor(r() * HOUR);
}
const lines = corpus(seed, count).map((e, i) => {
  const shift = occurredAt() - Date.parse(e.occurredAt);
  const move = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  const agent = ROSTER[Math.floor(r() * ROSTER.length)]!;
  const event = structuredClone(e) as unknown as Record<string, unknown>;
  event.interactionId = `demo-${seed}-${i}`;
  event.tenantId = 'acme';
  event.agent = agent;
  event.occurredAt = move(e.occurredAt);
  if (e.channel === 'call') event.segments = e.segments;
  else event.messages = e.messages.map((m) => ({ ...m, sentAt: move(m.sentAt) }));
  return JSON.stringify(event);
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} events to ${out}`);
