import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { RunningReviewApi } from '@rapport/review-api';
import { computeCard, newDay } from '@rapport/scorecards';
import type { AuditEntry, ScorecardDayEntries } from '@rapport/schemas';
import { connectStore, PeopleRepository, ScorecardsRepository, type StoreConnection } from '@rapport/store';
import {
  asUser,
  createUsers,
  reviewEnv,
  removeReviewEnv,
  RUDE_REPLY,
  seedInteractions,
  signIn,
  startTestReviewApi,
  teamChat,
  TEST_PASSWORD,
  type Session,
} from '../support/review.js';
import { uniqueName } from '../support/env.js';
import { runCli } from '../support/cli.js';

// Two instances on one store, as behind a load balancer: A as configured by default, B behind one
// trusted proxy hop with a low probe limit. What one instance revokes must fail on the other.
const env = reviewEnv('review-security');
const envB = {
  ...env,
  INDEX_GROUP_PREFIX: uniqueName('review-security-b'),
  TRUST_PROXY: '1',
  PROBE_RATE_LIMIT_PER_MINUTE: '10',
};

let store: StoreConnection;
let a: RunningReviewApi;
let b: RunningReviewApi;
const sessions: Record<string, Session> = {};

beforeAll(async () => {
  store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'test' });
  await seedInteractions(store.db, [teamChat('o-rude-1', 'orders', 'ag-7', RUDE_REPLY)]);
  await createUsers(store.db, [
    { username: 'ada', role: 'admin' },
    { username: 'eve', role: 'admin' },
    { username: 'mona', role: 'manager', teamIds: ['orders'] },
    { username: 'zed', role: 'manager', teamIds: ['orders'] },
    { username: 'audrey', role: 'auditor' },
    { username: 'nora', role: 'admin', tenantId: 'nordlys' },
  ]);
  await seedScorecards();
  a = await startTestReviewApi(env);
  b = await startTestReviewApi(envB);
  for (const u of ['ada', 'eve', 'mona', 'audrey']) sessions[u] = await signIn(a.app, u);
});

afterAll(async () => {
  await b?.shutdown('test done');
  await removeReviewEnv(env, a, store);
});

const as = (u: string, app: FastifyInstance = a.app) => asUser(app, sessions[u]!);
const login = (
  app: FastifyInstance,
  username: string,
  password: string,
  headers: Record<string, string> = {},
  remoteAddress = '127.0.0.1',
) =>
  app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
    headers,
    remoteAddress,
  });
const adminDo = (method: 'POST' | 'DELETE', url: string, payload?: object) =>
  a.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { cookie: sessions.ada!.cookie, 'x-csrf-token': sessions.ada!.csrf },
  });

