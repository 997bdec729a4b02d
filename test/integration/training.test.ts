/**
 * Training packs from stored interactions: conversations scored by the real engine (transcripts
 * kept for flagged ones, as the scorer keeps them), a flag confirmed through the review API, the
 * packs read over real FerretDB by the API (roles and teams), exported as HTML and Markdown, and
 * by `pnpm rapport training`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReviewApi } from '@rapport/review-api';
import type { TrainingReport } from '@rapport/insights';
import { InteractionEvent, type ScoredInteraction } from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import { connectStore, InteractionsRepository, type StoreConnection } from '@rapport/store';
import { runCli } from '../support/cli.js';
import {
  asUser,
  createUsers,
  removeReviewEnv,
  reviewEnv,
  signIn,
  startTestReviewApi,
  type Session,
} from '../support/review.js';

const env = reviewEnv('training');
let store: StoreConnection;
let api: RunningReviewApi;
const sessions: Record<string, Session> = {};
const CUSTOMER_EMAIL = 'jane.doe@example.com';

function scored(id: string, agentText: string): ScoredInteraction {
  return scoreInteraction(
    InteractionEvent.parse({
      schemaVersion: 1,
      interactionId: id,
      revision: 1,
      tenantId: 'acme',
      occurredAt: '2026-03-03T10:00:00Z',
      channel: 'chat',
      language: 'en',
      agent: { id: 'x', teamId: 'x' },
      customer: { id: 'cu-secret-42' },
      source: { system: 'test' },
      messages: [
        {
          role: 'customer',
          sentAt: '2026-03-03T10:00:00Z',
          text: `My parcel is late, write to ${CUSTOMER_EMAIL} <b>now</b>.`,
        },
        { role: 'agent', sentAt: '2026-03-03T10:01:00Z', text: agentText },
        { role: 'customer', sentAt: '2026-03-03T10:02:00Z', text: 'Ok, thanks.' },
      ],
    }),
    { policy: DEFAULT_POLICY, now: () => new Date('2026-03-20T00:00:00Z') },
  );
}

const POLITE = scored('polite', 'Hello, thank you for writing. I have checked it and it arrives tomorrow.');
const RUDE = scored('rude', 'Hello. As I already said, read the manual. Whatever, not my problem.');

/** Copies of a scored template: other ids, agents, teams, times and the topic the customer raised. */
function copies(
  template: ScoredInteraction,
  prefix: string,
  count: number,
  agent: string,
  team: string,
  phrase: string,
): ScoredInteraction[] {
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    interactionId: `${prefix}-${i}`,
    occurredAt: new Date(Date.UTC(2026, 2, 3, 10, i)).toISOString(),
    agent: { id: agent, teamId: team },
    insight: { ...template.insight!, keyphrases: [{ text: phrase, count: 2 }] },
  }));
}

beforeAll(async () => {
  expect(POLITE.flagged).toBe(false);
  expect(RUDE.flagged).toBe(true);
  store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'test' });
  const repo = new InteractionsRepository(store.db);
  await repo.ensureIndexes();
  const all = [
    ...copies(POLITE, 'anna', 22, 'anna', 'orders', 'late delivery'),
    ...copies(RUDE, 'ben', 8, 'ben', 'orders', 'late delivery'),
    ...copies(POLITE, 'carl', 25, 'carl', 'billing', 'refund'),
  ];
  // As the scorer stores them: transcripts for flagged conversations only.
  expect(await repo.save(all.map((s) => ({ scored: s, control: false, keepTranscript: s.flagged })))).toEqual(
    {
      inserted: 55,
      updated: 0,
      unchanged: 0,
    },
  );
  await createUsers(store.db, [
    { username: 'ada', role: 'admin' },
    { username: 'mona', role: 'manager', teamIds: ['orders'] },
    { username: 'seven', role: 'agent', agentId: 'anna' },
  ]);
  api = await startTestReviewApi(env);
  for (const u of ['ada', 'mona', 'seven']) sessions[u] = await signIn(api.app, u);
  const code = RUDE.flags[0]!.code;
  const confirmed = await as('mona').post('/api/interactions/ben-3/actions', {
    action: 'confirm_flag',
    code,
  });
  expect(confirmed.statusCode).toBe(200);
}, 120_000);

afterAll(async () => {
  await removeReviewEnv(env, api, store);
});

const as = (u: string) => asUser(api.app, sessions[u]!);
const PERIOD = 'from=2026-03-01&to=2026-03-31';

