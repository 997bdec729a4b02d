import fc from 'fast-check';
import type {
  ReviewContribution,
  Scorecard,
  ScorecardAgent,
  ScorecardDayEntries,
  ScorecardUpdate,
  ScoredContribution,
} from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import { applyUpdates, type ApplyPort } from './apply.js';
import { computeCard, newDay, refreshAttribution } from './card.js';
import type { Fact, FactKind } from './facts.js';
import { agentKey, dayKey } from './keys.js';
import { routeFacts, type IndexState, type RoutePort } from './route.js';

const IDS = ['i0', 'i1', 'i2', 'i3', 'i4', 'i5'];
const AGENTS = ['a1', 'a2', 'a3'];
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-09'];
const TENANT = 'acme';
const MAX_REVISION = 3;
const MAX_REVIEW_VERSION = 3;
const PARTITIONS = 2;

const nullableScore = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null });

/** What one revision of an interaction says: everything a scorecard takes from it. */
const scoredVariant = fc.record({
  agentId: fc.constantFrom(...AGENTS),
  teamId: fc.constantFrom('billing', 'support'),
  day: fc.constantFrom(...DAYS),
  hour: fc.integer({ min: 0, max: 23 }),
  scores: fc.record({
    politeness: nullableScore,
    tone: nullableScore,
    accuracy: nullableScore,
    clarity: nullableScore,
    responsiveness: nullableScore,
    compliance: nullableScore,
    overall: nullableScore,
  }),
  flags: fc.subarray([
    { code: 'tone.condescension', severity: 'high' as const },
    { code: 'politeness.rude', severity: 'medium' as const },
    { code: 'compliance.pii', severity: 'critical' as const },
  ]),
  control: fc.boolean(),
});

const reviewVariant = fc.record({
  agentId: fc.constantFrom(...AGENTS),
  teamId: fc.constantFrom('billing', 'support'),
  day: fc.constantFrom(...DAYS),
  hour: fc.integer({ min: 0, max: 23 }),
  confirmed: fc.integer({ min: 0, max: 3 }),
  dismissed: fc.integer({ min: 0, max: 3 }),
});

type ScoredVariant = typeof scoredVariant extends fc.Arbitrary<infer T> ? T : never;
type ReviewVariant = typeof reviewVariant extends fc.Arbitrary<infer T> ? T : never;

const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;

function scoredFact(id: string, revision: number, v: ScoredVariant): Fact {
  const entry: ScoredContribution = {
    id,
    revision,
    occurredAt: at(v.day, v.hour),
    teamId: v.teamId,
    agentName: `${v.agentId}-name-r${revision}`,
    scores: v.scores,
    flags: v.flags,
    flagged: v.flags.some((f) => f.severity !== 'medium'),
    control: v.control,
  };
  return { kind: 'scored', tenantId: TENANT, agentId: v.agentId, day: v.day, entry };
}

function reviewFact(id: string, version: number, v: ReviewVariant): Fact {
  const entry: ReviewContribution = {
    id,
    version,
    occurredAt: at(v.day, v.hour),
    teamId: v.teamId,
    confirmed: v.confirmed,
    dismissed: v.dismissed,
  };
  return { kind: 'review', tenantId: TENANT, agentId: v.agentId, day: v.day, entry };
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
}

class Crash extends Error {}

/** Decides, call by call, whether the next storage or Kafka write fails half-way. */
class CrashSchedule {
  private i = 0;
  crashes = 0;
  constructor(
    private readonly plan: readonly boolean[],
    private readonly maxCrashes: number,
  ) {}
  maybe(): void {
    const crash = this.plan.length > 0 && this.plan[this.i++ % this.plan.length]!;
    if (crash && this.crashes < this.maxCrashes) {
      this.crashes++;
      throw new Crash('injected');
    }
  }
}

const clone = <T>(v: T): T => structuredClone(v);

/** MongoDB and Kafka as the worker uses them, in memory, failing where the schedule says. */
class World implements RoutePort, ApplyPort {
  readonly index: Record<FactKind, Map<string, IndexState>> = { scored: new Map(), review: new Map() };
  readonly updates: ScorecardUpdate[][] = Array.from({ length: PARTITIONS }, () => []);
  readonly days = new Map<string, ScorecardDayEntries>();
  readonly cards = new Map<string, Scorecard>();
  readonly agents = new Map<string, ScorecardAgent>();
  readonly published = new Map<string, Scorecard>();

