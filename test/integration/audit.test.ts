import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEntry } from '@rapport/schemas';
import {
  auditKey,
  AuditLog,
  canonicalJson,
  connectStore,
  hashAuditEntry,
  StoreError,
  type AuditInput,
  type StoreConnection,
} from '@rapport/store';
import { runCli } from '../support/cli.js';
import { MONGODB_URI, uniqueDbName } from '../support/env.js';

const MANAGER = { id: 'mgr-1', role: 'manager', via: 'session' } as const;

const input = (tenantId: string, n: number, at?: Date): AuditInput => ({
  tenantId,
  actor: MANAGER,
  action: 'review.confirm_flag',
  target: { type: 'interaction', id: `int-${n}` },
  // Keys with dots and "$" are what FerretDB refuses as field names: they must survive anyway.
  before: { status: 'open', version: n - 1, flagDecisions: [] },
  after: { status: 'resolved', version: n, 'tone.condescension': 'confirmed', $note: 'kept as text' },
  ...(at ? { at } : {}),
});

async function appendMany(log: AuditLog, tenantId: string, n: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (let i = 1; i <= n; i++) out.push(await log.append(input(tenantId, i)));
  return out;
}

async function collect(log: AuditLog, tenantId: string, opts?: { from?: Date; to?: Date }) {
  const out: AuditEntry[] = [];
  for await (const e of log.entries(tenantId, opts)) out.push(e);
  return out;
}

