import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEntry } from '@rapport/schemas';
import { canonicalJson, hashAuditEntry, parseAuditKeys, sealOf, verifyAuditChain } from './audit-chain.js';

/** A valid chain of `n` entries, built the way AuditLog.append builds them. */
function chain(n: number, tenantId = 'acme'): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body = {
      tenantId,
      seq,
      at: new Date(Date.UTC(2026, 2, 1, 9, seq)).toISOString(),
      actor: { id: 'mgr-1', role: 'manager' as const, via: 'session' as const },
      action: 'review.confirm_flag',
      target: { type: 'interaction' as const, id: `int-${seq}` },
      before: { status: 'open', version: seq - 1 },
      after: { status: 'resolved', version: seq, flagDecisions: { 'tone.condescension': 'confirmed' } },
      prevHash,
    };
    const entry = { ...body, hash: hashAuditEntry(body) };
    out.push(entry);
    prevHash = entry.hash;
  }
  return out;
}

async function* asAsync<T>(items: T[]): AsyncIterable<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('omits undefined in objects, writes null for it in arrays, dates as ISO strings', () => {
    expect(
      canonicalJson({ a: undefined, b: [undefined, 1], c: new Date('2026-03-01T09:30:00.000Z'), d: null }),
    ).toBe('{"b":[null,1],"c":"2026-03-01T09:30:00.000Z","d":null}');
  });

  it('writes numbers and strings as JSON does', () => {
    expect(canonicalJson([-0, 1.5, 1e21, Number.NaN, 'a"b\n', 'æøå'])).toBe(
      '[0,1.5,1e+21,null,"a\\"b\\n","æøå"]',
    );
  });

  it('is the same text whatever order the keys were inserted in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });

  it('refuses values without a JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});

describe('hashAuditEntry', () => {
  it('is the SHA-256 of the canonical JSON of every field but hash', () => {
    const [entry] = chain(1);
    const { hash, ...body } = entry!;
    const expected = createHash('sha256').update(canonicalJson(body)).digest('hex');
    expect(hashAuditEntry(body)).toBe(expected);
    expect(hash).toBe(expected);
    // The stored hash itself is ignored when present.
    expect(hashAuditEntry(entry!)).toBe(expected);
  });

  it('changes with prevHash', () => {
    const [entry] = chain(1);
    expect(hashAuditEntry({ ...entry!, prevHash: 'f'.repeat(64) })).not.toBe(entry!.hash);
  });
});

describe('verifyAuditChain', () => {
  it('accepts an empty log', async () => {
    expect(await verifyAuditChain([])).toEqual({ ok: true, checked: 0, lastSeq: 0, sealed: 0, unsealed: 0 });
  });

  it('accepts an intact chain, sync or async', async () => {
    const intact = { ok: true, checked: 5, lastSeq: 5, sealed: 0, unsealed: 5 };
    expect(await verifyAuditChain(chain(5))).toEqual(intact);
    expect(await verifyAuditChain(asAsync(chain(5)))).toEqual(intact);
  });

  it('requires the first entry to be seq 1 and to point at the genesis hash', async () => {
    const [first] = chain(1);
    const body = { ...first!, prevHash: 'a'.repeat(64) };
    const rehashed = { ...body, hash: hashAuditEntry(body) };
    const r = await verifyAuditChain([rehashed]);
    expect(r).toMatchObject({ ok: false, checked: 0, lastSeq: 0 });
    expect(r.firstBroken).toMatchObject({ seq: 1, reason: 'prev_hash_mismatch' });
    expect(r.firstBroken!.message).toContain('genesis');

    const r2 = await verifyAuditChain(chain(3).slice(1));
    expect(r2.firstBroken).toMatchObject({ seq: 1, reason: 'missing_entry' });
    expect(r2.firstBroken!.message).toBe('entry 1 is missing: the start of the log is followed by entry 2');
  });

  it('names an edited entry', async () => {
    const entries = chain(6);
    entries[3] = { ...entries[3]!, after: { status: 'dismissed' } };
    const r = await verifyAuditChain(entries);
    expect(r).toMatchObject({ ok: false, checked: 3, lastSeq: 3 });
    expect(r.firstBroken).toMatchObject({ seq: 4, reason: 'hash_mismatch' });
    expect(r.firstBroken!.message).toMatch(
      /^entry 4 \(review\.confirm_flag at .*\) was changed after it was written/,
    );
  });

  it('names the entry after one that was edited and re-hashed', async () => {
    const entries = chain(6);
    const { hash: _h, ...body }: AuditEntry = {
      ...entries[2]!,
      actor: { id: 'someone-else', role: 'admin', via: 'cli' },
    };
    entries[2] = { ...body, hash: hashAuditEntry(body) };
    const r = await verifyAuditChain(entries);
    expect(r.firstBroken).toMatchObject({ seq: 4, reason: 'prev_hash_mismatch' });
    expect(r.firstBroken!.message).toContain('does not follow entry 3');
  });

  it('names a deleted entry, and a run of them', async () => {
    const entries = chain(8);
    const one = entries.filter((e) => e.seq !== 5);
    expect((await verifyAuditChain(one)).firstBroken).toEqual({
      seq: 5,
      reason: 'missing_entry',
      message: 'entry 5 is missing: entry 4 is followed by entry 6',
    });
    const run = entries.filter((e) => e.seq < 3 || e.seq > 6);
    expect((await verifyAuditChain(run)).firstBroken).toEqual({
      seq: 3,
      reason: 'missing_entry',
      message: 'entries 3 to 6 are missing: entry 2 is followed by entry 7',
    });
  });

  it('names a deleted entry whose successors were renumbered to hide the gap', async () => {
    const entries = chain(6);
    const renumbered = [...entries.slice(0, 2), ...entries.slice(3).map((e) => ({ ...e, seq: e.seq - 1 }))];
    // Renumbering changes their content, so the hash no longer matches.
    expect((await verifyAuditChain(renumbered)).firstBroken).toMatchObject({
      seq: 3,
      reason: 'hash_mismatch',
    });
  });

  it('names reordered entries: stored out of seq order', async () => {
    const entries = chain(6);
    const swapped = [entries[0]!, entries[1]!, entries[3]!, entries[2]!, entries[4]!, entries[5]!];
    const r = await verifyAuditChain(swapped);
    expect(r).toMatchObject({ ok: false, checked: 2, lastSeq: 2 });
    expect(r.firstBroken).toEqual({
      seq: 3,
      reason: 'out_of_order',
      message: 'entry 4 is stored before entry 3: entries were moved or duplicated',
    });
  });

  it('names reordered entries: seq numbers swapped with them', async () => {
    const entries = chain(6);
    const moved = [
      entries[0]!,
      entries[1]!,
      { ...entries[3]!, seq: 3 },
      { ...entries[2]!, seq: 4 },
      entries[4]!,
      entries[5]!,
    ];
    const r = await verifyAuditChain(moved);
    expect(r.firstBroken).toMatchObject({ seq: 3, reason: 'out_of_order' });
    expect(r.firstBroken!.message).toContain('entries were swapped');
  });

  it('names a duplicated entry', async () => {
    const entries = chain(4);
    const r = await verifyAuditChain([...entries.slice(0, 3), entries[2]!, entries[3]!]);
    expect(r.firstBroken).toMatchObject({ seq: 4, reason: 'out_of_order' });
    expect(r.firstBroken!.message).toBe('entry 3 is stored after entry 3: entries were moved or duplicated');
  });

  it('detects any single-entry edit, wherever it is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 11 }), async (n, i) => {
        const entries = chain(n);
        const index = i % n;
        entries[index] = { ...entries[index]!, target: { type: 'user', id: 'changed' } };
        const r = await verifyAuditChain(entries);
        expect(r.ok).toBe(false);
        expect(r.firstBroken!.seq).toBe(index + 1);
      }),
    );
  });
});