  constructor(private readonly crash: CrashSchedule) {}

  claimIndex(kind: FactKind, states: ReadonlyMap<string, IndexState>): Promise<Set<string>> {
    const existing = new Set<string>();
    for (const [key, state] of states) {
      this.crash.maybe();
      if (this.index[kind].has(key)) existing.add(key);
      else this.index[kind].set(key, clone(state));
    }
    return Promise.resolve(existing);
  }
  loadIndex(kind: FactKind, keys: readonly string[]): Promise<Map<string, IndexState>> {
    const out = new Map<string, IndexState>();
    for (const k of keys) {
      const s = this.index[kind].get(k);
      if (s) out.set(k, clone(s));
    }
    return Promise.resolve(out);
  }
  saveIndex(kind: FactKind, states: ReadonlyMap<string, IndexState>): Promise<void> {
    for (const [key, state] of states) {
      this.crash.maybe();
      this.index[kind].set(key, clone(state));
    }
    return Promise.resolve();
  }
  publishUpdates(updates: readonly ScorecardUpdate[]): Promise<void> {
    for (const u of updates) {
      this.crash.maybe();
      this.updates[hash(agentKey(u.tenantId, u.agentId)) % PARTITIONS]!.push(clone(u));
    }
    return Promise.resolve();
  }
  loadDays(keys: readonly string[]): Promise<Map<string, ScorecardDayEntries>> {
    const out = new Map<string, ScorecardDayEntries>();
    for (const k of keys) {
      const d = this.days.get(k);
      if (d) out.set(k, clone(d));
    }
    return Promise.resolve(out);
  }
  saveDays(days: readonly { entries: ScorecardDayEntries; card: Scorecard }[]): Promise<void> {
    for (const { entries, card } of days) {
      const key = dayKey(entries.tenantId, entries.agentId, entries.day);
      this.crash.maybe();
      this.cards.set(key, clone(card));
      this.crash.maybe();
      this.days.set(key, clone(entries));
    }
    return Promise.resolve();
  }
  loadAgents(keys: readonly string[]): Promise<Map<string, ScorecardAgent>> {
    const out = new Map<string, ScorecardAgent>();
    for (const k of keys) {
      const a = this.agents.get(k);
      if (a) out.set(k, clone(a));
    }
    return Promise.resolve(out);
  }
  saveAgents(agents: readonly ScorecardAgent[]): Promise<void> {
    for (const a of agents) {
      this.crash.maybe();
      this.agents.set(agentKey(a.tenantId, a.agentId), clone(a));
    }
    return Promise.resolve();
  }
  publishCards(cards: readonly Scorecard[]): Promise<void> {
    for (const c of cards) {
      this.crash.maybe();
      this.published.set(dayKey(c.tenantId, c.agentId, c.day), clone(c));
    }
    return Promise.resolve();
  }
}

interface Partition<T> {
  name: string;
  log: T[];
  committed: number;
  run: (batch: T[]) => Promise<unknown>;
}

/** Consumes every partition to its end in an arbitrary interleaving; a failed batch is not committed and comes again. */
async function drain(
  partitions: Partition<unknown>[],
  schedule: readonly number[],
  batchSizes: readonly number[],
): Promise<void> {
  let step = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    const pending = partitions.filter((p) => p.committed < p.log.length);
    if (pending.length === 0) return;
    const p = pending[schedule[step % schedule.length]! % pending.length]!;
    const size = batchSizes[step % batchSizes.length]!;
    step++;
    const batch = p.log.slice(p.committed, p.committed + size);
    try {
      await p.run(batch);
      p.committed += batch.length;
    } catch (err) {
      if (!(err instanceof Crash)) throw err;
    }
  }
  throw new Error('did not drain');
}

/** Applying only the latest revision (and latest review version) of each interaction, once. */
function expectedDays(facts: readonly Fact[]): Map<string, ScorecardDayEntries> {
  const latest = new Map<string, Fact>();
  for (const f of facts) {
    const key = `${f.kind}|${f.entry.id}`;
    const seen = latest.get(key);
    const version = (x: Fact) => (x.kind === 'scored' ? x.entry.revision : x.entry.version);
    if (!seen || version(seen) < version(f)) latest.set(key, f);
  }
  const days = new Map<string, ScorecardDayEntries>();
  for (const f of latest.values()) {
    const key = dayKey(f.tenantId, f.agentId, f.day);
    const day = days.get(key) ?? newDay(f.tenantId, f.agentId, f.day, new Date(0));
    if (f.kind === 'scored') day.scored.push(f.entry);
    else day.reviews.push(f.entry);
    days.set(key, day);
  }
  for (const day of days.values()) {
    day.scored.sort((a, b) => (a.id < b.id ? -1 : 1));
    day.reviews.sort((a, b) => (a.id < b.id ? -1 : 1));
    refreshAttribution(day);
  }
  return days;
}