describe('audit log (real FerretDB)', () => {
  const dbName = uniqueDbName('it_audit');
  const env = { MONGODB_URI, MONGODB_DB: dbName, LOG_LEVEL: 'warn' };
  let store: StoreConnection;
  let log: AuditLog;

  beforeAll(async () => {
    store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'it-audit' });
    log = new AuditLog(store.db);
    await log.ensureIndexes();
    await log.ensureIndexes(); // idempotent: FerretDB drops the connection on re-creating indexes
  });

  afterAll(async () => {
    await store.db.dropDatabase().catch(() => undefined);
    await store.close();
  });

  it('appends a hash chain per tenant, readable in seq order and by period', async () => {
    const t0 = Date.parse('2026-03-01T09:00:00.000Z');
    const written: AuditEntry[] = [];
    for (let i = 1; i <= 5; i++) {
      written.push(await log.append(input('acme', i, new Date(t0 + i * 60_000))));
      if (i <= 2) await log.append(input('globex', i));
    }
    expect(written.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(written[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < 5; i++) expect(written[i]!.prevHash).toBe(written[i - 1]!.hash);
    for (const e of written) expect(hashAuditEntry(e)).toBe(e.hash);
    expect(written[2]!.at).toBe('2026-03-01T09:03:00.000Z');
    expect(written[2]!.after).toEqual({
      status: 'resolved',
      version: 3,
      'tone.condescension': 'confirmed',
      $note: 'kept as text',
    });

    expect(await collect(log, 'acme')).toEqual(written);
    expect((await collect(log, 'globex')).map((e) => e.seq)).toEqual([1, 2]);
    const period = await collect(log, 'acme', {
      from: new Date('2026-03-01T09:02:00Z'),
      to: new Date('2026-03-01T09:04:00Z'),
    });
    expect(period.map((e) => e.seq)).toEqual([2, 3]);
    expect(await log.head('acme')).toEqual({ seq: 5, hash: written[4]!.hash });
    expect(await log.entry('acme', 4)).toEqual(written[3]);
    expect(await log.verify('acme')).toMatchObject({ ok: true, checked: 5, lastSeq: 5 });
    expect(await log.verify('nobody')).toMatchObject({ ok: true, checked: 0, lastSeq: 0 });
  });

  it('refuses an entry that breaks the contract, before writing anything', async () => {
    const err = await log.append({ ...input('strict', 1), action: 'Not An Action' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('AUDIT_ENTRY_INVALID');
    expect((err as StoreError).message).toContain('action');
    expect(await log.head('strict')).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it('keeps one unbroken chain with 4 writers on their own connections appending at once', async () => {
    const writers = await Promise.all(
      [0, 1, 2, 3].map(() => connectStore({ uri: MONGODB_URI, dbName, appName: 'it-audit-writer' })),
    );
    try {
      const started = Date.now();
      await Promise.all(
        writers.map(async (w, k) => {
          const wlog = new AuditLog(w.db);
          for (let i = 1; i <= 25; i++)
            await wlog.append({ ...input('busy', i), target: { type: 'interaction', id: `w${k}-${i}` } });
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      const entries = await collect(log, 'busy');
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      // Every writer's entries are all there, each once, and in the order that writer made them.
      for (let k = 0; k < 4; k++) {
        const mine = entries.filter((e) => e.target.id.startsWith(`w${k}-`)).map((e) => e.target.id);
        expect(mine).toEqual(Array.from({ length: 25 }, (_, i) => `w${k}-${i + 1}`));
      }
      expect(await log.verify('busy')).toMatchObject({ ok: true, checked: 100, lastSeq: 100 });
      expect((await log.head('busy')).seq).toBe(100);
      console.log(`4 writers x 25 appends: ${seconds.toFixed(1)} s, one chain of 100`);
    } finally {
      await Promise.all(writers.map((w) => w.close()));
    }
  });

  it('chains after the real tail when a writer crashed between its insert and the head update', async () => {
    const [, second] = await appendMany(log, 'crashy', 2);
    // The crashed writer's entry: inserted, head not moved.
    const lost = input('crashy', 3);
    const body = {
      tenantId: 'crashy',
      seq: 3,
      at: new Date().toISOString(),
      actor: lost.actor,
      action: lost.action,
      target: lost.target,
      before: lost.before,
      after: lost.after,
      prevHash: second!.hash,
    };
    const entry: AuditEntry = { ...body, hash: hashAuditEntry(body) };
    await log.collection.insertOne({
      ...entry,
      _id: auditKey('crashy', 3),
      at: new Date(entry.at),
      before: canonicalJson(entry.before),
      after: canonicalJson(entry.after),
    });
    expect((await log.head('crashy')).seq).toBe(2);
    const next = await log.append(input('crashy', 4));
    expect(next.seq).toBe(4);
    expect(next.prevHash).toBe(entry.hash);
    expect(await log.verify('crashy')).toMatchObject({ ok: true, checked: 4, lastSeq: 4 });
    expect((await log.head('crashy')).seq).toBe(4);
  });

  it('reads the newest entries from the tail back, also when the head lags', async () => {
    const all = await appendMany(log, 'newest', 7);
    expect(await log.latest('newest', 3)).toEqual(all.slice(-3).reverse());
    expect(await log.latest('newest', 100)).toEqual([...all].reverse());
    // A writer crashed before moving the head: the tail is found beyond it.
    await log.heads.updateOne({ _id: 'newest' }, { $set: { seq: 5, hash: all[4]!.hash } });
    expect((await log.latest('newest', 2)).map((e) => e.seq)).toEqual([7, 6]);
    expect(await log.latest('nobody', 5)).toEqual([]);
  });

  describe("one interaction's history through the per-target index", () => {
    const about = (id: string) => ({ type: 'interaction' as const, id });
    const note = (tenantId: string, id: string, n: number): AuditInput => ({
      ...input(tenantId, n),
      action: 'review.note',
      target: about(id),
    });

    it('returns exactly the entries about it, oldest first, reading only by _id', async () => {
      for (let n = 1; n <= 40; n++) await log.append(note('hist', `int-${n % 7}`, n));
      await log.append(note('hist-other', 'int-3', 1)); // the same interaction id in another tenant
      const expected = (await collect(log, 'hist')).filter((e) => e.target.id === 'int-3');
      expect(expected.map((e) => e.seq)).toEqual([3, 10, 17, 24, 31, 38]);

      // Every query the read sends selects by _id (the index look-up: see store.test.ts).
      const client = new MongoClient(MONGODB_URI, { monitorCommands: true });
      const filters: unknown[] = [];
      client.on('commandStarted', (e) => {
        if (e.commandName === 'find') filters.push((e.command as { filter?: unknown }).filter);
      });
      try {
        await client.connect();
        const entries = await new AuditLog(client.db(dbName)).entriesAbout('hist', about('int-3'));
        expect(entries).toEqual(expected);
      } finally {
        await client.close();
      }
      expect(filters.length).toBeGreaterThan(0);
      for (const filter of filters) expect(Object.keys(filter as object)).toEqual(['_id']);

      expect(await log.entriesAbout('hist', about('int-99'))).toEqual([]);
      expect((await log.entriesAbout('hist-other', about('int-3'))).map((e) => e.seq)).toEqual([1]);
    });

    it('keeps every entry of 4 writers on one interaction at once', async () => {
      const writers = await Promise.all(
        [0, 1, 2, 3].map(() => connectStore({ uri: MONGODB_URI, dbName, appName: 'it-audit-writer' })),
      );
      try {
        await Promise.all(
          writers.map(async (w, k) => {
            const wlog = new AuditLog(w.db);
            for (let i = 1; i <= 10; i++) await wlog.append(note('hist-busy', 'int-hot', k * 100 + i));
          }),
        );
      } finally {
        await Promise.all(writers.map((w) => w.close()));
      }
      const entries = await log.entriesAbout('hist-busy', about('int-hot'));
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(entries).toEqual(await collect(log, 'hist-busy'));
    });

    it('skips a slot whose writer lost its seq and crashed before pointing it elsewhere', async () => {
      await log.append(note('hist-lost', 'int-a', 1));
      // A writer about int-b claimed a slot for seq 2, then lost seq 2 to int-a's next entry.
      await log.targets.insertOne({ _id: 'hist-lost:interaction:int-b:000000001', seq: 2 });
      await log.append(note('hist-lost', 'int-a', 2));
      await log.append(note('hist-lost', 'int-b', 3));
      expect((await log.entriesAbout('hist-lost', about('int-b'))).map((e) => e.seq)).toEqual([3]);
      expect((await log.entriesAbout('hist-lost', about('int-a'))).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('indexes a log written before the per-target index existed, on ensureIndexes', async () => {
      for (let n = 1; n <= 12; n++) await log.append(note('hist-old', `int-${n % 3}`, n));
      // As an older version left it: no slots, no mark.
      await log.targets.deleteMany({ _id: { $in: [encodeURIComponent('hist-old')] } });
      const slots = (await log.targets.find({}).toArray()).filter((d) => d._id.startsWith('hist-old:'));
      await log.targets.deleteMany({ _id: { $in: slots.map((d) => d._id) } });
      const whole = await collect(log, 'hist-old');
      const of = (id: string) => whole.filter((e) => e.target.id === id);
      // Not migrated yet: still right, from the whole log.
      expect(await log.entriesAbout('hist-old', about('int-1'))).toEqual(of('int-1'));

      await log.ensureIndexes();
      for (const id of ['int-0', 'int-1', 'int-2'])
        expect(await log.entriesAbout('hist-old', about(id))).toEqual(of(id));
      const migrated = (await log.targets.find({}).toArray()).filter((d) => d._id.startsWith('hist-old:'));
      expect(migrated.length).toBe(12);
      // Idempotent: a second migration adds nothing.
      expect(await log.indexTargets('hist-old')).toEqual({ entries: 12, added: 0 });
      await log.append(note('hist-old', 'int-1', 13));
      expect((await log.entriesAbout('hist-old', about('int-1'))).map((e) => e.seq)).toEqual([
        1, 4, 7, 10, 13,
      ]);
    });
  });

  describe('tampering in the collection is caught and the first broken link named', () => {
    it('an edited field', async () => {
      await appendMany(log, 'edited', 6);
      await log.collection.updateOne({ _id: auditKey('edited', 3) }, { $set: { 'actor.id': 'mgr-2' } });
      const r = await log.verify('edited');
      expect(r).toMatchObject({ ok: false, checked: 2, lastSeq: 2 });
      expect(r.firstBroken).toMatchObject({ seq: 3, reason: 'hash_mismatch' });
      expect(r.firstBroken!.message).toContain('entry 3 (review.confirm_flag at');
      expect(r.firstBroken!.message).toContain('was changed after it was written');
    });

    it('an edited before/after value', async () => {
      await appendMany(log, 'edited-json', 4);
      await log.collection.updateOne(
        { _id: auditKey('edited-json', 2) },
        { $set: { after: '{"status":"dismissed"}' } },
      );
      expect((await log.verify('edited-json')).firstBroken).toMatchObject({
        seq: 2,
        reason: 'hash_mismatch',
      });
    });

    it('a deleted entry', async () => {
      await appendMany(log, 'deleted', 6);
      await log.collection.deleteOne({ _id: auditKey('deleted', 4) });
      const r = await log.verify('deleted');
      expect(r).toEqual({
        ok: false,
        checked: 3,
        lastSeq: 3,
        sealed: 0,
        unsealed: 3,
        firstBroken: {
          seq: 4,
          reason: 'missing_entry',
          message: 'entry 4 is missing: entry 3 is followed by entry 5',
        },
      });
    });

    it('the newest entries deleted (only the head still knows them)', async () => {
      await appendMany(log, 'truncated', 6);
      await log.collection.deleteMany({ _id: { $in: [auditKey('truncated', 5), auditKey('truncated', 6)] } });
      const r = await log.verify('truncated');
      expect(r).toMatchObject({ ok: false, checked: 4, lastSeq: 4 });
      expect(r.firstBroken).toMatchObject({ seq: 5, reason: 'missing_entry' });
      expect(r.firstBroken!.message).toContain('entries 5 to 6 are missing');
    });

    it("two entries' seq and ids swapped", async () => {
      await appendMany(log, 'swapped', 6);
      const [three, four] = await Promise.all([
        log.collection.findOne({ _id: auditKey('swapped', 3) }),
        log.collection.findOne({ _id: auditKey('swapped', 4) }),
      ]);
      await log.collection.deleteMany({ _id: { $in: [three!._id, four!._id] } });
      await log.collection.insertMany([
        { ...four!, _id: three!._id, seq: 3 },
        { ...three!, _id: four!._id, seq: 4 },
      ]);
      const r = await log.verify('swapped');
      expect(r).toMatchObject({ ok: false, checked: 2, lastSeq: 2 });
      expect(r.firstBroken).toMatchObject({ seq: 3, reason: 'out_of_order' });
      expect(r.firstBroken!.message).toContain('entries were swapped');
    });

    it('rapport audit verify prints the verdict and exits 1 on a broken chain', async () => {
      // The database alone: the anchor topic is shared by every test's database (audit-seal.test.ts
      // checks the anchor).
      const ok = await runCli(['audit', 'verify', '--tenant', 'acme', '--no-anchor'], env);
      expect(ok.stdout.trim()).toBe(
        'audit chain of acme: 5 entries, intact; seals not checked (AUDIT_KEYS is not set); anchor not checked (--no-anchor)',
      );
      expect(ok.code).toBe(0);
      const broken = await runCli(['audit', 'verify', '--tenant', 'deleted', '--no-anchor'], env);
      expect(broken.code).toBe(1);
      expect(broken.stdout.trim()).toBe(
        'audit chain of deleted: BROKEN at entry 4 (missing_entry): entry 4 is missing: entry 3 is followed by entry 5; 3 entries before it are intact',
      );
    });
  });
});
