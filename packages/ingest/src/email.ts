import { simpleParser, type AddressObject } from 'mailparser';
import type { InteractionEventInput } from '@rapport/schemas';
import { agentFor, type Adapted } from './adapter.js';
import { interactionIdOf, pseudonym, revisionOf } from './ids.js';
import type { IngestMapping, IngestOptions } from './options.js';
import { PROBLEM_CODES, problem, type Problem } from './problem.js';
import { normaliseSubject } from './text.js';

const SYSTEM = 'email';

/** What threading and scoring need of one e-mail; the raw MIME is not kept. */
export interface MailRecord {
  file: string;
  record: string;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  subject?: string;
  from?: string;
  fromName?: string;
  to: string[];
  sentAt: string;
  text: string;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) =>
    o.value.flatMap((v) => [
      ...(v.address ? [{ address: v.address.toLowerCase(), name: v.name }] : []),
      ...(v.group ?? [])
        .filter((g) => g.address)
        .map((g) => ({ address: g.address!.toLowerCase(), name: g.name })),
    ]),
  );

/**
 * The reply's own words: quoted history (lines starting ">", and everything from an attribution
 * line such as "On Mon, Anna wrote:" or an "Original Message" separator) would be scored again
 * in every later message of the thread.
 */
export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    if (
      /^\s*(On .{4,200} wrote:|Den .{4,200} skrev.*:|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*Oprindelig meddelelse\s*-{2,})\s*$/i.test(
        line,
      )
    )
      break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

/** Parses one RFC 5322 message (an .eml file or one message of an mbox) with mailparser. */
export async function parseMail(
  raw: Buffer | string,
  file: string,
  record: string,
): Promise<{ mail?: MailRecord; problems: Problem[] }> {
  let parsed;
  try {
    parsed = await simpleParser(raw, {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      keepCidLinks: true,
    });
  } catch (e) {
    return {
      problems: [
        problem(
          'error',
          PROBLEM_CODES.UNREADABLE,
          file,
          record,
          `not a readable e-mail: ${(e as Error).message}`,
        ),
      ],
    };
  }
  const label = parsed.messageId ? `${record} (${parsed.messageId})` : record;
  if (!parsed.date || Number.isNaN(parsed.date.getTime()))
    return {
      problems: [
        problem(
          'error',
          PROBLEM_CODES.BAD_RECORD,
          file,
          label,
          'no valid Date header: the message cannot be placed in its thread',
        ),
      ],
    };
  const from = addresses(parsed.from)[0];
  if (!from)
    return { problems: [problem('error', PROBLEM_CODES.BAD_RECORD, file, label, 'no From address')] };
  const text = stripQuoted(parsed.text ?? '');
  const references = typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []);
  return {
    mail: {
      file,
      record: label,
      ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
      ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo.trim().split(/\s+/)[0]! } : {}),
      references,
      ...(parsed.subject ? { subject: parsed.subject } : {}),
      from: from.address,
      ...(from.name ? { fromName: from.name } : {}),
      to: [...addresses(parsed.to), ...addresses(parsed.cc)].map((a) => a.address),
      sentAt: parsed.date.toISOString(),
      text,
    },
    problems: [],
  };
}

/** Whether an address is the help desk's, by the configured addresses and domains. */
export function isAgentAddress(address: string, mapping: IngestMapping): boolean {
  const a = address.toLowerCase();
  if (mapping.agentAddresses.some((x) => x.toLowerCase() === a)) return true;
  const domain = a.slice(a.lastIndexOf('@') + 1);
  return mapping.agentDomains.some((d) => {
    const dd = d.toLowerCase().replace(/^@/, '');
    return domain === dd || domain.endsWith(`.${dd}`);
  });
}

/** The headers threading needs, from mailparser (MailRecord) or a quick header scan (mbox pass one). */
export interface ThreadFacts {
  messageId?: string;
  inReplyTo?: string;
  references: readonly string[];
  subject?: string;
  from?: string;
  to: readonly string[];
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p === x) return x;
    p = this.find(p);
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

const REPLY_PREFIX = /^\s*(re|aw|sv|vs)(\[\d+\])?\s*:/i;

/**
 * Which thread each message belongs to. Messages join by Message-ID, In-Reply-To and References;
 * a reply that lost those headers ("Re: ..." with none) joins the earlier thread with the same
 * normalised subject and the same customer. Add messages oldest first. Holds only ids, so a
 * large mailbox can be indexed in one cheap pass and its threads emitted in a second.
 */
export class ThreadIndex {
  private readonly uf = new UnionFind();
  private readonly bySubject = new Map<string, string>();
  private readonly last = new Map<string, number>();
  private readonly nodes: string[] = [];

  constructor(private readonly mapping: IngestMapping) {}

  customerOf(m: ThreadFacts): string {
    return m.from && !isAgentAddress(m.from, this.mapping)
      ? m.from
      : (m.to.find((a) => !isAgentAddress(a, this.mapping)) ?? '');
  }

