/**
 * Labelled data for the text classifiers, read from ../shared/data beside the repository. Every
 * dataset comes out in one shape, `{ id, text, label, lang }`, with ids that name the dataset so
 * `splitOf(id)` gives the same split to every script (training, evaluation, the engine's
 * eval:tone presets).
 *
 * Licences decide what may train shipped weights: see TRAINABLE and packages/scoring/models/CLASSIFIERS.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../src/politeness/csv.js';
import { parseAnnotatedCsv, quartileLabels } from '../../src/politeness/dataset.js';

export { splitOf, type Split } from './split.js';

export interface LabelledText {
  /** "<dataset>:<row id in the source file>". */
  id: string;
  text: string;
  label: 0 | 1;
  lang: 'en' | 'da';
}

export const DATASET_NAMES = [
  /** Davidson et al. 2017 tweets: class 0 hate / 1 offensive = 1, class 2 neither = 0. MIT. */
  'davidson',
  /** OLID v1.0 training set, subtask A: OFF = 1, NOT = 0. Research release, no licence stated. */
  'olid',
  /** OLID subtask B: targeted insult (TIN) = 1, not offensive = 0; untargeted profanity left out. */
  'olid-insult',
  /** DKHate / OffensEval 2020 Danish training split: OFF = 1, NOT = 0. CC BY 4.0. */
  'dkhate',
  /** Stanford Politeness Corpus, Wikipedia requests: bottom quartile (impolite) = 1, top = 0. Apache-2.0. */
  'impolite',
  /** Unhealthy Comment Corpus val: CC BY-NC-SA, evaluation and thresholds only, never shipped weights. */
  'ucc-condescending',
  'ucc-dismissive',
  'ucc-hostile',
  /** Agent turns of the ABCD sample chats, all 0: courteous help-desk replies, a false-alarm check. MIT. */
  'abcd-agent',
] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** The source file a row id names ("olid:86426" -> "olid"); derived sets share their source's. */
export function sourceOf(id: string): string {
  return id.slice(0, id.indexOf(':'));
}

/** The id prefix of a dataset's rows: olid-insult rows are OLID rows, the ucc-* sets share "ucc". */
export function sourceOfDataset(name: DatasetName): string {
  switch (name) {
    case 'olid-insult':
      return 'olid';
    case 'ucc-condescending':
    case 'ucc-dismissive':
    case 'ucc-hostile':
      return 'ucc';
    case 'abcd-agent':
      return 'abcd';
    case 'davidson':
    case 'olid':
    case 'dkhate':
    case 'impolite':
      return name;
  }
}

/** Datasets whose licence allows shipping weights trained on them. */
export const TRAINABLE: ReadonlySet<DatasetName> = new Set([
  'davidson',
  'olid',
  'olid-insult',
  'dkhate',
  'impolite',
]);

export class DatasetError extends Error {
  override name = 'DatasetError';
}

const sharedData = new URL('../../../../../shared/data/', import.meta.url);

function read(relativePath: string): { text: string; path: string } {
  const path = fileURLToPath(new URL(relativePath, sharedData));
  try {
    return { text: readFileSync(path, 'utf8'), path: `../shared/data/${relativePath}` };
  } catch (err) {
    throw new DatasetError(
      `cannot read ../shared/data/${relativePath} (${(err as Error).message}); ` +
        'the labelled data must sit in shared/ beside the repository (see shared/README.md).',
    );
  }
}

/** Rows a loader could not use, with the reason: loaders report them instead of dropping silently. */
export interface LoadReport {
  skipped: { line: number; reason: string }[];
  repaired: { line: number; reason: string }[];
}

const lastReports = new Map<DatasetName, LoadReport>();

export function loadReport(name: DatasetName): LoadReport | undefined {
  return lastReports.get(name);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Davidson's tweets keep HTML entities and retweet markers, which are Twitter's, not the writer's. */
function cleanTweet(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? '')
    .replace(/(^|\s)RT(?=\s|:|$)/g, '$1')
    .trim();
}

function loadDavidson(report: LoadReport): LabelledText[] {
  const { text, path } = read('offensive/en-davidson/labeled_data.csv');
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const idAt = 0;
  const classAt = header.indexOf('class');
  const tweetAt = header.indexOf('tweet');
  if (classAt < 0 || tweetAt < 0) throw new DatasetError(`${path}: expected columns class and tweet`);
  const out: LabelledText[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const cls = row[classAt];
    const tweet = row[tweetAt];
    if (tweet === undefined || (cls !== '0' && cls !== '1' && cls !== '2')) {
      report.skipped.push({ line: r + 1, reason: `class ${JSON.stringify(cls)} is not 0, 1 or 2` });
      continue;
    }
    out.push({
      id: `davidson:${row[idAt]}`,
      text: cleanTweet(tweet),
      label: cls === '2' ? 0 : 1,
      lang: 'en',
    });
  }
  return out;
}

/**
 * Tab-separated OLID-style files. A row whose tabs were typed as spaces (DKHate has one) is
 * recovered when it still reads as "<id> <text> <OFF|NOT>"; anything else is skipped and reported.
 */
