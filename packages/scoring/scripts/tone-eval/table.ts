/** Reading a labelled CSV or TSV file for `pnpm eval:tone --file`, with errors a user can act on. */
import { existsSync, readFileSync } from 'node:fs';
import { parseCsv } from '../../src/politeness/csv.js';

export const TONE_EVAL_ERROR_CODES = [
  'TONE_EVAL_USAGE',
  'TONE_EVAL_FILE_NOT_FOUND',
  'TONE_EVAL_COLUMN_NOT_FOUND',
  'TONE_EVAL_NO_EXAMPLES',
  'TONE_EVAL_DATASET_UNAVAILABLE',
] as const;
export type ToneEvalErrorCode = (typeof TONE_EVAL_ERROR_CODES)[number];

export class ToneEvalError extends Error {
  override readonly name = 'ToneEvalError';
  constructor(
    readonly code: ToneEvalErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Table {
  header: string[];
  rows: string[][];
}

/** TSV when the name ends in .tsv or the first line has tabs and no commas; else CSV (RFC 4180). */
export function readTable(path: string): Table {
  if (!existsSync(path))
    throw new ToneEvalError(
      'TONE_EVAL_FILE_NOT_FOUND',
      `no file at ${path}: pass --file with the path of a CSV or TSV file that has a header row`,
    );
  const text = readFileSync(path, 'utf8');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const tsv = path.endsWith('.tsv') || (firstLine.includes('\t') && !firstLine.includes(','));
  const all = tsv
    ? text
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .filter((l) => l !== '')
        .map((l) => l.split('\t'))
    : parseCsv(text);
  const [header, ...rows] = all;
  return { header: (header ?? []).map((h) => h.trim()), rows };
}

export function columnIndex(table: Table, name: string, flag: string): number {
  const i = table.header.indexOf(name);
  if (i < 0)
    throw new ToneEvalError(
      'TONE_EVAL_COLUMN_NOT_FOUND',
      `no column "${name}" (${flag}) in the header; the columns are: ${table.header.join(', ')}`,
    );
  return i;
}
