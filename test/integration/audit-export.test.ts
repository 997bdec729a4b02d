import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIMENSIONS,
  InteractionEvent,
  type AuditEntry,
  type ReviewState,
  type ScoredInteraction,
} from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import {
  AuditLog,
  connectStore,
  hashAuditEntry,
  interactionKey,
  ReviewsRepository,
  toInteractionDocument,
  type InteractionDocument,
  type StoreConnection,
} from '@rapport/store';
import { runCli } from '../support/cli.js';
import { MONGODB_URI, uniqueDbName } from '../support/env.js';
import { chatEvent } from '../support/scorer.js';

/** The real CLI, with its peak resident memory (VmHWM, in MB) read from /proc while it runs. */
async function runCliMeasured(args: string[], env: Record<string, string>) {
  let peakKb = 0;
  const run = await runCli(args, env, (pid) => {
    const sample = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // exited between samples
      }
    }, 25);
    return () => clearInterval(sample);
  });
  return { ...run, peakRssMb: Math.round(peakKb / 1024) };
}

/** RFC 4180: quoted fields, doubled quotes, line breaks inside quotes. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function template(tenantId: string, rude: boolean): ScoredInteraction {
  const event = InteractionEvent.parse(chatEvent(rude ? 'rude' : 'polite', { rude, tenantId }));
  return scoreInteraction(event, { policy: DEFAULT_POLICY });
}

/** A scored interaction stored as the scorer stores it, with its own id, time and scores. */
function interaction(
  templates: { rude: ScoredInteraction; polite: ScoredInteraction },
  tenantId: string,
  i: number,
  occurredAt: Date,
): InteractionDocument {
  const rude = i % 4 === 0;
  const base = rude ? templates.rude : templates.polite;
  const scored = {
    ...base,
    tenantId,
    interactionId: `int-${String(i).padStart(6, '0')}`,
    occurredAt: occurredAt.toISOString(),
  };
  const doc = toInteractionDocument({ scored, keepTranscript: scored.flagged, control: false }, new Date());
  return { ...doc, scores: { ...doc.scores, politeness: i % 101 }, overall: (i % 997) / 10 };
}

function review(doc: InteractionDocument, i: number): ReviewState {
  const at = new Date(doc.occurredAt.getTime() + 3_600_000).toISOString();
  return {
    tenantId: doc.tenantId,
    interactionId: doc.interactionId,
    version: 3,
    status: i % 16 === 0 ? 'resolved' : 'escalated',
    assignee: 'mgr-1',
    flagDecisions: doc.flagCodes.map((code, k) => ({
      code,
      decision: k % 2 === 0 ? 'confirmed' : 'dismissed',
      by: 'mgr-1',
      at,
      note: `decided on ${code}`,
    })),
    coaching: i % 16 === 0 ? { by: 'mgr-1', at, text: 'Acknowledge the customer first.' } : null,
    notes: [{ by: 'mgr-1', at, text: 'internal: quotes "the customer", with, commas\nand lines' }],
    comments: [],
    escalation: i % 16 === 0 ? null : { by: 'mgr-1', at, text: 'needs a second look' },
    agentResponse: null,
    ruling: null,
    controlVerdict: null,
    updatedAt: at,
  };
}

