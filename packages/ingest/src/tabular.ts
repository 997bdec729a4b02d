import { parse as parseCsvStream } from 'csv-parse';
import { parse as parseCsvSync } from 'csv-parse/sync';
import type { InteractionEventInput } from '@rapport/schemas';
import { agentFor, asString, type Adapted } from './adapter.js';
import { interactionIdOf, pseudonym, revisionOf } from './ids.js';
import type { IngestOptions } from './options.js';
import { PROBLEM_CODES, problem } from './problem.js';

/**
 * Rapport's generic row format, one message per CSV row or JSONL line. Column names can be
 * renamed with the mapping's `columns` ({"text": "Body", ...}).
 */
export const GENERIC_FIELDS = [
  'conversation_id',
  'channel',
  'role',
  'sent_at',
  'text',
  'subject',
  'agent_id',
  'agent_name',
  'team_id',
  'customer_id',
  'source',
] as const;
type Field = (typeof GENERIC_FIELDS)[number];
const REQUIRED: readonly Field[] = ['conversation_id', 'role', 'sent_at', 'text'];
const ROLES = new Set(['agent', 'customer', 'bot', 'system']);

interface Row {
  role: 'agent' | 'customer' | 'bot' | 'system';
  sentAt: string;
  text: string;
  subject?: string;
}

interface Conversation {
  id: string;
  channel: 'email' | 'chat';
  source: string;
  file: string;
  firstRecord: string;
  agentId?: string;
  agentName?: string;
  teamId?: string;
  customerId?: string;
  rows: Row[];
}

/**
 * Collects rows into conversations (rows of one conversation need not be adjacent), then makes
 * one event per conversation. Memory holds the rows' text until `finish`.
 */
export class RowGrouper {
  private readonly conversations = new Map<string, Conversation>();
  readonly out: Adapted = { candidates: [], problems: [] };

  constructor(private readonly options: IngestOptions) {}

  private get(row: Record<string, unknown>, field: Field): string | undefined {
    const v = asString(row[this.options.mapping.columns[field] ?? field]);
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  add(row: Record<string, unknown>, file: string, record: string): void {
    const missing = REQUIRED.filter((f) => this.get(row, f) === undefined);
    if (missing.length > 0) {
      const names = missing.map((f) => this.options.mapping.columns[f] ?? f);
      this.out.problems.push(
        problem(
          'error',
          PROBLEM_CODES.BAD_RECORD,
          file,
          record,
          `missing ${names.join(', ')} (required: ${REQUIRED.join(', ')})`,
        ),
      );
      return;
    }
    const role = this.get(row, 'role')!.toLowerCase();
    if (!ROLES.has(role)) {
      this.out.problems.push(
        problem(
          'error',
          PROBLEM_CODES.BAD_RECORD,
          file,
          record,
          `role "${role}" is not one of agent, customer, bot, system`,
        ),
      );
      return;
    }
    const sentAt = this.get(row, 'sent_at')!;
    if (Number.isNaN(Date.parse(sentAt))) {
      this.out.problems.push(
        problem(
          'error',
          PROBLEM_CODES.BAD_RECORD,
          file,
          record,
          `sent_at "${sentAt}" is not an ISO-8601 date-time`,
        ),
      );
      return;
    }
    const channel = (this.get(row, 'channel') ?? 'chat').toLowerCase();
    if (channel !== 'chat' && channel !== 'email') {
      this.out.problems.push(
        problem(
          'error',
          PROBLEM_CODES.BAD_RECORD,
          file,
          record,
          `channel "${channel}" must be chat or email (calls come as transcripts)`,
        ),
      );
      return;
    }
    const id = this.get(row, 'conversation_id')!;
    const source = this.get(row, 'source') ?? 'import';
    const key = `${source}\u0000${id}`;
    let conv = this.conversations.get(key);
    if (!conv) {
      conv = { id, channel, source, file, firstRecord: record, rows: [] };
      this.conversations.set(key, conv);
    }
    // A conversation's people are given on any of its rows; the first mention wins.
    conv.agentId ??= this.get(row, 'agent_id');
    conv.agentName ??= this.get(row, 'agent_name');
    conv.teamId ??= this.get(row, 'team_id');
    conv.customerId ??= this.get(row, 'customer_id');
    const subject = this.get(row, 'subject');
    conv.rows.push({
      role: role as Row['role'],
      sentAt,
      text: this.get(row, 'text')!,
      ...(subject ? { subject } : {}),
    });
  }

  /** One JSON Lines line: a row object, a blank line (skipped), or a reported problem. */
  addJsonLine(line: string, file: string, record: string): void {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      this.out.problems.push(
        problem('error', PROBLEM_CODES.UNREADABLE, file, record, `not JSON: ${(e as Error).message}`),
      );
      return;
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      this.out.problems.push(
        problem('error', PROBLEM_CODES.BAD_RECORD, file, record, 'a line must be one JSON object'),
      );
      return;
    }
    this.add(row as Record<string, unknown>, file, record);
  }

