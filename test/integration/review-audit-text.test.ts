import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReviewApi } from '@rapport/review-api';
import { AuditLog, connectStore, type StoreConnection } from '@rapport/store';
import {
  asUser,
  createUsers,
  removeReviewEnv,
  reviewEnv,
  RUDE_REPLY,
  seedInteractions,
  signIn,
  startTestReviewApi,
  teamChat,
  type Session,
} from '../support/review.js';

// The audit log is kept for ever and cannot be edited (hash chain), so the review texts that
// quote a conversation must never be copied into it: retention could not remove them.
const env = reviewEnv('review-audit-text');
let store: StoreConnection;
let api: RunningReviewApi;
const sessions: Record<string, Session> = {};
const as = (u: string) => asUser(api.app, sessions[u]!);

const TEXTS = {
  decision: 'He told Ms Jensen to read the manual',
  note: 'Ms Jensen called back about order 5512.',
  comment: "Agreed, the agent quoted 'not my problem'.",
  coaching: "Never tell a customer 'Whatever, not my problem'.",
  dispute: 'She insulted me first, see message 3.',
  ruling: 'Still not acceptable towards Ms Jensen.',
};
const ref = (text: string) => ({
  ref: `sha256:${createHash('sha256').update(text).digest('hex')}`,
  length: text.length,
});

beforeAll(async () => {
  store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'test' });
  await seedInteractions(store.db, [teamChat('t-rude-1', 'orders', 'ag-7', RUDE_REPLY)]);
  await createUsers(store.db, [
    { username: 'mona', role: 'manager', teamIds: ['orders'] },
    { username: 'seven', role: 'agent', agentId: 'ag-7' },
  ]);
  api = await startTestReviewApi(env);
  for (const u of ['mona', 'seven']) sessions[u] = await signIn(api.app, u);
});

afterAll(async () => {
  await removeReviewEnv(env, api, store);
});

describe('review audit entries (real FerretDB and Kafka)', () => {
  it('keep a SHA-256 reference and the length of every free text, never the text; the chain verifies', async () => {
    const act = async (user: string, body: object) => {
      const res = await as(user).post('/api/interactions/t-rude-1/actions', body);
      expect(res.statusCode, res.body).toBe(200);
    };
    await act('mona', { action: 'confirm_flag', code: 'tone.condescension', note: TEXTS.decision });
    await act('mona', { action: 'note', text: TEXTS.note });
    await act('mona', { action: 'comment', text: TEXTS.comment });
    await act('mona', { action: 'coach', note: TEXTS.coaching });
    await act('seven', { action: 'dispute', note: TEXTS.dispute });
    await act('mona', { action: 'rule', outcome: 'upheld', note: TEXTS.ruling });

    // The review itself holds the texts (until retention), so the check below can fail.
    const review = await store.db.collection('reviews').findOne({ _id: 'acme:t-rude-1' } as object);
    expect(JSON.stringify(review)).toContain(TEXTS.coaching);

    const log = new AuditLog(store.db);
    const entries = await log.entriesAbout('acme', { type: 'interaction', id: 't-rude-1' });
    expect(entries.map((e) => e.action)).toEqual([
      'review.confirm_flag',
      'review.note',
      'review.comment',
      'review.coach',
      'review.dispute',
      'review.rule',
    ]);
    const written = JSON.stringify(entries);
    for (const text of Object.values(TEXTS)) {
      expect(written).not.toContain(text);
      expect(written).toContain(ref(text).ref);
    }
    expect(written).not.toContain('Jensen');
    expect(entries[0]!.after).toMatchObject({
      flagDecisions: [{ code: 'tone.condescension', decision: 'confirmed', note: ref(TEXTS.decision) }],
    });
    expect(entries[3]!.after).toMatchObject({ coaching: { by: 'mona', text: ref(TEXTS.coaching) } });
    expect(entries[4]!.after).toMatchObject({
      agentResponse: { kind: 'disputed', note: ref(TEXTS.dispute) },
    });
    expect(entries[5]!.after).toMatchObject({ ruling: { outcome: 'upheld', note: ref(TEXTS.ruling) } });
    expect(await log.verify('acme')).toMatchObject({ ok: true, checked: entries.length });
  });
});