  /** Adds message number `seq` (0, 1, 2... in the order added). */
  add(m: ThreadFacts): void {
    const seq = this.nodes.length;
    const me = m.messageId ?? `#${seq}`;
    this.nodes.push(me);
    this.uf.find(me);
    if (m.inReplyTo) this.uf.union(me, m.inReplyTo);
    for (const r of m.references) this.uf.union(me, r);
    const subject = normaliseSubject(m.subject);
    const key = `${subject}\u0000${this.customerOf(m)}`;
    const known = this.bySubject.get(key);
    const headerless = !m.inReplyTo && m.references.length === 0;
    if (headerless && REPLY_PREFIX.test(m.subject ?? '') && known) this.uf.union(me, known);
    else if (!known && subject !== '') this.bySubject.set(key, me);
  }

  /** The thread of message `seq`, once every message has been added. */
  threadOf(seq: number): string {
    return this.uf.find(this.nodes[seq]!);
  }

  /** Whether message `seq` is the last of its thread (its thread can be emitted after it). */
  isLastOfThread(seq: number): boolean {
    if (this.last.size === 0) this.nodes.forEach((_, i) => this.last.set(this.threadOf(i), i));
    return this.last.get(this.threadOf(seq)) === seq;
  }
}

export const noAgentSideConfigured = (mapping: IngestMapping): boolean =>
  mapping.agentAddresses.length === 0 && mapping.agentDomains.length === 0;

export const noAgentSideProblem = (file: string) =>
  problem(
    'error',
    PROBLEM_CODES.BAD_RECORD,
    file,
    'all messages',
    'no agent addresses or domains configured: pass --agent-domains (or agentAddresses/agentDomains in the mapping file) so agent and customer can be told apart',
  );

/** One thread's messages (any order) to one e-mail interaction. */
export function threadEvent(
  messages: readonly MailRecord[],
  options: IngestOptions,
  index: ThreadIndex,
): Adapted {
  const out: Adapted = { candidates: [], problems: [] };
  const { mapping } = options;
  const thread = [...messages].sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
  const first = thread[0]!;
  const label = thread.length === 1 ? first.record : `thread of ${first.record} (${thread.length} messages)`;
  const nonEmpty = thread.filter((m) => m.text !== '');
  if (nonEmpty.length === 0) {
    out.problems.push(
      problem(
        'error',
        PROBLEM_CODES.NOTHING_TO_SCORE,
        first.file,
        label,
        'no message of the thread has text of its own',
      ),
    );
    return out;
  }
  const firstAgent = nonEmpty.find((m) => m.from && isAgentAddress(m.from, mapping));
  if (!firstAgent)
    out.problems.push(
      problem(
        'warning',
        PROBLEM_CODES.NO_AGENT,
        first.file,
        label,
        'no reply from the desk: attributed to the fallback agent',
      ),
    );
  const customer =
    index.customerOf(first) || index.customerOf(nonEmpty[0]!) || `thread:${first.messageId ?? first.sentAt}`;
  // The thread's identity is its origin: References starts with it (RFC 5322), so the id stays
  // the same whether or not the export holds the first message, and as replies are added.
  const key =
    first.references[0] ??
    first.inReplyTo ??
    first.messageId ??
    `${first.from ?? ''}|${first.sentAt}|${first.subject ?? ''}`;
  const event: InteractionEventInput = {
    interactionId: interactionIdOf(SYSTEM, key),
    revision: revisionOf(thread.at(-1)!.sentAt),
    tenantId: options.tenantId,
    occurredAt: first.sentAt,
    agent: agentFor(mapping, SYSTEM, firstAgent?.from, firstAgent?.fromName),
    customer: { id: pseudonym(options.tenantId, SYSTEM, customer) },
    source: { system: SYSTEM, ...(first.messageId ? { externalId: first.messageId.slice(0, 200) } : {}) },
    channel: 'email',
    messages: nonEmpty.map((m) => ({
      role: m.from && isAgentAddress(m.from, mapping) ? ('agent' as const) : ('customer' as const),
      sentAt: m.sentAt,
      ...(m.subject ? { subject: m.subject.slice(0, 200) } : {}),
      bodyText: m.text,
      ...(m.inReplyTo ? { inReplyTo: m.inReplyTo.slice(0, 200) } : {}),
    })),
  };
  out.candidates.push({ event, file: first.file, record: label, messages: nonEmpty.length });
  return out;
}

/**
 * Groups messages into threads (see ThreadIndex) and makes one e-mail interaction per thread.
 * The desk's side is whoever writes from the configured addresses or domains.
 */
export function threadMails(mails: readonly MailRecord[], options: IngestOptions, file: string): Adapted {
  const out: Adapted = { candidates: [], problems: [] };
  if (noAgentSideConfigured(options.mapping)) {
    if (mails.length > 0) out.problems.push(noAgentSideProblem(file));
    return out;
  }
  const index = new ThreadIndex(options.mapping);
  // Oldest first, so a thread's starter claims its subject before a header-less reply looks for it.
  const sorted = [...mails].sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
  sorted.forEach((m) => index.add(m));
  const threads = new Map<string, MailRecord[]>();
  sorted.forEach((m, seq) => {
    const root = index.threadOf(seq);
    const list = threads.get(root);
    if (list) list.push(m);
    else threads.set(root, [m]);
  });
  for (const thread of threads.values()) {
    const a = threadEvent(thread, options, index);
    out.candidates.push(...a.candidates);
    out.problems.push(...a.problems);
  }
  return out;
}