/**
 * A scorecard without what depends on history rather than on the current contributions: when it
 * was updated, and the name (and, for a day left empty, the team) kept from contributions that moved away.
 */
function comparable(card: Scorecard): Partial<Scorecard> {
  const { updatedAt: _u, agentName, teamId, ...rest } = card;
  const empty = card.interactions === 0 && card.reviews.confirmed + card.reviews.dismissed === 0;
  return { ...rest, ...(card.interactions > 0 ? { agentName } : {}), ...(empty ? {} : { teamId }) };
}

describe('scorecard aggregation under redelivery, reordering, revisions and crashes', () => {
  it('equals applying only the latest revision and review version of each interaction once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(scoredVariant, { minLength: MAX_REVISION, maxLength: MAX_REVISION }), {
          minLength: IDS.length,
          maxLength: IDS.length,
        }),
        fc.array(
          fc.array(reviewVariant, { minLength: MAX_REVIEW_VERSION + 1, maxLength: MAX_REVIEW_VERSION + 1 }),
          {
            minLength: IDS.length,
            maxLength: IDS.length,
          },
        ),
        // Deliveries in any order, with duplicates: (kind, interaction, revision or version).
        fc.array(
          fc.tuple(fc.boolean(), fc.integer({ min: 0, max: IDS.length - 1 }), fc.integer({ min: 0, max: 3 })),
          { minLength: 1, maxLength: 40 },
        ),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.boolean(), { maxLength: 30 }),
        async (scoredTable, reviewTable, deliveries, schedule, batchSizes, crashPlan) => {
          const facts: Fact[] = deliveries.map(([isReview, i, v]) =>
            isReview
              ? reviewFact(IDS[i]!, v, reviewTable[i]![v]!)
              : scoredFact(
                  IDS[i]!,
                  Math.min(v, MAX_REVISION - 1) + 1,
                  scoredTable[i]![Math.min(v, MAX_REVISION - 1)]!,
                ),
          );
          const world = new World(new CrashSchedule(crashPlan, 25));
          let clock = Date.parse('2026-03-10T00:00:00Z');
          const input = (kind: FactKind, p: number): Partition<Fact> => ({
            name: `${kind}-${p}`,
            log: facts.filter((f) => f.kind === kind && hash(f.entry.id) % PARTITIONS === p),
            committed: 0,
            run: (batch) => routeFacts(kind, batch, world),
          });
          const output = (p: number): Partition<ScorecardUpdate> => ({
            name: `updates-${p}`,
            log: world.updates[p]!,
            committed: 0,
            run: (batch) => applyUpdates(batch, world, new Date((clock += 1000))),
          });
          const partitions = [
            input('scored', 0),
            input('scored', 1),
            input('review', 0),
            input('review', 1),
            output(0),
            output(1),
          ] as Partition<unknown>[];
          await drain(partitions, schedule, batchSizes);

          const expected = expectedDays(facts);
          for (const key of new Set([...expected.keys(), ...world.days.keys()])) {
            const want = expected.get(key);
            const got = world.days.get(key);
            const card = world.cards.get(key);
            expect(got, key).toBeDefined();
            expect(got!.scored, key).toEqual(want?.scored ?? []);
            expect(got!.reviews, key).toEqual(want?.reviews ?? []);
            // The read model and the last published message agree with the contributions.
            expect(card).toEqual(computeCard(got!));
            expect(world.published.get(key)).toEqual(card);
            const zero = ([tenantId, agentId, day]: string[]) =>
              computeCard(newDay(tenantId!, agentId!, day!, new Date(0)));
            expect(comparable(card!)).toEqual(comparable(want ? computeCard(want) : zero(key.split(':'))));
          }
          for (const day of expected.values()) {
            const agent = world.agents.get(agentKey(day.tenantId, day.agentId));
            expect(agent).toBeDefined();
            expect(agent!.firstDay <= day.day && day.day <= agent!.lastDay).toBe(true);
            expect(agent!.teams).toContain(day.teamId);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