describe('the keyed seal of the audit chain', () => {
  const keyring = parseAuditKeys(
    `k2:${Buffer.alloc(32, 7).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`,
  );
  const sealed = (entries: AuditEntry[], keyId = 'k2'): AuditEntry[] =>
    entries.map((e) => ({ ...e, seal: sealOf(keyring.keys.get(keyId)!, e.hash), keyId }));
  /** What a database writer without the key can do: change an entry and recompute every hash after it. */
  const rewrite = (entries: AuditEntry[], at: number): AuditEntry[] => {
    const out = entries.map((e) => ({ ...e }));
    out[at] = { ...out[at]!, after: { status: 'dismissed' } };
    for (let i = at; i < out.length; i++) {
      if (i > 0) out[i]!.prevHash = out[i - 1]!.hash;
      out[i]!.hash = hashAuditEntry(out[i]!);
    }
    return out;
  };

  it('verifies a sealed chain with the keys, and says how much was sealed', async () => {
    const r = await verifyAuditChain(sealed(chain(4)), { keys: keyring.keys });
    expect(r).toMatchObject({ ok: true, checked: 4, sealed: 4, unsealed: 0 });
    // Retired keys still verify what they sealed.
    expect(await verifyAuditChain(sealed(chain(3), 'k1'), { keys: keyring.keys })).toMatchObject({
      ok: true,
    });
  });

  // Regression: the chain was a plain SHA-256 chain, so rewriting it and recomputing the hashes
  // left it "intact".
  it('catches a chain rewritten with recomputed hashes, which the SHA-256 chain alone cannot', async () => {
    const forged = rewrite(sealed(chain(5)), 2);
    expect(await verifyAuditChain(forged)).toMatchObject({ ok: true });
    const r = await verifyAuditChain(forged, { keys: keyring.keys });
    expect(r.firstBroken).toMatchObject({ seq: 3, reason: 'seal_mismatch' });
    expect(r.checked).toBe(2);
  });

  it('catches seals stripped from a sealed log, even without the keys', async () => {
    const forged = rewrite(sealed(chain(5)), 2).map((e, i) => {
      if (i < 2) return e;
      const { seal: _seal, keyId: _keyId, ...rest } = e;
      return rest;
    });
    const r = await verifyAuditChain(forged);
    expect(r.firstBroken).toMatchObject({ seq: 3, reason: 'seal_missing' });
  });

  it('accepts entries written before the log was sealed, and counts them', async () => {
    const entries = chain(4);
    const mixed = [...entries.slice(0, 2), ...sealed(entries.slice(2))];
    expect(await verifyAuditChain(mixed, { keys: keyring.keys })).toMatchObject({
      ok: true,
      sealed: 2,
      unsealed: 2,
    });
  });

  it('names a seal made with a key it does not hold', async () => {
    const other = parseAuditKeys(`k9:${Buffer.alloc(32, 9).toString('base64')}`);
    const r = await verifyAuditChain(sealed(chain(2)), { keys: other.keys });
    expect(r.firstBroken).toMatchObject({ seq: 1, reason: 'unknown_key' });
  });

  it('refuses keys that are short, malformed or listed twice, saying how to make one', () => {
    expect(() => parseAuditKeys(`k1:${Buffer.alloc(16).toString('base64')}`)).toThrow(
      /16 bytes; use at least 32/,
    );
    expect(() => parseAuditKeys('no-colon')).toThrow(/id:base64key/);
    const k = Buffer.alloc(32, 3).toString('base64');
    expect(() => parseAuditKeys(`a:${k},a:${k}`)).toThrow(/listed twice/);
    expect(() => parseAuditKeys(' , ')).toThrow(/no key given/);
    expect(parseAuditKeys(`a:${k},b:${k}`).current.id).toBe('a');
  });
});