async function insertInBatches<T extends object>(
  insert: (docs: T[]) => Promise<unknown>,
  docs: Iterable<T>,
): Promise<void> {
  let batch: T[] = [];
  for (const doc of docs) {
    batch.push(doc);
    if (batch.length === 1000) {
      await insert(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insert(batch);
}

describe('rapport audit export (real FerretDB)', () => {
  const dbName = uniqueDbName('it_audit_export');
  const env = { MONGODB_URI, MONGODB_DB: dbName, LOG_LEVEL: 'warn' };
  let store: StoreConnection;
  let dir: string;
  let templates: { rude: ScoredInteraction; polite: ScoredInteraction };

  beforeAll(async () => {
    store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'it-audit-export' });
    dir = await mkdtemp(join(tmpdir(), 'rapport-export-'));
    templates = { rude: template('acme', true), polite: template('acme', false) };
    expect(templates.rude.flagged).toBe(true);
    expect(templates.polite.flagged).toBe(false);
  });

  afterAll(async () => {
    await store.db.dropDatabase().catch(() => undefined);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports interactions, review decisions and audit entries as NDJSON and CSV that parse back the same', async () => {
    const interactions = store.db.collection<InteractionDocument>('interactions');
    const reviews = new ReviewsRepository(store.db);
    const log = new AuditLog(store.db);
    // 400 interactions from Dec 20 to Feb 8, every 3 hours; the export takes January.
    const start = Date.parse('2025-12-20T00:00:00Z');
    const docs = Array.from({ length: 400 }, (_, i) =>
      interaction(templates, 'acme', i, new Date(start + i * 3 * 3_600_000)),
    );
    const others = Array.from({ length: 20 }, (_, i) =>
      interaction(templates, 'globex', i, new Date('2026-01-10T00:00:00Z')),
    );
    await interactions.insertMany([...docs, ...others]);
    const reviewed = docs.filter((_, i) => i % 8 === 0);
    await reviews.collection.insertMany(
      [...reviewed.map((d) => [d, docs.indexOf(d)] as const), [others[0]!, 0] as const].map(([d, i]) => ({
        _id: d._id,
        ...review(d, i),
      })),
    );
    for (const [i, at] of [
      '2025-12-31T23:59:00Z',
      '2026-01-05T10:00:00Z',
      '2026-01-31T23:00:00Z',
      '2026-02-01T00:00:00Z',
    ].entries())
      await log.append({
        tenantId: 'acme',
        actor: { id: 'mgr-1', role: 'manager', via: 'session' },
        action: 'review.confirm_flag',
        target: { type: 'interaction', id: docs[i]!.interactionId },
        before: { status: 'open', flagDecisions: [] },
        after: { status: 'resolved', flagDecisions: [{ code: 'tone.condescension', decision: 'confirmed' }] },
        at: new Date(at),
      });

    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-02-01T00:00:00Z');
    const expected = docs.filter((d) => d.occurredAt >= from && d.occurredAt < to);
    const reviewOf = new Map(reviewed.map((d) => [d._id, review(d, docs.indexOf(d))]));
    const expectedAudit: AuditEntry[] = [];
    for await (const e of log.entries('acme', { from, to })) expectedAudit.push(e);
    expect(expectedAudit.map((e) => e.seq)).toEqual([2, 3]);
    expect(expected.length).toBe(248);

    // NDJSON
    const ndjsonPath = join(dir, 'january.ndjson');
    const run = await runCli(
      [
        'audit',
        'export',
        '--tenant',
        'acme',
        '--from',
        '2026-01-01',
        '--to',
        '2026-01-31',
        '--format',
        'ndjson',
        '--out',
        ndjsonPath,
        '--actor',
        'auditor-7',
      ],
      env,
    );
    expect(run.stderr).toContain('exported 248 interactions (31 with a review) and 2 audit entries');
    expect(run.code).toBe(0);
    const text = await readFile(ndjsonPath, 'utf8');
    const records = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string } & Record<string, unknown>);
    const exported = records.filter((r) => r.type === 'interaction');
    const audit = records.filter((r) => r.type === 'audit');
    expect(records.length).toBe(exported.length + audit.length);
    expect(exported.map((r) => r.interactionId).sort()).toEqual(expected.map((d) => d.interactionId).sort());
    for (const r of exported as unknown as {
      interactionId: string;
      occurredAt: string;
      scores: unknown;
      overall: number;
      flags: unknown;
      review: {
        status: string;
        version: number | null;
        flagDecisions: unknown;
        coaching: unknown;
        notes?: unknown;
      };
    }[]) {
      const doc = expected.find((d) => d.interactionId === r.interactionId)!;
      expect(r.occurredAt).toBe(doc.occurredAt.toISOString());
      expect(r.scores).toEqual(doc.scores);
      expect(r.overall).toBe(doc.overall);
      expect(r.flags).toEqual(doc.flags);
      const state = reviewOf.get(doc._id);
      if (state) {
        expect(r.review).toMatchObject({
          status: state.status,
          version: 3,
          flagDecisions: state.flagDecisions,
          coaching: state.coaching,
        });
        expect(r.review.notes).toBeUndefined();
      } else {
        expect(r.review).toMatchObject({ status: doc.review.status, version: null, flagDecisions: [] });
      }
    }
    const auditBack = audit.map(({ type: _t, ...e }) => e as unknown as AuditEntry);
    expect(auditBack).toEqual(expectedAudit);
    for (const e of auditBack) expect(hashAuditEntry(e)).toBe(e.hash);

    // The export is itself in the audit log, with the file's digest.
    const head = await log.head('acme');
    const recorded = (await log.entry('acme', head.seq))!;
    expect(recorded).toMatchObject({
      action: 'audit.export',
      actor: { id: 'auditor-7', role: 'system', via: 'cli' },
      target: { type: 'export' },
      after: {
        format: 'ndjson',
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-02-01T00:00:00.000Z',
        interactions: 248,
        auditEntries: 2,
        files: ['january.ndjson'],
        sha256: [sha256(text)],
      },
    });

    // CSV: interactions in <out>, audit entries in <out>.audit.csv
    const csvPath = join(dir, 'january.csv');
    const csvRun = await runCli(
      [
        'audit',
        'export',
        '--tenant',
        'acme',
        '--from',
        '2026-01-01T00:00:00Z',
        '--to',
        '2026-02-01T00:00:00Z',
        '--format',
        'csv',
        '--out',
        csvPath,
      ],
      env,
    );
    expect(csvRun.code).toBe(0);
    const rows = parseCsv(await readFile(csvPath, 'utf8'));
    expect(rows.map((r) => r.interactionId).sort()).toEqual(expected.map((d) => d.interactionId).sort());
    for (const row of rows) {
      const doc = expected.find((d) => d.interactionId === row.interactionId)!;
      for (const d of DIMENSIONS) {
        const v = doc.scores[d];
        expect(row[`score_${d}`]).toBe(v === null ? '' : String(v));
      }
      expect(Number(row.overall)).toBe(doc.overall);
      expect(row.flagged).toBe(String(doc.flagged));
      expect(row.flagCodes).toBe(doc.flagCodes.join(';'));
      expect(row.occurredAt).toBe(doc.occurredAt.toISOString());
      const state = reviewOf.get(doc._id);
      expect(row.reviewStatus).toBe(state?.status ?? doc.review.status);
      expect(row.flagDecisions).toBe(
        state ? state.flagDecisions.map((f) => `${f.code}=${f.decision}`).join(';') : '',
      );
      expect(row.coachedBy).toBe(state?.coaching?.by ?? '');
    }
    const auditRows = parseCsv(await readFile(join(dir, 'january.audit.csv'), 'utf8'));
    const auditFromCsv: AuditEntry[] = auditRows.map((r) => ({
      tenantId: r.tenantId!,
      seq: Number(r.seq),
      at: r.at!,
      actor: {
        id: r.actorId!,
        role: r.actorRole as AuditEntry['actor']['role'],
        via: r.actorVia as AuditEntry['actor']['via'],
      },
      action: r.action!,
      target: { type: r.targetType as AuditEntry['target']['type'], id: r.targetId! },
      before: JSON.parse(r.before!) as unknown,
      after: JSON.parse(r.after!) as unknown,
      prevHash: r.prevHash!,
      hash: r.hash!,
    }));
    expect(auditFromCsv).toEqual(expectedAudit);
    for (const e of auditFromCsv) expect(hashAuditEntry(e)).toBe(e.hash);
    expect(await log.verify('acme')).toMatchObject({ ok: true, checked: 6 });
  });

  it('keeps memory flat: 20,000 interactions cost about what 2,000 do', async () => {
    const interactions = store.db.collection<InteractionDocument>('interactions');
    const start = Date.parse('2026-05-01T00:00:00Z');
    const make = function* (tenantId: string, n: number) {
      for (let i = 0; i < n; i++) yield interaction(templates, tenantId, i, new Date(start + i * 60_000));
    };
    const started = Date.now();
    await insertInBatches((b) => interactions.insertMany(b), make('big', 20_000));
    await insertInBatches((b) => interactions.insertMany(b), make('small', 2_000));
    const reviews = new ReviewsRepository(store.db);
    for (const tenantId of ['big', 'small'])
      await insertInBatches(
        (b) => reviews.collection.insertMany(b),
        (function* () {
          for (let i = 0; i < 2_000; i += 10) {
            const doc = interaction(templates, tenantId, i, new Date(start + i * 60_000));
            yield { _id: interactionKey(tenantId, doc.interactionId), ...review(doc, i) };
          }
        })(),
      );
    console.log(`seeded 22,000 interactions in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // `exports` before this one: each recorded itself in the tenant's audit log, which follows.
    const measure = async (tenantId: string, n: number, exports: number) => {
      const out = join(dir, `${tenantId}.ndjson`);
      const t = Date.now();
      const run = await runCliMeasured(
        ['audit', 'export', '--tenant', tenantId, '--format', 'ndjson', '--out', out],
        env,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(`exported ${n} interactions (200 with a review)`);
      const lines = (await readFile(out, 'utf8')).trimEnd().split('\n').length;
      expect(lines).toBe(n + exports);
      return { peak: run.peakRssMb, seconds: (Date.now() - t) / 1000 };
    };
    // Peak RSS is noisy upward only (a collection that happens late): the lower of two runs each.
    const lower = async (tenantId: string, n: number) => {
      const [a, b] = [await measure(tenantId, n, 0), await measure(tenantId, n, 1)];
      return a.peak <= b.peak ? a : b;
    };
    const small = await lower('small', 2_000);
    const big = await lower('big', 20_000);
    console.log(
      `export peak RSS: 2,000 interactions ${small.peak} MB (${small.seconds.toFixed(1)} s), 20,000 interactions ${big.peak} MB (${big.seconds.toFixed(1)} s)`,
    );
    expect(small.peak).toBeGreaterThan(0);
    // Ten times the data: ~18,000 more records of ~1.5 KB (27 MB) must not be held.
    expect(big.peak - small.peak).toBeLessThan(25);
  }, 900_000);
});
