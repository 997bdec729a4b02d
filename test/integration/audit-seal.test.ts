import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditHeadsTopic,
  createKafkaBus,
  publishAuditHead,
  readAuditHead,
  type Bus,
  type Producer,
} from '@rapport/messaging';
import {
  auditKey,
  AuditLog,
  canonicalJson,
  connectStore,
  hashAuditEntry,
  parseAuditKeys,
  type StoreConnection,
} from '@rapport/store';
import type { AuditEntry } from '@rapport/schemas';
import { runCli } from '../support/cli.js';
import { KAFKA_BROKERS, MONGODB_URI, testLogger, uniqueDbName, uniqueName } from '../support/env.js';

/**
 * The attack the audit log must survive: someone with write access to the database edits an
 * entry and recomputes every SHA-256 hash after it, and the head. The plain chain called that
 * intact. The keyed seals (AUDIT_KEYS, outside the database) and the head anchored in Kafka
 * (rapport.audit.heads.v1) each catch it.
 */
describe('a rewritten audit chain (real FerretDB and Kafka)', () => {
  const dbName = uniqueDbName('it_audit_seal');
  const tenant = uniqueName('sealed');
  const AUDIT_KEYS = `k1:${Buffer.alloc(32, 42).toString('base64')}`;
  const env = {
    MONGODB_URI,
    MONGODB_DB: dbName,
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    LOG_LEVEL: 'warn',
  };
  let store: StoreConnection;
  let bus: Bus;
  let producer: Producer;
  let log: AuditLog;

  beforeAll(async () => {
    store = await connectStore({ uri: MONGODB_URI, dbName, appName: 'it-audit-seal' });
    bus = createKafkaBus({ brokers: KAFKA_BROKERS, clientId: 'it-audit-seal', logger: testLogger });
    await bus.ensureTopics([auditHeadsTopic()]);
    producer = await bus.producer();
    log = new AuditLog(store.db, {
      keyring: parseAuditKeys(AUDIT_KEYS),
      onAppend: (entry) => publishAuditHead(producer, dbName, entry),
    });
    await log.ensureIndexes();
    for (let n = 1; n <= 5; n++)
      await log.append({
        tenantId: tenant,
        actor: { id: 'mgr-1', role: 'manager', via: 'session' },
        action: 'review.dismiss_flag',
        target: { type: 'interaction', id: `int-${n}` },
        before: { status: 'open' },
        after: { status: 'resolved', decision: 'confirmed' },
      });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await bus?.close();
    await store?.db.dropDatabase().catch(() => undefined);
    await store?.close();
  });

  it('is intact, sealed and anchored before the attack', async () => {
    const anchor = await readAuditHead(bus, dbName, tenant);
    expect(anchor).toMatchObject({ log: dbName, tenantId: tenant, seq: 5 });
    // Regression: anchors were keyed by tenant alone, so another database's log of the same
    // tenant on the same cluster (a second deployment, a test run) overwrote this one's.
    expect(await readAuditHead(bus, `${dbName}-other`, tenant)).toBeNull();
    expect(await log.verify(tenant, undefined, { anchor: anchor! })).toMatchObject({
      ok: true,
      checked: 5,
      sealed: 5,
    });
    const cli = await runCli(['audit', 'verify', '--tenant', tenant], { ...env, AUDIT_KEYS });
    expect(cli.stdout).toContain(
      `audit chain of ${tenant}: 5 entries, intact; 5 sealed; anchored at entry 5`,
    );
    expect(cli.code).toBe(0);
  });

  it('is caught by its seals and by its anchor once rewritten with recomputed hashes', async () => {
    // The attack: entry 2's decision changed, the hashes of 2..5 recomputed, the head moved.
    const raw = store.db.collection<{ _id: string }>('audit');
    let prevHash = (await log.entry(tenant, 1))!.hash;
    for (let seq = 2; seq <= 5; seq++) {
      const entry = (await log.entry(tenant, seq))!;
      const { hash: _hash, seal: _seal, keyId: _keyId, ...body } = entry;
      const forged: Omit<AuditEntry, 'hash'> = {
        ...body,
        prevHash,
        ...(seq === 2 ? { after: { status: 'resolved', decision: 'dismissed' } } : {}),
      };
      const hash = hashAuditEntry(forged);
      await raw.updateOne(
        { _id: auditKey(tenant, seq) },
        { $set: { after: canonicalJson(forged.after), prevHash, hash } },
      );
      prevHash = hash;
    }
    await store.db
      .collection<{ _id: string }>('audit_heads')
      .updateOne({ _id: tenant }, { $set: { hash: prevHash } });

    // The SHA-256 chain alone is fooled: this is the hole the seals close.
    expect(await new AuditLog(store.db).verify(tenant)).toMatchObject({ ok: true, checked: 5 });
    // With the key: entry 2's seal no longer matches its (recomputed) hash.
    expect((await log.verify(tenant)).firstBroken).toMatchObject({ seq: 2, reason: 'seal_mismatch' });
    // Without the key, the anchor published when entry 5 was written still tells.
    const anchor = (await readAuditHead(bus, dbName, tenant))!;
    expect((await new AuditLog(store.db).verify(tenant, undefined, { anchor })).firstBroken).toMatchObject({
      seq: 5,
      reason: 'anchor_mismatch',
    });
    // And the operator's command says so, with a failing exit code, both ways.
    const withKey = await runCli(['audit', 'verify', '--tenant', tenant, '--no-anchor'], {
      ...env,
      AUDIT_KEYS,
    });
    expect(withKey.stdout).toContain('BROKEN at entry 2 (seal_mismatch)');
    expect(withKey.code).toBe(1);
    const anchorOnly = await runCli(['audit', 'verify', '--tenant', tenant], env);
    expect(anchorOnly.stdout).toContain('BROKEN at entry 5 (anchor_mismatch)');
    expect(anchorOnly.code).toBe(1);
  }, 120_000);

  it('is sealed by the CLI too: what it appends carries the seal of the configured key', async () => {
    const other = uniqueName('cli-sealed');
    const created = await runCli(['users', 'bootstrap', '--tenant', other, '--username', 'first.admin'], {
      ...env,
      AUDIT_KEYS,
    });
    expect(created.code).toBe(0);
    const verified = await runCli(['audit', 'verify', '--tenant', other, '--no-anchor'], {
      ...env,
      AUDIT_KEYS,
    });
    expect(verified.stdout).toContain(`audit chain of ${other}: 1 entries, intact; 1 sealed`);
  }, 120_000);
});