  finish(): Adapted {
    const { tenantId, mapping } = this.options;
    for (const c of this.conversations.values()) {
      const label = `conversation ${c.id} (first at ${c.firstRecord})`;
      const rows = c.rows.sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
      if (!c.agentId)
        this.out.problems.push(
          problem(
            'warning',
            PROBLEM_CODES.NO_AGENT,
            c.file,
            label,
            'no agent_id on any row: attributed to the fallback agent',
          ),
        );
      const agent = agentFor(mapping, c.source, c.agentId, c.agentName, c.teamId);
      const first = rows[0]!;
      const common = {
        interactionId: interactionIdOf(c.source, c.id),
        revision: revisionOf(rows.at(-1)!.sentAt),
        tenantId,
        occurredAt: new Date(Date.parse(first.sentAt)).toISOString(),
        agent: c.agentId ? { ...agent, id: mapping.agents[c.agentId]?.id ?? c.agentId } : agent,
        customer: { id: pseudonym(tenantId, c.source, c.customerId ?? `conversation:${c.id}`) },
        source: { system: c.source, externalId: c.id },
      };
      const iso = (s: string) => new Date(Date.parse(s)).toISOString();
      const event: InteractionEventInput =
        c.channel === 'chat'
          ? {
              ...common,
              channel: 'chat',
              messages: rows.map((r) => ({ role: r.role, sentAt: iso(r.sentAt), text: r.text })),
            }
          : {
              ...common,
              channel: 'email',
              messages: rows.map((r) => ({
                role: r.role as 'agent' | 'customer',
                sentAt: iso(r.sentAt),
                ...(r.subject ? { subject: r.subject } : {}),
                bodyText: r.text,
              })),
            };
      this.out.candidates.push({ event, file: c.file, record: label, messages: rows.length });
    }
    this.conversations.clear();
    return this.out;
  }
}

// Header row names the columns; a BOM (Excel) is dropped; rows may carry fewer columns than the header.
const CSV_OPTIONS = { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true } as const;

/** A streaming CSV parser yielding one object per row, keyed by the header: pipe a file into it. */
export const createCsvRowParser = () => parseCsvStream(CSV_OPTIONS);

/** A whole CSV text to events (small files and tests; the CLI streams with createCsvRowParser). */
export function adaptCsvText(text: string, options: IngestOptions, file: string): Adapted {
  const grouper = new RowGrouper(options);
  let rows: Record<string, unknown>[];
  try {
    rows = parseCsvSync<Record<string, unknown>>(text, CSV_OPTIONS);
  } catch (e) {
    grouper.out.problems.push(
      problem('error', PROBLEM_CODES.UNREADABLE, file, 'the file', `not CSV: ${(e as Error).message}`),
    );
    return grouper.finish();
  }
  // Line numbers count the header as line 1.
  rows.forEach((row, i) => grouper.add(row, file, `row ${i + 2}`));
  return grouper.finish();
}

/** JSON Lines of generic rows to events. */
export function adaptJsonlText(text: string, options: IngestOptions, file: string): Adapted {
  const grouper = new RowGrouper(options);
  text.split('\n').forEach((line, i) => grouper.addJsonLine(line, file, `line ${i + 1}`));
  return grouper.finish();
}
