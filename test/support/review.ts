import type { FastifyInstance } from 'fastify';
import type { Db } from 'mongodb';
import { loadReviewApiConfig, startReviewApi, type RunningReviewApi } from '@rapport/review-api';
import { hashPassword } from '@rapport/review';
import { InteractionEvent, type InteractionEventInput, type Role } from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import { InteractionsRepository, PeopleRepository } from '@rapport/store';
import { KAFKA_BROKERS, MONGODB_URI, testLogger, uniqueDbName, uniqueName } from './env.js';
import { chatEvent, testBus } from './scorer.js';

/** Topics and database of one review-service test file. */
export function reviewEnv(prefix: string, extra: Record<string, string> = {}) {
  return {
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    MONGODB_URI,
    MONGODB_DB: uniqueDbName(prefix),
    SCORED_TOPIC: uniqueName(`${prefix}-scored`),
    REVIEWS_TOPIC: uniqueName(`${prefix}-reviews`),
    INDEX_GROUP_PREFIX: uniqueName(`${prefix}-index`),
    TOPIC_PARTITIONS: '2',
    HTTP_PORT: '0',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...extra,
  };
}

export const startTestReviewApi = (env: Record<string, string>): Promise<RunningReviewApi> =>
  startReviewApi(loadReviewApiConfig(env), testLogger);

/** Scores events with the real engine and stores them as the scorer would. */
export async function seedInteractions(
  db: Db,
  events: readonly InteractionEventInput[],
  control: (id: string) => boolean = () => false,
): Promise<void> {
  const repo = new InteractionsRepository(db);
  await repo.ensureIndexes();
  const now = new Date('2026-03-10T00:00:00Z');
  await repo.save(
    events.map((input) => {
      const scored = scoreInteraction(InteractionEvent.parse(input), {
        policy: DEFAULT_POLICY,
        now: () => now,
      });
      const isControl = !scored.flagged && control(scored.interactionId);
      return { scored, control: isControl, keepTranscript: scored.flagged || isControl };
    }),
  );
}

export interface TestUser {
  username: string;
  role: Role;
  tenantId?: string;
  teamIds?: string[];
  agentId?: string;
}

export const TEST_PASSWORD = 'a-long-test-password';

export async function createUsers(db: Db, users: readonly TestUser[]): Promise<void> {
  const people = new PeopleRepository(db);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  for (const u of users)
    await people.createUser({
      _id: u.username,
      tenantId: u.tenantId ?? 'acme',
      role: u.role,
      displayName: u.username,
      teamIds: u.teamIds ?? [],
      ...(u.agentId ? { agentId: u.agentId } : {}),
      passwordHash,
      disabled: false,
      createdAt: new Date(),
      createdBy: 'test',
    });
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** A JSON request as a signed-in browser would send it (cookie + CSRF header). */
export function asUser(app: FastifyInstance, s: Session) {
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } }),
    post: (url: string, payload: unknown) =>
      app.inject({
        method: 'POST',
        url,
        payload: payload as object,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      }),
  };
}

/** Agent text that raises two flags: tone.condescension and tone.dismissive. */
export const RUDE_REPLY = 'Hello. As I already said, read the manual. Whatever, not my problem.';

/** A chat by `agentId` of `teamId`; with `agentText` the agent's first reply says that. */
export function teamChat(
  id: string,
  teamId: string,
  agentId: string,
  agentText?: string,
): InteractionEventInput {
  const e = chatEvent(id, { rude: agentText !== undefined });
  e.agent = { id: agentId, name: `Agent ${agentId}`, teamId };
  if (agentText !== undefined && e.channel === 'chat') e.messages[1] = { ...e.messages[1]!, text: agentText };
  return e;
}

/** Stops the service and removes the test's database and topics; never throws on cleanup. */
export async function removeReviewEnv(
  env: ReturnType<typeof reviewEnv>,
  api: RunningReviewApi | undefined,
  store: { db: Db; close(): Promise<void> } | undefined,
): Promise<void> {
  await api?.shutdown('test done');
  await store?.db.dropDatabase().catch(() => undefined);
  await store?.close();
  const bus = testBus(env);
  await bus.deleteTopics([env.SCORED_TOPIC, env.REVIEWS_TOPIC]).catch(() => undefined);
  await bus.close();
}
