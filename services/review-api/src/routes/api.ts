import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEntry, idString, ReviewState, Role } from '@rapport/schemas';
import { canAdminister, canReadAudit, hashPassword, hashSecret } from '@rapport/review';
import type { AppContext } from '../app.js';
import { requirePrincipal, signIn, signOut } from '../auth/login.js';
import { newApiToken } from '../auth/sessions.js';
import { ReviewCommandBody } from '../commands.js';
import { actorOf } from '../desk.js';
import { HttpError } from '../http-errors.js';
import { QueueQuery, SafeId, toQueueFilter } from '../queue-query.js';
import {
  InteractionViewOut,
  interactionViewOut,
  PrincipalOut,
  principalOut,
  queueItemOut,
  QueuePageOut,
} from './views.js';

const ErrorOut = z.object({ error: z.string(), message: z.string() });
const errors = { 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut };
const InteractionParams = z.object({ id: idString(200) }).strict();
const Credentials = z
  .object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })
  .strict();

const forbidden = (what: string) => new HttpError(403, 'FORBIDDEN', what);

/** The JSON API under /api. Every route has zod schemas (validation and the OpenAPI document). */
export const apiRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  async (app) => {
    app.post(
      '/session',
      {
        schema: {
          tags: ['session'],
          summary: 'Sign in; sets the session cookie and returns the CSRF token for changes',
          body: Credentials,
          response: {
            200: z.object({ user: PrincipalOut, csrfToken: z.string() }),
            401: ErrorOut,
            415: ErrorOut,
            429: ErrorOut,
          },
          security: [],
        },
      },
      async (request, reply) => {
        // JSON only: a form on another site can post urlencoded fields here, but not JSON
        // without a CORS preflight this service never grants (login CSRF).
        if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
          throw new HttpError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            'send the credentials as application/json (browsers sign in on the /login page)',
          );
        const { principal, csrfToken } = await signIn(
          ctx,
          request,
          reply,
          request.body.username,
          request.body.password,
        );
        return { user: principalOut(principal), csrfToken };
      },
    );

    app.delete('/session', { schema: { tags: ['session'], summary: 'Sign out' } }, async (request, reply) => {
      await signOut(ctx, request, reply);
      return reply.code(204).send();
    });

    app.get(
      '/me',
      { schema: { tags: ['session'], summary: 'Who am I', response: { 200: PrincipalOut, 401: ErrorOut } } },
      (request) => principalOut(requirePrincipal(request)),
    );

    app.get(
      '/queue',
      {
        schema: {
          tags: ['queue'],
          summary: 'Flagged and control-sample interactions you may see, filtered, sorted, a page at a time',
          querystring: QueueQuery,
          response: { 200: QueuePageOut, ...errors },
        },
      },
      (request) => {
        const p = requirePrincipal(request);
        const { filter, sort } = toQueueFilter(request.query, p);
        const page = ctx.index.query(p, filter, sort, request.query.limit, request.query.cursor);
        return {
          items: page.items.map(queueItemOut),
          total: page.total,
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        };
      },
    );

    app.get(
      '/queue/facets',
      {
        schema: {
          tags: ['queue'],
          summary: 'Teams, agents, flag codes and languages present in your queue (for filter menus)',
          response: {
            200: z.object({
              teams: z.array(z.string()),
              agents: z.array(z.object({ id: z.string(), name: z.string().optional() })),
              flagCodes: z.array(z.string()),
              languages: z.array(z.string()),
            }),
            401: ErrorOut,
          },
        },
      },
      (request) => ctx.index.facets(requirePrincipal(request)),
    );

    app.get(
      '/interactions/:id',
      {
        schema: {
          tags: ['interactions'],
          summary:
            'One interaction: redacted transcript, scores, flags with evidence and explanations, review',
          params: InteractionParams,
          response: { 200: InteractionViewOut, ...errors },
        },
      },
      async (request) =>
        interactionViewOut(await ctx.desk.view(requirePrincipal(request), request.params.id)),
    );

    app.post(
      '/interactions/:id/actions',
      {
        schema: {
          tags: ['interactions'],
          summary:
            'Decide: confirm or dismiss a flag, coach, escalate, resolve, reopen, note, comment, assign; agents acknowledge or dispute; managers rule on disputes',
          params: InteractionParams,
          body: ReviewCommandBody,
          response: { 200: ReviewState, ...errors },
        },
      },
      async (request) => ctx.desk.act(requirePrincipal(request), request.params.id, request.body),
    );

    app.get(
      '/interactions/:id/history',
      {
        schema: {
          tags: ['interactions', 'audit'],
          summary: 'Audit entries about this interaction, oldest first',
          params: InteractionParams,
          response: { 200: z.object({ entries: z.array(AuditEntry) }), ...errors },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        await ctx.desk.view(p, request.params.id); // the same visibility as the interaction
        if (p.role === 'agent') throw forbidden('the review history is for managers and auditors');
        return { entries: await ctx.desk.history(p, request.params.id) };
      },
    );

    app.get(
      '/rules/precision',
      {
        schema: {
          tags: ['rules'],
          summary: "Each rule's precision from managers' decisions, and the control sample's miss rate",
          response: {
            200: z.object({
              rules: z.array(
                z.object({
                  code: z.string(),
                  flagged: z.number(),
                  confirmed: z.number(),
                  dismissed: z.number(),
                  precision: z.number().nullable(),
                }),
              ),
              controlSample: z.object({
                items: z.number(),
                reviewed: z.number(),
                missed: z.number(),
                missRate: z.number().nullable(),
              }),
            }),
            401: ErrorOut,
            403: ErrorOut,
          },
        },
      },
      (request) => {
        const p = requirePrincipal(request);
        if (p.role === 'agent') throw forbidden('rule precision is for managers, auditors and admins');
        return { rules: ctx.index.rulePrecision(p), controlSample: ctx.index.controlSample(p) };
      },
    );

    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The latest audit entries of your tenant, newest first (auditors and admins)',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
          response: { 200: z.object({ entries: z.array(AuditEntry) }), 401: ErrorOut, 403: ErrorOut },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        if (!canReadAudit(p)) throw forbidden('the audit log is for auditors and admins');
        return { entries: await ctx.desk.latestAudit(p, request.query.limit) };
      },
    );

    app.get(
      '/audit/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Checks the hash chain of your tenant audit log and names the first broken link',
          response: {
            200: z.object({
              ok: z.boolean(),
              checked: z.number(),
              lastSeq: z.number(),
              firstBroken: z.object({ seq: z.number(), reason: z.string(), message: z.string() }).optional(),
            }),
            401: ErrorOut,
            403: ErrorOut,
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        if (!canReadAudit(p)) throw forbidden('the audit log is for auditors and admins');
        return ctx.audit.verify(p.tenantId);
      },
    );

    const NewUser = z
      .object({
        username: z
          .string()
          .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be 2-63 lower-case letters, digits, ".", "_" or "-"'),
        displayName: z.string().trim().min(1).max(200),
        role: Role,
        teamIds: z.array(SafeId).max(100).default([]),
        agentId: SafeId.optional(),
        password: z.string().min(12, 'must be at least 12 characters').max(200),
      })
      .strict()
      .refine((u) => u.role !== 'manager' || u.teamIds.length > 0, {
        message: 'a manager needs at least one team',
        path: ['teamIds'],
      })
      .refine((u) => u.role !== 'agent' || u.agentId !== undefined, {
        message: 'an agent needs an agentId',
        path: ['agentId'],
      });

    app.post(
      '/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'Create a user in your tenant (admins)',
          body: NewUser,
          response: { 201: PrincipalOut, ...errors },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        if (!canAdminister(p)) throw forbidden('only admins create users');
        const u = request.body;
        const doc = {
          _id: u.username,
          tenantId: p.tenantId,
          role: u.role,
          displayName: u.displayName,
          teamIds: u.teamIds,
          ...(u.agentId ? { agentId: u.agentId } : {}),
          passwordHash: await hashPassword(u.password),
          disabled: false,
          createdAt: new Date(),
          createdBy: p.id,
        };
        await ctx.people.createUser(doc).catch((err: unknown) => {
          throw (err as { code?: string }).code === 'DUPLICATE_KEY'
            ? new HttpError(409, 'USER_EXISTS', `a user named "${u.username}" already exists`)
            : err;
        });
        const { passwordHash, ...shown } = doc;
        void passwordHash;
        await ctx.audit.append({
          tenantId: p.tenantId,
          actor: actorOf(p),
          action: 'user.create',
          target: { type: 'user', id: u.username },
          before: null,
          after: shown,
        });
        return reply.code(201).send({
          id: doc._id,
          tenantId: doc.tenantId,
          role: doc.role,
          teamIds: doc.teamIds,
          ...(doc.agentId ? { agentId: doc.agentId } : {}),
          displayName: doc.displayName,
        });
      },
    );

    app.post(
      '/tokens',
      {
        schema: {
          tags: ['admin'],
          summary: 'Create an API token for a machine (admins). The token is shown once.',
          body: z
            .object({
              name: z.string().trim().min(1).max(100),
              role: z.enum(['manager', 'auditor']),
              teamIds: z.array(SafeId).max(100).default([]),
              expiresInDays: z
                .number()
                .int()
                .min(1)
                .max(3650)
                .optional()
                .describe('days until the token stops working (default TOKEN_TTL_DAYS, 90)'),
              scope: z
                .enum(['read', 'read-write'])
                .default('read-write')
                .describe('"read": GET requests only'),
            })
            .strict(),
          response: {
            201: z.object({
              id: z.string(),
              token: z.string(),
              expiresAt: z.string(),
              scope: z.enum(['read', 'read-write']),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        if (!canAdminister(p)) throw forbidden('only admins create API tokens');
        const { id, secret, token } = newApiToken();
        const createdAt = new Date();
        const ttlMs = request.body.expiresInDays
          ? request.body.expiresInDays * 86_400_000
          : ctx.settings.tokenTtlMs;
        const record = {
          _id: id,
          name: request.body.name,
          tenantId: p.tenantId,
          role: request.body.role,
          teamIds: request.body.teamIds,
          createdAt,
          createdBy: p.id,
          revoked: false,
          expiresAt: new Date(createdAt.getTime() + ttlMs),
          scope: request.body.scope,
        };
        await ctx.people.createToken({ ...record, secretHash: hashSecret(secret) });
        await ctx.audit.append({
          tenantId: p.tenantId,
          actor: actorOf(p),
          action: 'token.create',
          target: { type: 'token', id },
          before: null,
          after: record,
        });
        return reply
          .code(201)
          .send({ id, token, expiresAt: record.expiresAt.toISOString(), scope: record.scope });
      },
    );

    app.delete(
      '/tokens/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Revoke an API token (admins)',
          params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/) }).strict(),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        if (!canAdminister(p)) throw forbidden('only admins revoke API tokens');
        if (!(await ctx.people.revokeToken(request.params.id, p.tenantId)))
          throw new HttpError(404, 'NOT_FOUND', `no API token "${request.params.id}" in your tenant`);
        await ctx.audit.append({
          tenantId: p.tenantId,
          actor: actorOf(p),
          action: 'token.revoke',
          target: { type: 'token', id: request.params.id },
          before: { revoked: false },
          after: { revoked: true },
        });
        return reply.code(204).send(null);
      },
    );
  };