describe('training packs over stored interactions (real FerretDB)', () => {
  it("gives a manager their teams' topics: handling, agents judged on 20 or more, examples", async () => {
    const res = await as('mona').get(`/api/training/packs?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    const report = res.json<TrainingReport>();
    expect(report.analysed).toBe(30);
    expect(report.packs.map((p) => [p.topic.label, p.topic.count])).toEqual([['late delivery', 30]]);
    const pack = report.packs[0]!;
    expect(pack.handling.overall.n).toBe(30);
    expect(pack.handling.overall.mean).toBeCloseTo((22 * POLITE.overall! + 8 * RUDE.overall!) / 30, 6);
    expect(pack.handling.flagRate).toMatchObject({ count: 8, n: 30 });
    expect(pack.handling.outcome.n).toBe(30);
    expect(pack.best.map((a) => a.agentId)).toEqual(['anna']);
    expect(pack.agentsTooFew).toBe(1);
    // Anna's conversations were not flagged, so their transcripts were not kept: ids only.
    expect(pack.goodExamples).toHaveLength(3);
    expect(pack.goodExamples.every((e) => e.transcript === null && e.interactionId.startsWith('anna-'))).toBe(
      true,
    );
    // Only the conversation whose flag a reviewer confirmed, with its redacted transcript.
    expect(pack.problemExamples.map((e) => [e.interactionId, e.confirmedFlags])).toEqual([
      ['ben-3', [RUDE.flags[0]!.code]],
    ]);
    const text = JSON.stringify(pack.problemExamples[0]!.transcript);
    expect(text).toContain('read the manual');
    expect(text).not.toContain(CUSTOMER_EMAIL);
    expect(JSON.stringify(report)).not.toContain('cu-secret-42');
  });

  it('gives admins the whole tenant', async () => {
    const report = (await as('ada').get(`/api/training/packs?${PERIOD}`)).json<TrainingReport>();
    expect(report.packs.map((p) => [p.topic.label, p.topic.count])).toEqual([
      ['late delivery', 30],
      ['refund', 25],
    ]);
  });

  it('keeps agents out and a manager out of other teams', async () => {
    expect((await as('seven').get(`/api/training/packs?${PERIOD}`)).statusCode).toBe(403);
    expect((await as('seven').get(`/api/training/export?${PERIOD}`)).statusCode).toBe(403);
    expect((await as('mona').get(`/api/training/packs?${PERIOD}&teams=billing`)).statusCode).toBe(404);
    expect((await api.app.inject({ method: 'GET', url: `/api/training/packs?${PERIOD}` })).statusCode).toBe(
      401,
    );
    const bad = await as('ada').get(`/api/training/packs?${PERIOD}&topics=0`);
    expect(bad.statusCode).toBe(400);
  });

  it('exports a self-contained HTML file with conversation text escaped and no customer data', async () => {
    const res = await as('mona').get(`/api/training/export?${PERIOD}&format=html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="training-2026-03-01-2026-03-31.html"',
    );
    expect(res.body).toContain('<h2>1. late delivery</h2>');
    expect(res.body).toContain('Transcript not kept: listed by id only.');
    expect(res.body).toContain('&lt;b&gt;now&lt;/b&gt;');
    expect(res.body).not.toContain('<b>now</b>');
    expect(res.body).not.toContain(CUSTOMER_EMAIL);
    expect(res.body).not.toContain('cu-secret-42');
    expect(res.body).not.toMatch(/<script|<link|src=/);
    const md = await as('mona').get(`/api/training/export?${PERIOD}&format=markdown`);
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('## 1. late delivery');
    expect(md.body).not.toContain(CUSTOMER_EMAIL);
  });
});

describe('pnpm rapport training', () => {
  it('writes the Markdown pack for one team', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-training-'));
    try {
      const out = join(dir, 'pack.md');
      const run = await runCli(
        [
          'training',
          '--tenant',
          'acme',
          '--from',
          '2026-03-01',
          '--to',
          '2026-03-31',
          '--team',
          'orders',
          '--format',
          'markdown',
          '--out',
          out,
        ],
        { MONGODB_URI: env.MONGODB_URI, MONGODB_DB: env.MONGODB_DB },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('1 topic(s)');
      const md = await readFile(out, 'utf8');
      expect(md).toContain('# Training pack: acme, 2026-03-01 to 2026-03-31');
      expect(md).toContain('Teams: orders.');
      expect(md).toContain('confirmed: ' + RUDE.flags[0]!.code);
      expect(md).not.toContain(CUSTOMER_EMAIL);
      expect(md).not.toContain('refund');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