function readTsv(relativePath: string, report: LoadReport, columns: number): string[][] {
  const { text, path } = read(relativePath);
  const lines = text.split(/\r?\n/);
  const out: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const fields = line.split('\t');
    if (fields.length === columns) {
      out.push(fields);
      continue;
    }
    const m = /^(\d+)\s+(.*\S)\s+(OFF|NOT)$/.exec(line);
    if (fields.length === 1 && m && columns === 3) {
      report.repaired.push({ line: i + 1, reason: 'fields separated by spaces instead of tabs' });
      out.push([m[1] ?? '', m[2] ?? '', m[3] ?? '']);
      continue;
    }
    report.skipped.push({
      line: i + 1,
      reason: `${fields.length} tab-separated fields, expected ${columns}`,
    });
  }
  if (out.length === 0) throw new DatasetError(`${path}: no rows`);
  return out;
}

function loadOlid(report: LoadReport, insult: boolean): LabelledText[] {
  const rows = readTsv('offensive/en-olid-train/olid-training-v1.0.tsv', report, 5);
  const out: LabelledText[] = [];
  for (const [id, tweet, a, b] of rows) {
    if (a !== 'OFF' && a !== 'NOT') continue;
    if (insult && a === 'OFF' && b !== 'TIN') continue;
    out.push({ id: `olid:${id}`, text: tweet ?? '', label: a === 'OFF' ? 1 : 0, lang: 'en' });
  }
  return out;
}

function loadDkhate(report: LoadReport): LabelledText[] {
  const rows = readTsv('offensive/da-offenseval2020-train/offenseval-da-training-v1.tsv', report, 3);
  const out: LabelledText[] = [];
  for (const [id, text, a] of rows) {
    if (a !== 'OFF' && a !== 'NOT') continue;
    out.push({ id: `dkhate:${id}`, text: (text ?? '').trim(), label: a === 'OFF' ? 1 : 0, lang: 'da' });
  }
  return out;
}

function loadImpolite(): LabelledText[] {
  const { text, path } = read('politeness/wikipedia.annotated.csv');
  return quartileLabels(parseAnnotatedCsv(text, path)).map((r) => ({
    id: `impolite:${r.id}`,
    text: r.request,
    label: r.label === 1 ? 0 : 1,
    lang: 'en' as const,
  }));
}

function loadUcc(attribute: 'condescending' | 'dismissive' | 'hostile'): LabelledText[] {
  const { text, path } = read('unhealthy-comments/val.csv');
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const idAt = header.indexOf('_unit_id');
  const commentAt = header.indexOf('comment');
  const labelAt = header.indexOf(attribute);
  if (idAt < 0 || commentAt < 0 || labelAt < 0) {
    throw new DatasetError(`${path}: expected columns _unit_id, comment and ${attribute}`);
  }
  const out: LabelledText[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const v = row[labelAt];
    if (v !== '0' && v !== '1') continue;
    // One id per comment for every attribute: the split of a comment is the same in all three sets.
    out.push({ id: `ucc:${row[idAt]}`, text: row[commentAt] ?? '', label: v === '1' ? 1 : 0, lang: 'en' });
  }
  return out;
}

interface AbcdConversation {
  convo_id: number;
  original: [string, string][];
}

function loadAbcdAgent(): LabelledText[] {
  const out: LabelledText[] = [];
  const seen = new Set<number>();
  for (const file of ['abcd_sample.json', 'abcd_sample_50_first50train.json']) {
    const { text } = read(`dialogues/abcd-sample/${file}`);
    const parsed = JSON.parse(text) as AbcdConversation[] | { train: AbcdConversation[] };
    const convos = Array.isArray(parsed) ? parsed : parsed.train;
    for (const c of convos) {
      if (seen.has(c.convo_id)) continue;
      seen.add(c.convo_id);
      c.original.forEach(([speaker, turn], i) => {
        if (speaker === 'agent')
          out.push({ id: `abcd:${c.convo_id}:${i}`, text: turn, label: 0, lang: 'en' });
      });
    }
  }
  return out;
}

const cache = new Map<DatasetName, LabelledText[]>();

/** All rows of a dataset (every split); cached per process. */
export function loadDataset(name: DatasetName): LabelledText[] {
  const hit = cache.get(name);
  if (hit) return hit;
  const report: LoadReport = { skipped: [], repaired: [] };
  let rows: LabelledText[];
  switch (name) {
    case 'davidson':
      rows = loadDavidson(report);
      break;
    case 'olid':
      rows = loadOlid(report, false);
      break;
    case 'olid-insult':
      rows = loadOlid(report, true);
      break;
    case 'dkhate':
      rows = loadDkhate(report);
      break;
    case 'impolite':
      rows = loadImpolite();
      break;
    case 'ucc-condescending':
      rows = loadUcc('condescending');
      break;
    case 'ucc-dismissive':
      rows = loadUcc('dismissive');
      break;
    case 'ucc-hostile':
      rows = loadUcc('hostile');
      break;
    case 'abcd-agent':
      rows = loadAbcdAgent();
      break;
  }
  lastReports.set(name, report);
  cache.set(name, rows);
  return rows;
}