describe('sign-in throttling', () => {
  it("cannot lock a person out: strangers' failures never stop the owner's usual address", async () => {
    // mona signed in from 127.0.0.1 in beforeAll. 40 failures on her name from 40 addresses:
    // the first 20 (four times LOGIN_MAX_FAILURES) are answered, then unknown addresses wait.
    for (let i = 0; i < 40; i++)
      expect((await login(a.app, 'mona', 'guess', {}, `203.0.113.${i}`)).statusCode).toBe(i < 20 ? 401 : 429);
    // One stranger's pair is used up: it waits, told how long.
    for (let i = 0; i < 5; i++) await login(a.app, 'mona', 'guess', {}, '203.0.113.200');
    const stranger = await login(a.app, 'mona', 'guess', {}, '203.0.113.200');
    expect(stranger.statusCode).toBe(429);
    expect(stranger.json<{ error: string }>().error).toBe('TOO_MANY_SIGN_IN_FAILURES');
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(0);
    // A new address for "mona" waits while her name is under attack (a delay, not a lockout) ...
    expect((await login(a.app, 'mona', TEST_PASSWORD, {}, '198.51.100.77')).statusCode).toBe(429);
    // ... and her usual address signs in at once.
    expect((await login(a.app, 'mona', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('throttles by the real client address behind a trusted proxy (TRUST_PROXY), and ignores the header otherwise', async () => {
    const via = (ip: string) => ({ 'x-forwarded-for': ip });
    for (let i = 0; i < 5; i++) await login(b.app, 'ghost', 'nope', via('198.51.100.1'));
    expect((await login(b.app, 'ghost', 'nope', via('198.51.100.1'))).statusCode).toBe(429);
    // Another client behind the same balancer is not held back.
    expect((await login(b.app, 'ghost', 'nope', via('198.51.100.2'))).statusCode).toBe(401);
    // Instance A trusts no proxy: a forged header gains nothing.
    for (let i = 0; i < 5; i++) await login(a.app, 'phantom', 'nope', via(`192.0.2.${i}`));
    expect((await login(a.app, 'phantom', 'nope', via('192.0.2.99'))).statusCode).toBe(429);
  });
});

describe('the sign-in form', () => {
  const loginForm = async () => {
    const page = await a.app.inject({ method: 'GET', url: '/login' });
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(cookie).toMatch(/^rapport_login=/);
    expect(String(page.headers['set-cookie'])).toMatch(/SameSite=Strict/i);
    return { cookie, csrf: csrf! };
  };
  const post = (next: string, form: { cookie?: string; csrf?: string }) =>
    a.app.inject({
      method: 'POST',
      url: `/login?next=${encodeURIComponent(next)}`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(form.cookie ? { cookie: form.cookie } : {}),
      },
      payload: new URLSearchParams({
        username: 'audrey',
        password: TEST_PASSWORD,
        next,
        ...(form.csrf ? { _csrf: form.csrf } : {}),
      }).toString(),
    });

  it.each([
    '/\t/evil.example',
    '/%09/evil.example',
    '//evil.example',
    '/\\evil.example',
    '/%5Cevil.example',
    'https://evil.example/',
  ])('never redirects off-site after sign-in: next=%j', async (next) => {
    const res = await post(next, await loginForm());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/queue');
  });

  it('goes back to the page asked for on this site', async () => {
    const res = await post('/audit?x=1', await loginForm());
    expect(res.headers.location).toBe('/audit?x=1');
  });

  it('refuses a sign-in without the pre-session token (login CSRF), and JSON sign-in only as JSON', async () => {
    const form = await loginForm();
    for (const attempt of [
      {},
      { cookie: form.cookie },
      { csrf: form.csrf },
      { cookie: form.cookie, csrf: 'x' },
    ]) {
      const res = await post('/queue', attempt);
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('sign in again');
      expect(String(res.headers['set-cookie'])).not.toContain('rapport_session=');
    }
    const urlencoded = await a.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=audrey&password=${TEST_PASSWORD}`,
    });
    expect(urlencoded.statusCode).toBe(415);
    expect(urlencoded.json<{ error: string }>().error).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('account lifecycle', () => {
  it('disables a user at once on every instance, with their sessions and the tokens they issued', async () => {
    const eveOnB = await signIn(b.app, 'eve');
    const issued = await as('eve').post('/api/tokens', { name: 'eve-script', role: 'auditor' });
    const token = issued.json<{ token: string }>().token;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await b.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);
    expect((await asUser(b.app, eveOnB).get('/api/me')).statusCode).toBe(200);

    const disabled = await adminDo('POST', '/api/users/eve/disable');
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ user: 'eve', sessionsEnded: 2 });
    expect((await asUser(b.app, eveOnB).get('/api/me')).statusCode).toBe(401);
    expect((await as('eve').get('/api/me')).statusCode).toBe(401);
    expect((await b.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(401);
    expect((await login(a.app, 'eve', TEST_PASSWORD)).statusCode).toBe(401);

    expect((await adminDo('POST', '/api/users/eve/enable')).statusCode).toBe(200);
    expect((await login(a.app, 'eve', TEST_PASSWORD)).statusCode).toBe(200);
    // Revoked tokens stay revoked.
    expect((await a.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(401);
  });

  it('signs a user out everywhere, and resets a password with a generated one shown once', async () => {
    const onA = await signIn(a.app, 'zed');
    const onB = await signIn(b.app, 'zed');
    const revoked = await adminDo('DELETE', '/api/users/zed/sessions');
    expect(revoked.json()).toMatchObject({ user: 'zed', sessionsEnded: 2 });
    expect((await asUser(a.app, onA).get('/api/me')).statusCode).toBe(401);
    expect((await asUser(b.app, onB).get('/api/me')).statusCode).toBe(401);

    const again = await signIn(b.app, 'zed');
    const reset = await adminDo('POST', '/api/users/zed/password', {});
    expect(reset.statusCode).toBe(200);
    const { password } = reset.json<{ password: string }>();
    expect(password).toMatch(/^[A-Za-z2-9]{18}$/);
    expect((await asUser(b.app, again).get('/api/me')).statusCode).toBe(401);
    expect((await login(a.app, 'zed', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(a.app, 'zed', password)).statusCode).toBe(200);
    const chosen = await adminDo('POST', '/api/users/zed/password', { password: 'a-chosen-long-password' });
    expect(chosen.json()).not.toHaveProperty('password');
    expect((await login(a.app, 'zed', 'a-chosen-long-password')).statusCode).toBe(200);
  });

  it('does the same from the CLI (pnpm rapport users disable|enable|reset-password|revoke-sessions)', async () => {
    const cliEnv = { MONGODB_URI: env.MONGODB_URI, MONGODB_DB: env.MONGODB_DB };
    const held = await signIn(b.app, 'audrey');
    const revoke = await runCli(
      ['users', 'revoke-sessions', '--tenant', 'acme', '--username', 'audrey'],
      cliEnv,
    );
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toMatch(/revoke-sessions audrey: [1-9]\d* session\(s\) ended/);
    expect((await asUser(b.app, held).get('/api/me')).statusCode).toBe(401);
    const off = await runCli(['users', 'disable', '--tenant', 'acme', '--username', 'audrey'], cliEnv);
    expect(off.code).toBe(0);
    expect((await login(a.app, 'audrey', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await runCli(['users', 'enable', '--tenant', 'acme', '--username', 'audrey'], cliEnv)).code).toBe(
      0,
    );
    expect((await login(a.app, 'audrey', TEST_PASSWORD)).statusCode).toBe(200);
    const unknown = await runCli(['users', 'disable', '--tenant', 'acme', '--username', 'nobody'], cliEnv);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no user "nobody" in tenant acme');
    // Sessions from before the CLI run (beforeAll's) ended with the revocation: sign in again.
    sessions.audrey = await signIn(a.app, 'audrey');
  });

  it('refuses admins disabling themselves, non-admins, and users of other tenants', async () => {
    const self = await adminDo('POST', '/api/users/ada/disable');
    expect(self.statusCode).toBe(409);
    expect(self.json<{ error: string }>().error).toBe('CANNOT_DISABLE_SELF');
    expect((await as('mona').post('/api/users/zed/disable', {})).statusCode).toBe(403);
    expect((await adminDo('POST', '/api/users/nora/disable')).statusCode).toBe(404);
    expect((await adminDo('DELETE', '/api/users/nobody/sessions')).statusCode).toBe(404);
    const list = (await as('ada').get('/api/users')).json<{ users: { id: string; disabled: boolean }[] }>();
    expect(list.users.map((u) => u.id)).toEqual(['ada', 'audrey', 'eve', 'mona', 'zed']);
  });

  it('records every admin action in the audit log, never a password', async () => {
    const { entries } = (await as('audrey').get('/api/audit?limit=500')).json<{ entries: AuditEntry[] }>();
    const mine = entries.filter((e) => e.target.type === 'user').map((e) => `${e.action} ${e.target.id}`);
    expect(mine.reverse()).toEqual([
      'user.disable eve',
      'user.enable eve',
      'user.sessions_revoke zed',
      'user.password_reset zed',
      'user.password_reset zed',
      'user.sessions_revoke audrey',
      'user.disable audrey',
      'user.enable audrey',
    ]);
    expect(entries.find((e) => e.action === 'user.disable' && e.target.id === 'audrey')?.actor).toEqual({
      id: 'cli',
      role: 'system',
      via: 'cli',
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain('a-chosen-long-password');
    expect(text).not.toContain('scrypt$');
  });

  it('gives API tokens an expiry (90 days by default, or their own) and a read-only scope', async () => {
    const plain = (await as('ada').post('/api/tokens', { name: 'hr', role: 'auditor' })).json<{
      id: string;
      token: string;
      expiresAt: string;
      scope: string;
    }>();
    expect(Math.round((Date.parse(plain.expiresAt) - Date.now()) / 86_400_000)).toBe(90);
    expect(plain.scope).toBe('read-write');
    const short = (
      await as('ada').post('/api/tokens', {
        name: 'ro',
        role: 'manager',
        teamIds: ['orders'],
        expiresInDays: 1,
        scope: 'read',
      })
    ).json<{ id: string; token: string; expiresAt: string }>();
    expect(Math.round((Date.parse(short.expiresAt) - Date.now()) / 3_600_000)).toBe(24);
    const bearer = { authorization: `Bearer ${short.token}` };
    expect((await a.app.inject({ method: 'GET', url: '/api/queue', headers: bearer })).statusCode).toBe(200);
    const write = await a.app.inject({
      method: 'POST',
      url: '/api/interactions/o-rude-1/actions',
      headers: bearer,
      payload: { action: 'note', text: 'from a read-only token' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json<{ error: string }>().error).toBe('TOKEN_READ_ONLY');
    // Past its expiry the token fails at once.
    const people = new PeopleRepository(store.db);
    await people.tokens.updateOne({ _id: short.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await a.app.inject({ method: 'GET', url: '/api/queue', headers: bearer })).statusCode).toBe(401);
  });

  it('ends sessions after an idle and an absolute expiry, deleting expired ones', async () => {
    const people = new PeopleRepository(store.db);
    const s = await signIn(a.app, 'audrey');
    const all = await people.sessions.find({ userId: 'audrey' }).toArray();
    const newest = all.sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime())[0]!;
    // Idle expiry 60 minutes (SESSION_IDLE_MINUTES), absolute 12 hours (SESSION_TTL_HOURS).
    expect(newest.expiresAt.getTime() - newest.createdAt.getTime()).toBe(60 * 60_000);
    expect(newest.absoluteExpiresAt!.getTime() - newest.createdAt.getTime()).toBe(12 * 3600_000);
    // Use moves the idle expiry (written at most once a tenth of the idle time) ...
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await people.sessions.updateOne(
      { _id: newest._id },
      { $set: { lastSeenAt: tenMinutesAgo, expiresAt: new Date(tenMinutesAgo.getTime() + 60 * 60_000) } },
    );
    expect((await asUser(a.app, s).get('/api/me')).statusCode).toBe(200);
    const moved = (await people.findSession(newest._id))!;
    expect(moved.expiresAt.getTime() - moved.lastSeenAt!.getTime()).toBe(60 * 60_000);
    expect(moved.lastSeenAt!.getTime()).toBeGreaterThan(tenMinutesAgo.getTime() + 9 * 60_000);
    // ... but never past the absolute expiry.
    const soon = new Date(Date.now() + 5 * 60_000);
    await people.sessions.updateOne(
      { _id: newest._id },
      { $set: { absoluteExpiresAt: soon, lastSeenAt: tenMinutesAgo } },
    );
    expect((await asUser(a.app, s).get('/api/me')).statusCode).toBe(200);
    expect((await people.findSession(newest._id))!.expiresAt).toEqual(soon);
    // An hour without use: the next request finds it expired, refuses it and deletes it.
    await people.sessions.updateOne({ _id: newest._id }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    expect((await asUser(a.app, s).get('/api/me')).statusCode).toBe(401);
    expect(await people.findSession(newest._id)).toBeNull();

    // The sweep deletes expired sessions nobody comes back for, a bounded batch at a time.
    const t = Date.now();
    for (let i = 0; i < 3; i++)
      await people.createSession({
        _id: `old-${i}`,
        userId: 'gone',
        createdAt: new Date(t - 7200_000),
        expiresAt: new Date(t - 3600_000),
      });
    await people.createSession({
      _id: 'live',
      userId: 'gone',
      createdAt: new Date(t),
      expiresAt: new Date(t + 3600_000),
    });
    expect(await people.sweepExpiredSessions(new Date(t), 2)).toBe(2);
    expect(await people.sweepExpiredSessions(new Date(t), 2)).toBe(1);
    expect((await people.sessions.find({ userId: 'gone' }).toArray()).map((d) => d._id)).toEqual(['live']);
  });
});

/** ag-5 worked for orders on 2-4 March (3 interactions a day), then for billing on 9-10 March (5 a day). */
async function seedScorecards(): Promise<void> {
  const repo = new ScorecardsRepository(store.db);
  await repo.ensureIndexes();
  const days: ScorecardDayEntries[] = [];
  const add = (day: string, teamId: string, n: number, score: number) => {
    const entries = newDay('acme', 'ag-5', day, new Date('2026-03-20T00:00:00Z'));
    for (let i = 0; i < n; i++)
      entries.scored.push({
        id: `ag-5-${day}-${i}`,
        revision: 1,
        occurredAt: `${day}T10:00:00.000Z`,
        teamId,
        scores: {
          politeness: score,
          tone: score,
          accuracy: score,
          clarity: score,
          responsiveness: score,
          compliance: score,
          overall: score,
        },
        flags: [],
        flagged: false,
        control: false,
      });
    entries.teamId = teamId;
    days.push(entries);
  };
  for (const d of ['2026-03-02', '2026-03-03', '2026-03-04']) add(d, 'orders', 3, 80);
  for (const d of ['2026-03-09', '2026-03-10']) add(d, 'billing', 5, 40);
  await repo.saveDays(days.map((entries) => ({ entries, card: computeCard(entries) })));
  await repo.saveAgents([
    {
      tenantId: 'acme',
      agentId: 'ag-5',
      teamId: 'billing',
      teams: ['billing', 'orders'],
      firstDay: '2026-03-02',
      lastDay: '2026-03-10',
    },
  ]);
}

describe('scorecards of an agent who changed teams', () => {
  const period = 'from=2026-03-01&to=2026-03-15';
  it("shows a manager only the days the agent worked in the manager's teams", async () => {
    const mine = (await as('mona').get(`/api/scorecards/agents/ag-5?${period}`)).json<{
      summary: { interactions: number; scores: { overall: { mean: number } } };
      days: string[];
    }>();
    expect(mine.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(mine.summary.interactions).toBe(9);
    expect(mine.summary.scores.overall.mean).toBeCloseTo(80, 6);
    expect((await as('mona').get('/api/scorecards/agents/ag-5/days/2026-03-09')).statusCode).toBe(404);
    expect((await as('mona').get('/api/scorecards/agents/ag-5/days/2026-03-02')).statusCode).toBe(200);
    const exported = (await as('mona').get(`/api/scorecards/export?${period}&format=json`)).json<{
      agents: { agentId: string; interactions: number }[];
    }>();
    expect(exported.agents.find((x) => x.agentId === 'ag-5')?.interactions).toBe(9);
    // Auditors see the whole record.
    const all = (await as('audrey').get(`/api/scorecards/agents/ag-5?${period}`)).json<{
      summary: { interactions: number };
    }>();
    expect(all.summary.interactions).toBe(19);
  });
});

describe('bounded reviews', () => {
  it('caps notes per review with a clear 409, and audits each change as what changed', async () => {
    for (let i = 0; i < 100; i++) {
      const r = await as('mona').post('/api/interactions/o-rude-1/actions', {
        action: 'note',
        text: `note ${i}`,
      });
      expect(r.statusCode).toBe(200);
    }
    const full = await as('mona').post('/api/interactions/o-rude-1/actions', {
      action: 'note',
      text: 'one more',
    });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toEqual({
      error: 'LIMIT_REACHED',
      message: expect.stringContaining('already has 100 notes') as unknown,
    });
    const { entries } = (await as('audrey').get('/api/interactions/o-rude-1/history')).json<{
      entries: AuditEntry[];
    }>();
    const last = entries.filter((e) => e.action === 'review.note').at(-1)!;
    expect(last.before).toEqual({ version: 99, updatedAt: expect.any(String) as unknown });
    // The note added, not the 99 before it (how its text is kept is the audit log's business).
    const after = last.after as { version: number; notesAdded: { by: string }[] };
    expect(Object.keys(after).sort()).toEqual(['notesAdded', 'updatedAt', 'version']);
    expect(after.version).toBe(100);
    expect(after.notesAdded).toHaveLength(1);
    expect(after.notesAdded[0]!.by).toBe('mona');
  });
});

describe('limits and lookups', () => {
  it('documents the account endpoints in the OpenAPI document', async () => {
    const doc = (await a.app.inject({ method: 'GET', url: '/docs' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/users',
        '/api/users/{username}/disable',
        '/api/users/{username}/enable',
        '/api/users/{username}/password',
        '/api/users/{username}/sessions',
      ]),
    );
  });

  it('refuses an insights period over 366 days with 400', async () => {
    const res = await as('mona').get('/api/insights/topics?from=2025-03-16&to=2026-03-30');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('at most 366 days');
    expect((await as('mona').get('/api/insights/topics?from=2025-04-01&to=2026-03-31')).statusCode).toBe(200);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'answers 404 for /static/%s and other names that live on Object.prototype',
    async (name) => {
      expect((await a.app.inject({ method: 'GET', url: `/static/${name}` })).statusCode).toBe(404);
      expect((await as('mona').get(`/api/scorecards/teams/${name}`)).statusCode).toBe(404);
      expect((await as('mona').get(`/api/scorecards/agents/${name}`)).statusCode).toBe(404);
      expect((await as('mona').get(`/api/interactions/${name}`)).statusCode).toBe(404);
      expect((await as('mona').get(`/api/queue?${name}=x`)).statusCode).toBe(400);
      expect((await as('mona').get(`/queue?${name}=x`)).statusCode).toBe(400);
    },
  );

  it('rate-limits /healthz and /readyz per address without touching the API or other probers', async () => {
    const probe = (url: string, remoteAddress: string) => b.app.inject({ method: 'GET', url, remoteAddress });
    for (let i = 0; i < 5; i++) expect((await probe('/healthz', '192.0.2.50')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await probe('/readyz', '192.0.2.50')).statusCode).toBe(200);
    const flooded = await probe('/readyz', '192.0.2.50');
    expect(flooded.statusCode).toBe(429);
    expect(flooded.json<{ error: string }>().error).toBe('RATE_LIMITED');
    expect((await probe('/healthz?x=1', '192.0.2.50')).statusCode).toBe(429);
    // The orchestrator probes from its own address; the API keeps its own allowance.
    expect((await probe('/readyz', '10.1.1.1')).statusCode).toBe(200);
    expect(
      (await b.app.inject({ method: 'GET', url: '/api/me', remoteAddress: '192.0.2.50' })).statusCode,
    ).toBe(401);
  });
});
