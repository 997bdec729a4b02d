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
  noAgentSideConfigured,
  noAgentSideProblem,
  parseMail,
  PROBLEM_CODES,
  problem,
  RowGrouper,
  scanThreadFacts,
  threadEvent,
  threadMails,
  ThreadIndex,
  type Adapted,
  type Candidate,
  type Format,
  type IngestOptions,
  type MailRecord,
  type Problem,
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

/** Where a reader delivers: each event as soon as it is whole, each problem as found. */
export interface ImportSink {
  candidate(c: Candidate): Promise<void>;
  problem(p: Problem): void;
}

/** Bytes a format reads per byte of input: an mbox is read twice (threads first, then bodies). */
export const passesOf = (format: Format): number => (format === 'mbox' ? 2 : 1);

/** Reads the files of one import and delivers what the adapters make of them to the sink. */
export async function readImport(
  files: readonly string[],
  format: Format,
  options: IngestOptions,
  onBytes: OnBytes,
  sink: ImportSink,
): Promise<void> {
  const deliver = async (a: Adapted) => {
    for (const p of a.problems) sink.problem(p);
    for (const c of a.candidates) await sink.candidate(c);
  };
  // .eml threads and generic conversations may span files, so they are assembled across all of them.
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
          problems.forEach((p) => sink.problem(p));
          for (const r of records) await deliver(VENDOR[format](r.value, options, file, r.record));
          break;
        }
        case 'eml': {
          const raw = await readFile(file);
          onBytes(raw.length);
          const r = await parseMail(raw, file, 'the message');
          if (r.mail) mails.push(r.mail);
          r.problems.forEach((p) => sink.problem(p));
          break;
        }
        case 'mbox':
          await readMbox(file, options, onBytes, deliver);
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
          await deliver(adaptTranscript(format, text, options, { file, callId, startedAt }));
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
      sink.problem(
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
  if (format === 'eml')
    await deliver(threadMails(mails, options, files.length === 1 ? files[0]! : `${files.length} files`));
  if (format === 'csv' || format === 'jsonl') await deliver(rows.finish());
}

async function eachMboxMessage(
  file: string,
  onBytes: OnBytes,
  each: (raw: Buffer, index: number) => Promise<void> | void,
) {
  const splitter = new MboxSplitter();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    onBytes(buf.length);
    for (const p of splitter.push(buf)) await each(p.raw, p.index);
  }
  for (const p of splitter.end()) await each(p.raw, p.index);
}

/**
 * An mbox in two streaming passes, so memory holds the open threads, not the mailbox: the first
 * reads only headers and learns each thread's last message; the second parses bodies and hands
 * a thread on as soon as its last message is read. Threads are formed within one mbox file.
 */
async function readMbox(
  file: string,
  options: IngestOptions,
  onBytes: OnBytes,
  deliver: (a: Adapted) => Promise<void>,
) {
  if (noAgentSideConfigured(options.mapping)) {
    onBytes(2 * statSync(file).size);
    return deliver({ candidates: [], problems: [noAgentSideProblem(file)] });
  }
  const index = new ThreadIndex(options.mapping);
  await eachMboxMessage(file, onBytes, (raw) => index.add(scanThreadFacts(raw)));
  const open = new Map<string, MailRecord[]>();
  await eachMboxMessage(file, onBytes, async (raw, n) => {
    const seq = n - 1;
    const thread = index.threadOf(seq);
    const r = await parseMail(raw, file, `message ${n}`);
    const problems = r.problems;
    let list = open.get(thread);
    if (r.mail) {
      if (!list) open.set(thread, (list = []));
      list.push(r.mail);
    }
    if (index.isLastOfThread(seq)) {
      open.delete(thread);
      const made =
        list && list.length > 0 ? threadEvent(list, options, index) : { candidates: [], problems: [] };
      await deliver({ candidates: made.candidates, problems: [...problems, ...made.problems] });
    } else await deliver({ candidates: [], problems });
  });
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
