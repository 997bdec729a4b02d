import type { Collection, Db, Filter, IndexDescription, MongoBulkWriteError } from 'mongodb';
import { isDuplicateKeyError, StoreError } from './errors.js';
import type { Scorecard, ScorecardAgent, ScorecardDayEntries } from '@rapport/schemas';

/** `${tenantId}:${agentId}:${day}`: the _id of an agent-day's scorecard and contributions. */
export const scorecardDayId = (tenantId: string, agentId: string, day: string) =>
  `${tenantId}:${agentId}:${day}`;

/** `${tenantId}:${agentId}:${YYYY-MM}`: the _id of an agent's month of scorecards. */
export const scorecardMonthId = (tenantId: string, agentId: string, dayOrMonth: string) =>
  `${tenantId}:${agentId}:${dayOrMonth.slice(0, 7)}`;

/** `${tenantId}:${agentId}`: the _id of an agent's directory entry. */
export const scorecardAgentId = (tenantId: string, agentId: string) => `${tenantId}:${agentId}`;

/** Which input an interaction index is for: scored interactions and reviews move independently. */
export type ScorecardIndexKind = 'scored' | 'review';

/** Where an interaction's contribution of one kind is counted, and which revision (or review version). */
export interface ScorecardIndexState {
  agentId: string;
  day: string;
  version: number;
}

interface IndexDocument extends ScorecardIndexState {
  /** `${tenantId}:${interactionId}` */
  _id: string;
}

/**
 * The read model: one agent's day scorecards of one calendar month, exactly as published, as a
 * JSON string. FerretDB's cost grows with the number of fields, not bytes (measured on a busy
 * machine: a structured scorecard ~20 ms to read and ~70 ms to replace, as a string ~4 and ~11 ms),
 * and a month per document turns a 30-day period into one or two lookups per agent.
 */
export interface ScorecardMonthDocument {
  /** `${tenantId}:${agentId}:${YYYY-MM}` */
  _id: string;
  tenantId: string;
  agentId: string;
  month: string;
  /** Encoding of `cards`, for a later change of layout. */
  format: 1;
  /** JSON of Scorecard[], sorted by day. */
  cards: string;
}

/**
 * The contributions behind an agent-day (never queried inside), as a JSON string for the same
 * reason. A bot or a shared agent id can gather tens of thousands of interactions a day, more
 * than one 16 MiB document holds: past DAY_PART_CHARS the JSON is cut into parts, the first in
 * this document (`parts` counts them all), the others in `${_id}~${n}` beside it.
 */
interface DayEntriesDocument {
  _id: string;
  tenantId: string;
  agentId: string;
  day: string;
  format: 1;
  /** JSON of ScorecardDayEntries, or its first part. */
  entries: string;
  /** Parts of the JSON (absent: 1). */
  parts?: number;
  /** On a part document: its number (1, 2 ...). */
  part?: number;
}

/**
 * Characters of JSON per day document: at most 3 bytes each in UTF-8, so a part stays far below
 * MongoDB's 16 MiB per document.
 */
export const DAY_PART_CHARS = 2 * 1024 * 1024;
const dayPartId = (dayId: string, part: number) => `${dayId}~${part}`;

export interface ScorecardAgentDocument extends ScorecardAgent {
  _id: string;
}

export interface ScorecardPeriodQuery {
  tenantId: string;
  /** First and last UTC day, both included (YYYY-MM-DD). Validate with parsePeriod from @rapport/scorecards. */
  from: string;
  to: string;
  /** These agents only. */
  agentIds?: readonly string[];
  /** Only days the agents spent in this team (an agent who moved counts for each team on its own days). */
  teamId?: string;
}

export interface ScorecardTeam {
  teamId: string;
  /** Agents whose current team this is, sorted. */
  agentIds: string[];
}

const DEFAULT_CONCURRENCY = 16;
/** Keys per $in query (the patched FerretDB hands up to 1,000 to its _id index). */
const IN_QUERY_CHUNK = 500;

/** The documents of these _ids that exist: one $in query per chunk, chunks `limit` at a time. */
async function findByIds<T extends { _id: string }>(
  coll: Collection<T>,
  ids: readonly string[],
  limit: number,
  onDoc: (doc: T) => void,
): Promise<void> {
  const chunks: string[][] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += IN_QUERY_CHUNK) chunks.push(unique.slice(i, i + IN_QUERY_CHUNK));
  await forEachLimit(chunks, limit, async (chunk) => {
    const filter = { _id: { $in: chunk } } as Filter<T>;
    for (const doc of await coll.find(filter).toArray()) onDoc(doc as T);
  });
}
/** The months (YYYY-MM) from `from`'s to `to`'s, both included. */
function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return out;
    out.push(month);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

