/**
 * Outcome evaluation: do the engine's customer outcome and overall score rank dialogues the way
 * their customers rated them? Reads the User Satisfaction Simulation dialogues (MultiWOZ and SGD,
 * Sun et al., SIGIR 2021; no licence stated, so EVALUATION ONLY: nothing here fits a weight), turns
 * each dialogue into a chat InteractionEvent (USER = customer, SYSTEM = agent), scores it with the
 * real engine and prints the dialogue-level Spearman correlation with the raters' mean OVERALL
 * satisfaction for:
 *
 *   outcome    the engine's customer outcome (scored.outcome.score)
 *   overall    the engine's overall score
 *   baseline   the AFINN sentiment (`sentiment` package) of the customer's last message
 *
 * per dataset and combined. Last line: one JSON object with the figures.
 *
 *   pnpm eval:outcome [--data <dir with MWOZ.txt and SGD.txt>]
 *
 * The data directory defaults to ../shared/data/satisfaction from the repository root.
 * An evaluation, not a gate: it exits 0 whatever the figures, 1 only when the data cannot be read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import { CLOCK, DataError, parseDialogues, spearman, toEvent, type Dialogue } from './satisfaction-data.js';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment') as new () => { analyze(text: string): { score: number } };

const DATASETS = ['MWOZ', 'SGD'] as const;

interface Row {
  rating: number;
  outcome: number | null;
  overall: number | null;
  baseline: number;
}

function scoreAll(dialogues: readonly Dialogue[]): Row[] {
  const sentiment = new Sentiment();
  return dialogues.map((d) => {
    const scored = scoreInteraction(toEvent(d), { policy: DEFAULT_POLICY, now: () => CLOCK });
    const last = [...d.turns].reverse().find((t) => t.role === 'customer');
    return {
      rating: d.rating,
      outcome: scored.outcome?.score ?? null,
      overall: scored.overall,
      baseline: last ? sentiment.analyze(last.text).score : 0,
    };
  });
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
const fmt = (v: number | null) => (v === null ? '     -' : v.toFixed(3).padStart(6));

function figures(rows: readonly Row[]) {
  const ratings = rows.map((r) => r.rating);
  return {
    dialogues: rows.length,
    outcome: round(
      spearman(
        rows.map((r) => r.outcome),
        ratings,
      ),
    ),
    overall: round(
      spearman(
        rows.map((r) => r.overall),
        ratings,
      ),
    ),
    baseline: round(
      spearman(
        rows.map((r) => r.baseline),
        ratings,
      ),
    ),
  };
}

function dataDir(): string {
  const i = process.argv.indexOf('--data');
  if (i >= 0 && process.argv[i + 1]) return resolve(process.argv[i + 1]!);
  const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
  return join(repo, '..', 'shared', 'data', 'satisfaction');
}

function main(): void {
  const dir = dataDir();
  const rowsBy: Record<string, Row[]> = {};
  for (const name of DATASETS) {
    const file = join(dir, `${name}.txt`);
    if (!existsSync(file)) {
      console.error(`eval:outcome: ${file} not found; pass --data <directory holding MWOZ.txt and SGD.txt>`);
      process.exitCode = 1;
      return;
    }
    try {
      rowsBy[name] = scoreAll(parseDialogues(readFileSync(file, 'utf8'), name));
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      console.error(`eval:outcome: ${err.message}`);
      process.exitCode = 1;
      return;
    }
  }
  const result: Record<string, ReturnType<typeof figures>> = {};
  for (const name of DATASETS) result[name] = figures(rowsBy[name]!);
  result.combined = figures(DATASETS.flatMap((n) => rowsBy[n]!));
  console.log('Spearman rho with rated OVERALL satisfaction (dialogue level)');
  console.log('dataset    dialogues  outcome  overall  baseline(last customer message sentiment)');
  for (const [name, f] of Object.entries(result))
    console.log(
      `${name.padEnd(10)} ${String(f.dialogues).padStart(9)}  ${fmt(f.outcome)}   ${fmt(f.overall)}   ${fmt(f.baseline)}`,
    );
  console.log(JSON.stringify({ eval: 'outcome', ...result }));
}

main();
