import { createReadStream, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  adaptFreshdeskTicket,
  adaptIntercomConversation,
  adaptTranscript,
  adaptZendeskTicket,
  createCsvRowParser,
  FORMATS,
  jsonRecords,
  MboxSplitter,
  parseMail,
  PROBLEM_CODES,
  problem,
  RowGrouper,
  threadMails,
  type Adapted,
  type Format,
  type IngestOptions,
  type MailRecord,
} from '@rapport/ingest';

/**
 * The I/O half of `rapport import`: finds the files, reads them (streaming where a file can be
 * large) and hands their content to the pure adapters of @rapport/ingest. Nothing here decides
 * what a record means.
 */

/** Files of a path for a format: the path itself, or the matching files of a directory, sorted. */
export function listImportFiles(path: string, format: Format): string[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) throw new Error(`no such file or directory: ${path}`);
  if (st.isFile()) return [path];
  const exts: readonly string[] = FORMATS[format].extensions;
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && exts.includes(extname(d.name).toLowerCase()) && !d.name.startsWith('.'))
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

export type OnBytes = (n: number) => void;

const VENDOR = {
  zendesk: adaptZendeskTicket,
  intercom: adaptIntercomConversation,
  freshdesk: adaptFreshdeskTicket,
} as const;

/** Reads the files of one import and returns what the adapters made of them. */
export async function readImport(
  files: readonly string[],
  format: Format,
  options: IngestOptions,
  onBytes: OnBytes,
): Promise<Adapted> {
  const out: Adapted = { candidates: [], problems: [] };
  const add = (a: Adapted) => {
    for (const c of a.candidates) out.candidates.push(c);
    for (const p of a.problems) out.problems.push(p);
  };
  // E-mail threads and generic conversations may span files, so they are assembled across all of them.
  const mails: MailRecord[] = [];
  const rows = new RowGrouper(options);
  for (const file of files) {
    try {
      switch (format) {
        case 'zendesk':
        case 'intercom':
        case 'freshdesk': {
          const text = await readFile(file, 'utf8');
          onBytes(Buffer.byteLength(text));
          const { records, problems } = jsonRecords(text, file);
          out.problems.push(...problems);
          for (const r of records) add(VENDOR[format](r.value, options, file, r.record));
          break;
        }
        case 'eml': {
          const raw = await readFile(file);
          onBytes(raw.length);
          const r = await parseMail(raw, file, 'the message');
          if (r.mail) mails.push(r.mail);
          out.problems.push(...r.problems);
          break;
        }
        case 'mbox':
          await readMbox(file, mails, out, onBytes);
          break;
        case 'webvtt':
        case 'srt':
        case 'transcribe':
        case 'segments': {
          const text = await readFile(file, 'utf8');
          onBytes(Buffer.byteLength(text));
          // A transcript says how far into the call, not when: the file's time stands in for the
          // start unless the transcript names it (generic segments' startedAt).
          const startedAt = statSync(file).mtime.toISOString();
          const callId = basename(file, extname(file));
          add(adaptTranscript(format, text, options, { file, callId, startedAt }));
          break;
        }
        case 'csv':
          await readCsv(file, rows, onBytes);
          break;
        case 'jsonl':
          await readJsonl(file, rows, onBytes);
          break;
      }
    } catch (e) {
      out.problems.push(
        problem(
          'error',
          PROBLEM_CODES.UNREADABLE,
          file,
          'the file',
          `could not be read: ${(e as Error).message}`,
        ),
      );
    }
  }
  if (format === 'eml' || format === 'mbox')
    add(threadMails(mails, options, files.length === 1 ? files[0]! : `${files.length} files`));
  if (format === 'csv' || format === 'jsonl') add(rows.finish());
  return out;
}

async function readMbox(file: string, mails: MailRecord[], out: Adapted, onBytes: OnBytes): Promise<void> {
  const splitter = new MboxSplitter();
  const take = async (parts: { raw: Buffer; index: number }[]) => {
    for (const p of parts) {
      const r = await parseMail(p.raw, file, `message ${p.index}`);
      if (r.mail) mails.push(r.mail);
      for (const x of r.problems) out.problems.push(x);
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    onBytes(buf.length);
    await take(splitter.push(buf));
  }
  await take(splitter.end());
}

async function readCsv(file: string, rows: RowGrouper, onBytes: OnBytes): Promise<void> {
  const input = createReadStream(file);
  input.on('data', (c) => onBytes((c as Buffer).length));
  const parser = input.pipe(createCsvRowParser());
  let n = 1; // the header is line 1
  try {
    for await (const row of parser) rows.add(row as Record<string, unknown>, file, `row ${++n}`);
  } catch (e) {
    rows.out.problems.push(
      problem('error', PROBLEM_CODES.UNREADABLE, file, `after row ${n}`, `not CSV: ${(e as Error).message}`),
    );
  }
}

async function readJsonl(file: string, rows: RowGrouper, onBytes: OnBytes): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    onBytes(Buffer.byteLength(line) + 1);
    rows.addJsonLine(line, file, `line ${n}`);
  }
}