const byDay = (a: Scorecard, b: Scorecard) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);

/**
 * Runs `fn` over `items` with at most `limit` in flight. On a failure nothing new starts, and the
 * first error is thrown only once everything in flight has settled: a retry of the batch must
 * never overlap writes of the attempt that failed (FerretDB upserts are not atomic).
 */
async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      try {
        await fn(items[next++]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

const isBusy = (err: unknown) => /SQLITE_BUSY|database is locked/.test(String((err as Error)?.message));

/**
 * FerretDB's SQLite backend has one writer at a time and answers a write that waited too long
 * with SQLITE_BUSY: worth retrying that one write shortly, rather than the whole batch. An upsert
 * (idempotent) is also retried on a duplicate key: FerretDB upserts look up, then insert.
 */
async function retryBusy<T>(op: () => Promise<T>, upsert = false): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (!(isBusy(err) || (upsert && isDuplicateKeyError(err))) || attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 5) * (0.5 + Math.random())));
    }
  }
}

/** Indexes of documents rejected only because their _id exists; rethrows anything else. */
function duplicateIndexes(err: unknown, count: number): number[] {
  const raw = (err as Partial<MongoBulkWriteError>).writeErrors as unknown;
  const list = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) as {
    code?: number;
    index?: number;
  }[];
  if (list.length === 0 || list.length > count || list.some((e) => e.code !== 11000 || e.index === undefined))
    throw err;
  return list.map((e) => e.index!);
}

const withoutId = <T extends { _id: string }>({ _id: _ignored, ...rest }: T): Omit<T, '_id'> => rest;

/**
 * Scorecards in MongoDB. Every hot-path read and write is by _id: an index look-up on MongoDB and
 * on the patched FerretDB (infra/README.md), where any other filter decodes every document of the
 * collection in Go. Reads of many keys are one $in query per chunk. Writes need no version
 * guard (FerretDB updates are not atomic anyway, measured): the scorecards worker gives each
 * agent exactly one writer, the consumer that owns the agent's partition of the updates topic.
 *
 * Collections: `scorecards` (the read model, one document per agent-month), `scorecard_days`
 * (the contributions behind each agent-day), `scorecard_agents` (the directory),
 * `scorecard_scored_index` and `scorecard_review_index` (where each interaction is counted).
 */
export class ScorecardsRepository {
  readonly months: Collection<ScorecardMonthDocument>;
  readonly agents: Collection<ScorecardAgentDocument>;
  private readonly days: Collection<DayEntriesDocument>;
  private readonly index: Record<ScorecardIndexKind, Collection<IndexDocument>>;
  private readonly concurrency: number;

  private readonly dayPartChars: number;
  /**
   * Parts of the days loaded and not saved yet (a load precedes each save of the same days, and
   * the worker is the only writer of its agents' days); only days of more than one part.
   */
  private readonly knownParts = new Map<string, number>();

  constructor(db: Db, options: { concurrency?: number; dayPartChars?: number } = {}) {
    this.dayPartChars = options.dayPartChars ?? DAY_PART_CHARS;
    this.months = db.collection<ScorecardMonthDocument>('scorecards');
    this.days = db.collection<DayEntriesDocument>('scorecard_days');
    this.agents = db.collection<ScorecardAgentDocument>('scorecard_agents');
    this.index = {
      scored: db.collection<IndexDocument>('scorecard_scored_index'),
      review: db.collection<IndexDocument>('scorecard_review_index'),
    };
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  }

  /**
   * The directory lookup by tenant (a scan on FerretDB, small: one document per agent). Creates
   * only what is missing: FerretDB 1.24 drops the connection on createIndexes for existing indexes.
   */
  async ensureIndexes(): Promise<void> {
    const wanted: (IndexDescription & { name: string })[] = [
      { key: { tenantId: 1, agentId: 1 }, name: 'tenant_agents' },
    ];
    const listed: { name?: unknown }[] = await this.agents
      .listIndexes()
      .toArray()
      .catch(() => []);
    const existing = new Set(listed.map((i) => String(i.name)));
    const missing = wanted.filter((i) => !existing.has(i.name));
    if (missing.length > 0) await this.agents.createIndexes(missing);
  }

  // --- the worker's stage 1: where each interaction is counted ---

  /** Inserts the states of interactions not indexed yet (one batched insert); returns the keys that already were. */
  async claimIndex(
    kind: ScorecardIndexKind,
    states: ReadonlyMap<string, ScorecardIndexState>,
  ): Promise<Set<string>> {
    const docs: IndexDocument[] = [...states].map(([key, s]) => ({
      _id: key,
      agentId: s.agentId,
      day: s.day,
      version: s.version,
    }));
    if (docs.length === 0) return new Set();
    try {
      await retryBusy(() => this.index[kind].insertMany(docs, { ordered: false }));
      return new Set();
    } catch (err) {
      return new Set(duplicateIndexes(err, docs.length).map((i) => docs[i]!._id));
    }
  }

