/**
 * The Stanford Politeness Corpus file format and the paper's labelling protocol
 * (Danescu-Niculescu-Mizil et al., ACL 2013): requests in the top quartile of the normalized
 * politeness score are polite, those in the bottom quartile impolite, the middle half is dropped.
 */
import { readFileSync } from 'node:fs';
import { CsvError, parseCsv } from './csv.js';

export interface AnnotatedRequest {
  id: string;
  request: string;
  score: number;
}

export interface LabelledRequest extends AnnotatedRequest {
  /** 1 = polite (top quartile), 0 = impolite (bottom quartile). */
  label: 0 | 1;
}

export class PolitenessDataError extends Error {
  override name = 'PolitenessDataError';
}

const REQUIRED = ['Id', 'Request', 'Normalized Score'] as const;

/** Reads the annotated requests from CSV text; `source` names the file in error messages. */
export function parseAnnotatedCsv(text: string, source: string): AnnotatedRequest[] {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw new PolitenessDataError(`${source}: malformed CSV: ${err.message}`);
    throw err;
  }
  const header = rows[0];
  if (header === undefined || rows.length < 2) {
    throw new PolitenessDataError(
      `${source}: no data rows. Expected a header line with the columns ${REQUIRED.join(', ')} and one request per row.`,
    );
  }
  const columns = header.map((h) => h.trim());
  const index = new Map<string, number>();
  for (const name of REQUIRED) {
    const at = columns.indexOf(name);
    if (at < 0) {
      throw new PolitenessDataError(
        `${source}: missing column "${name}" (found: ${columns.join(', ')}). ` +
          `The file must have the Stanford Politeness Corpus columns (Community, Id, Request, Score1-5, TurkId1-5, Normalized Score).`,
      );
    }
    index.set(name, at);
  }
  const idAt = index.get('Id') ?? 0;
  const requestAt = index.get('Request') ?? 0;
  const scoreAt = index.get('Normalized Score') ?? 0;
  const out: AnnotatedRequest[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    // Blank lines (one empty field) are tolerated; anything else must be complete.
    if (row.length === 1 && row[0] === '') continue;
    const id = row[idAt];
    const request = row[requestAt];
    const rawScore = row[scoreAt];
    if (id === undefined || request === undefined || rawScore === undefined) {
      throw new PolitenessDataError(
        `${source}: data row ${r} has ${row.length} fields, the header has ${columns.length}; check its quoting.`,
      );
    }
    const score = Number(rawScore);
    if (rawScore.trim() === '' || !Number.isFinite(score)) {
      throw new PolitenessDataError(
        `${source}: data row ${r} (Id ${id}): "Normalized Score" is not a number: ${JSON.stringify(rawScore)}.`,
      );
    }
    out.push({ id, request, score });
  }
  if (out.length < 4) {
    throw new PolitenessDataError(
      `${source}: ${out.length} data rows; at least 4 are needed to form quartiles.`,
    );
  }
  return out;
}

/**
 * Keeps the bottom and top quarter of the requests by score (floor(n/4) each), labelled 0 and 1.
 * Ties are broken by Id and then text so the split does not depend on row order.
 */
export function quartileLabels(rows: readonly AnnotatedRequest[]): LabelledRequest[] {
  const sorted = [...rows].sort(
    (a, b) => a.score - b.score || compareStrings(a.id, b.id) || compareStrings(a.request, b.request),
  );
  const k = Math.floor(sorted.length / 4);
  const low = sorted.slice(0, k).map((r) => ({ ...r, label: 0 as const }));
  const high = sorted.slice(sorted.length - k).map((r) => ({ ...r, label: 1 as const }));
  return [...low, ...high];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads and parses an annotated CSV file, turning file-system errors into actionable messages. */
export function readAnnotatedFile(path: string, hint: string): AnnotatedRequest[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PolitenessDataError(`${path}: file not found. ${hint}`);
    if (code === 'EISDIR')
      throw new PolitenessDataError(`${path}: is a directory, expected a CSV file. ${hint}`);
    throw new PolitenessDataError(`${path}: cannot read (${code ?? String(err)}). ${hint}`);
  }
  return parseAnnotatedCsv(text, path);
}
