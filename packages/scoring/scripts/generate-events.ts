// Writes synthetic interaction events as JSON lines, for the demo and for replay load:
//   pnpm demo:data [--count 2000] [--seed 1] [--out .data/demo/generated.jsonl]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { corpus } from './synthetic-corpus.js';

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
// Recent timestamps, so the events pass the contract's time bounds on any day.
const shift = Date.now() - 30 * 86_400_000 - Date.parse('2025-06-02T08:00:00Z');
const move = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
const lines = corpus(seed, count).map((e, i) => {
  const event = structuredClone(e) as unknown as Record<string, unknown>;
  event.interactionId = `demo-${seed}-${i}`;
  event.occurredAt = move(e.occurredAt);
  if (e.channel === 'call') event.segments = e.segments;
  else event.messages = e.messages.map((m) => ({ ...m, sentAt: move(m.sentAt) }));
  return JSON.stringify(event);
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} events to ${out}`);