  async loadIndex(
    kind: ScorecardIndexKind,
    keys: readonly string[],
  ): Promise<Map<string, ScorecardIndexState>> {
    const out = new Map<string, ScorecardIndexState>();
    await findByIds(this.index[kind], keys, this.concurrency, (doc) =>
      out.set(doc._id, { agentId: doc.agentId, day: doc.day, version: doc.version }),
    );
    return out;
  }

  async saveIndex(kind: ScorecardIndexKind, states: ReadonlyMap<string, ScorecardIndexState>): Promise<void> {
    await forEachLimit([...states], this.concurrency, async ([key, s]) => {
      await retryBusy(
        () =>
          this.index[kind].replaceOne(
            { _id: key },
            { agentId: s.agentId, day: s.day, version: s.version },
            { upsert: true },
          ),
        true,
      );
    });
  }

  // --- the worker's stage 2: agent-days, one writer per agent ---

  async loadDays(dayIds: readonly string[]): Promise<Map<string, ScorecardDayEntries>> {
    const heads: DayEntriesDocument[] = [];
    await findByIds(this.days, dayIds, this.concurrency, (doc) => heads.push(doc));
    const partIds = heads.flatMap((h) =>
      Array.from({ length: Math.max(0, (h.parts ?? 1) - 1) }, (_, k) => dayPartId(h._id, k + 1)),
    );
    const parts = new Map<string, string>();
    await findByIds(this.days, partIds, this.concurrency, (doc) => parts.set(doc._id, doc.entries));
    const out = new Map<string, ScorecardDayEntries>();
    for (const h of heads) {
      const count = h.parts ?? 1;
      if (count > 1) this.knownParts.set(h._id, count);
      let json = h.entries;
      for (let k = 1; k < count; k++) {
        const part = parts.get(dayPartId(h._id, k));
        if (part === undefined)
          throw new StoreError(
            'STORE_WRITE_FAILED',
            `part ${k} of the scorecard day ${h._id} is missing: it is rewritten at the day's next change`,
          );
        json += part;
      }
      out.set(h._id, JSON.parse(json) as ScorecardDayEntries);
    }
    return out;
  }

  /**
   * Writes the scorecards of each agent-month (read, merge, replace), then the days'
   * contributions: contributions that are current imply current scorecards, so a repeated batch
   * may skip days whose contributions did not change.
   */
  async saveDays(days: readonly { entries: ScorecardDayEntries; card: Scorecard }[]): Promise<void> {
    const byMonth = new Map<string, Scorecard[]>();
    for (const { card } of days) {
      const id = scorecardMonthId(card.tenantId, card.agentId, card.day);
      byMonth.set(id, [...(byMonth.get(id) ?? []), card]);
    }
    // The stored months in one $in (this worker is their only writer: nothing changes them meanwhile).
    const stored = new Map<string, string>();
    await findByIds(this.months, [...byMonth.keys()], this.concurrency, (doc) =>
      stored.set(doc._id, doc.cards),
    );
    await forEachLimit([...byMonth], this.concurrency, async ([id, cards]) => {
      const prior = stored.get(id);
      const merged = new Map((prior ? (JSON.parse(prior) as Scorecard[]) : []).map((c) => [c.day, c]));
      for (const c of cards) merged.set(c.day, c);
      const first = cards[0]!;
      const next: Omit<ScorecardMonthDocument, '_id'> = {
        tenantId: first.tenantId,
        agentId: first.agentId,
        month: first.day.slice(0, 7),
        format: 1,
        cards: JSON.stringify([...merged.values()].sort(byDay)),
      };
      await retryBusy(() => this.months.replaceOne({ _id: id }, next, { upsert: true }), true);
    });
    await forEachLimit(days, this.concurrency, async ({ entries }) => {
      const id = scorecardDayId(entries.tenantId, entries.agentId, entries.day);
      const json = JSON.stringify(entries);
      const pieces: string[] = [];
      for (let at = 0; at < json.length || pieces.length === 0; at += this.dayPartChars)
        pieces.push(json.slice(at, at + this.dayPartChars));
      const base = {
        tenantId: entries.tenantId,
        agentId: entries.agentId,
        day: entries.day,
        format: 1 as const,
      };
      // Parts before the head: a head never points at a part not yet written.
      for (let k = 1; k < pieces.length; k++) {
        const part: Omit<DayEntriesDocument, '_id'> = { ...base, entries: pieces[k]!, part: k };
        await retryBusy(() => this.days.replaceOne({ _id: dayPartId(id, k) }, part, { upsert: true }), true);
      }
      const head: Omit<DayEntriesDocument, '_id'> = {
        ...base,
        entries: pieces[0]!,
        ...(pieces.length > 1 ? { parts: pieces.length } : {}),
      };
      await retryBusy(() => this.days.replaceOne({ _id: id }, head, { upsert: true }), true);
      // Parts the day no longer needs, known from the loadDays that preceded this save; a part
      // left behind otherwise is never read (the head says how many count).
      const before = this.knownParts.get(id) ?? 1;
      this.knownParts.delete(id);
      for (let k = pieces.length; k < before; k++) await this.days.deleteOne({ _id: dayPartId(id, k) });
    });
  }

  async loadAgents(agentIds: readonly string[]): Promise<Map<string, ScorecardAgent>> {
    const out = new Map<string, ScorecardAgent>();
    await findByIds(this.agents, agentIds, this.concurrency, (doc) => out.set(doc._id, withoutId(doc)));
    return out;
  }

  async saveAgents(agents: readonly ScorecardAgent[]): Promise<void> {
    await forEachLimit(agents, this.concurrency, async (a) => {
      await retryBusy(
        () => this.agents.replaceOne({ _id: scorecardAgentId(a.tenantId, a.agentId) }, a, { upsert: true }),
        true,
      );
    });
  }

  // --- reads for the review API ---

  /** The tenant's agents (sorted by id) and teams (by current team, sorted). */
  async listAgents(tenantId: string): Promise<{ agents: ScorecardAgent[]; teams: ScorecardTeam[] }> {
    const docs = await this.agents.find({ tenantId }).toArray();
    const agents = docs
      .map(withoutId)
      .sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
    const teams = new Map<string, string[]>();
    for (const a of agents) teams.set(a.teamId, [...(teams.get(a.teamId) ?? []), a.agentId]);
    return {
      agents,
      teams: [...teams.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([teamId, agentIds]) => ({ teamId, agentIds })),
    };
  }

  async getAgent(tenantId: string, agentId: string): Promise<ScorecardAgent | null> {
    const doc = await this.agents.findOne({ _id: scorecardAgentId(tenantId, agentId) });
    return doc ? withoutId(doc) : null;
  }

  /**
   * The day scorecards of a period, for some agents, a team or the whole tenant, sorted by agent
   * then day. The directory bounds each agent's months to those with data, then the agent-months
   * are fetched by _id ($in): a month of an agent costs one index look-up, where any filter on
   * tenant or team would scan every scorecard ever written on FerretDB.
   */
  async loadPeriod(q: ScorecardPeriodQuery): Promise<Scorecard[]> {
    if (q.from > q.to) return [];
    let agents: ScorecardAgent[];
    if (q.agentIds)
      agents = [...(await this.loadAgents(q.agentIds.map((a) => scorecardAgentId(q.tenantId, a)))).values()];
    else agents = (await this.listAgents(q.tenantId)).agents;
    if (q.teamId !== undefined) agents = agents.filter((a) => a.teams.includes(q.teamId!));
    const ids: string[] = [];
    for (const a of agents) {
      const from = a.firstDay > q.from ? a.firstDay : q.from;
      const to = a.lastDay < q.to ? a.lastDay : q.to;
      if (from <= to)
        for (const month of monthsFrom(from, to)) ids.push(scorecardMonthId(q.tenantId, a.agentId, month));
    }
    const found: Scorecard[] = [];
    await findByIds(this.months, ids, this.concurrency, (doc) => {
      for (const c of JSON.parse(doc.cards) as Scorecard[])
        if (c.day >= q.from && c.day <= q.to && (q.teamId === undefined || c.teamId === q.teamId))
          found.push(c);
    });
    return found.sort((a, b) => (a.agentId !== b.agentId ? (a.agentId < b.agentId ? -1 : 1) : byDay(a, b)));
  }

  /** One agent-day's scorecard, or null. */
  async getScorecard(tenantId: string, agentId: string, day: string): Promise<Scorecard | null> {
    const doc = await this.months.findOne({ _id: scorecardMonthId(tenantId, agentId, day) });
    if (!doc) return null;
    return (JSON.parse(doc.cards) as Scorecard[]).find((c) => c.day === day) ?? null;
  }

  /** The contributions behind one agent-day (which interactions, which revision), for drill-down. */
  async getDayEntries(tenantId: string, agentId: string, day: string): Promise<ScorecardDayEntries | null> {
    const id = scorecardDayId(tenantId, agentId, day);
    return (await this.loadDays([id])).get(id) ?? null;
  }
}
