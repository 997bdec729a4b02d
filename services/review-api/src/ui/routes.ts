import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idString } from '@rapport/schemas';
import { canReadAudit, ReviewError, type Principal } from '@rapport/review';
import type { AppContext } from '../app.js';
import { signIn, signOut } from '../auth/login.js';
import { csrfTokenOf } from '../auth/sessions.js';
import {
  LOGIN_CSRF_COOKIE,
  LOGIN_CSRF_MAX_AGE_S,
  loginCsrfMatches,
  loginCsrfTokenOf,
  newLoginNonce,
} from '../auth/login-csrf.js';
import { safeNext } from '../auth/redirect.js';
import { ReviewCommandBody } from '../commands.js';
import { HttpError, toHttpError } from '../http-errors.js';
import { QueueQuery, SafeId, toQueueFilter, withoutEmpty } from '../queue-query.js';
import { periodOf } from '../scorecards-view.js';
import { agentPage, dayPage, teamPage, teamsPage } from './scorecard-pages.js';
import { insightsPage } from './insights-page.js';
import { InsightsQuerySchema, toInsightsQuery } from '../routes/insights.js';
import { interactionViewOut, queueItemOut } from '../routes/views.js';
import {
  auditPage,
  interactionPage,
  loginPage,
  queuePage,
  renderErrorPage,
  rulesPage,
  type PageContext,
} from './pages.js';
import type { SafeHtml } from './html.js';

const STATIC_DIR = new URL('../../static/', import.meta.url);
const STATIC = {
  'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('app.js', STATIC_DIR)) },
  'app.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('app.css', STATIC_DIR)) },
} as const;

export const sendPage = (reply: FastifyReply, page: SafeHtml, status = 200) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(page.toString());

export function pageContext(request: FastifyRequest, title: string): PageContext {
  return {
    principal: request.principal,
    title,
    ...(request.sessionSecret ? { csrfToken: csrfTokenOf(request.sessionSecret) } : {}),
  };
}

/** Plain query strings only: a repeated or bracketed parameter is refused, never interpreted. */
export function plainQuery(raw: unknown): Record<string, string> {
  // No prototype: "__proto__" stays a parameter (and is refused as unknown), never a setter.
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'string')
      throw new HttpError(400, 'INVALID_REQUEST', `query parameter "${k}" must appear once, as plain text`);
    out[k] = v;
  }
  return out;
}

/** The signed-in person, or null after redirecting to the sign-in page (which returns here). */
export function signedIn(request: FastifyRequest, reply: FastifyReply): Principal | null {
  if (request.principal) return request.principal;
  void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  return null;
}

const DEFAULT_MANAGER_STATUS = 'open,escalated,disputed';

/**
 * Server-rendered pages. Why not a React SPA: every page is a view of one query, the forms are
 * few, and rendering on the server keeps escaping in one place (the `html` template), needs no
 * client build or bundle, and works with a strict Content-Security-Policy (no inline script).
 * A small script adds keyboard triage.
 */
export const uiRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  async (app) => {
    app.get('/static/:file', { schema: { hide: true } }, (request, reply) => {
      const file = (request.params as { file: string }).file;
      // Own properties only: "constructor" or "__proto__" must not reach Object.prototype.
      const asset = Object.hasOwn(STATIC, file) ? STATIC[file as keyof typeof STATIC] : undefined;
      if (!asset) throw new HttpError(404, 'NOT_FOUND', 'no such file');
      return reply.type(asset.type).header('cache-control', 'public, max-age=300').send(asset.body);
    });

    /** A fresh pre-session cookie and the form fields that go with it. */
    const loginForm = (reply: FastifyReply, next: string) => {
      const nonce = newLoginNonce();
      void reply.setCookie(LOGIN_CSRF_COOKIE, nonce, {
        httpOnly: true,
        secure: ctx.settings.cookieSecure,
        sameSite: 'strict',
        path: '/login',
        maxAge: LOGIN_CSRF_MAX_AGE_S,
      });
      return { csrfToken: loginCsrfTokenOf(nonce), next };
    };

    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/queue', 303));

    app.get('/login', { schema: { hide: true } }, (request, reply) => {
      const next = safeNext((request.query as Record<string, unknown>).next);
      if (request.principal) return reply.redirect(next, 303);
      return sendPage(reply, loginPage(loginForm(reply, next)));
    });

    app.post('/login', { schema: { hide: true } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      // Only paths on this site: never an open redirect.
      const next = safeNext(body.next ?? (request.query as Record<string, unknown>).next);
      if (!loginCsrfMatches(request.cookies[LOGIN_CSRF_COOKIE], body._csrf))
        return sendPage(
          reply,
          loginPage(
            loginForm(reply, next),
            'This sign-in form has expired or was not sent from this site: sign in again below.',
          ),
          403,
        );
      const username = typeof body.username === 'string' ? body.username.slice(0, 100) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
      try {
        await signIn(ctx, request, reply, username, password);
      } catch (err) {
        const { status, body: e } = toHttpError(err, request);
        return sendPage(reply, loginPage(loginForm(reply, next), e.message), status);
      }
      void reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/login' });
      return reply.redirect(next, 303);
    });

    app.post('/logout', { schema: { hide: true } }, async (request, reply) => {
      await signOut(ctx, request, reply);
      return reply.redirect('/login', 303);
    });

    app.get('/queue', { schema: { hide: true } }, (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      const raw = withoutEmpty(plainQuery(request.query));
      // Managers land on what needs attention; an explicit empty status shows everything.
      const rawStatus = (request.query as Record<string, unknown>).status;
      if (rawStatus === undefined && p.role !== 'agent') raw.status = DEFAULT_MANAGER_STATUS;
      const parsed = QueueQuery.safeParse(raw);
      if (!parsed.success)
        throw new HttpError(
          400,
          'INVALID_REQUEST',
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      const { filter, sort } = toQueueFilter(parsed.data, p);
      const page = ctx.index.query(p, filter, sort, parsed.data.limit, parsed.data.cursor);
      const { cursor, ...keep } = raw;
      void cursor;
      const qs = new URLSearchParams(keep as Record<string, string>).toString();
      return sendPage(
        reply,
        queuePage(
          pageContext(request, 'Queue'),
          raw as Record<string, string>,
          {
            items: page.items.map(queueItemOut),
            total: page.total,
            ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
          },
          ctx.index.facets(p),
          qs,
        ),
      );
    });

    const idParam = z.object({ id: idString(200) });

    app.get('/interactions/:id', { schema: { hide: true } }, async (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      const params = idParam.safeParse(request.params);
      if (!params.success) throw new HttpError(400, 'INVALID_ID', 'that is not a valid interaction id');
      const query = plainQuery(request.query);
      const q = (query.q ?? '').slice(0, 2000);
      const view = interactionViewOut(await ctx.desk.view(p, params.data.id));
      let nav: { previous?: ReturnType<typeof ctx.index.get>; next?: ReturnType<typeof ctx.index.get> } = {};
      const parsed = QueueQuery.safeParse(withoutEmpty(Object.fromEntries(new URLSearchParams(q))));
      if (parsed.success) {
        const { filter, sort } = toQueueFilter(parsed.data, p);
        nav = ctx.index.neighbours(p, filter, sort, p.tenantId, params.data.id);
      }
      const history = p.role === 'agent' ? null : await ctx.desk.history(p, params.data.id);
      const notice = query.done ? `Saved: ${query.done.replace(/_/g, ' ')}.` : undefined;
      return sendPage(
        reply,
        interactionPage(
          pageContext(request, params.data.id),
          view,
          { ...(nav.previous ? { previous: nav.previous } : {}), ...(nav.next ? { next: nav.next } : {}), q },
          history,
          notice,
        ),
      );
    });

    app.post('/interactions/:id/actions', { schema: { hide: true } }, async (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      const params = idParam.safeParse(request.params);
      if (!params.success) throw new HttpError(400, 'INVALID_ID', 'that is not a valid interaction id');
      const { _csrf, q, ...fields } = withoutEmpty((request.body ?? {}) as Record<string, unknown>);
      void _csrf;
      const command = ReviewCommandBody.safeParse(fields);
      if (!command.success)
        throw new HttpError(
          400,
          'INVALID_REQUEST',
          command.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`).join('; '),
        );
      try {
        await ctx.desk.act(p, params.data.id, command.data);
      } catch (err) {
        if (err instanceof ReviewError && err.code !== 'NOT_FOUND') {
          const { status, body } = toHttpError(err, request);
          return sendPage(reply, renderErrorPage(status, body.message, p), status);
        }
        throw err;
      }
      const back = new URLSearchParams({ q: typeof q === 'string' ? q : '', done: command.data.action });
      return reply.redirect(`/interactions/${encodeURIComponent(params.data.id)}?${back.toString()}`, 303);
    });

    app.get('/rules', { schema: { hide: true } }, (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      if (p.role === 'agent')
        throw new HttpError(403, 'FORBIDDEN', 'rule precision is for managers, auditors and admins');
      return sendPage(
        reply,
        rulesPage(
          pageContext(request, 'Rule precision'),
          ctx.index.rulePrecision(p),
          ctx.index.controlSample(p),
        ),
      );
    });

    const periodQuery = (request: FastifyRequest) => {
      const q = withoutEmpty(plainQuery(request.query));
      return periodOf(
        typeof q.from === 'string' ? q.from : undefined,
        typeof q.to === 'string' ? q.to : undefined,
      );
    };

    app.get('/scorecards', { schema: { hide: true } }, async (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      if (p.role === 'agent')
        return reply.redirect(`/scorecards/agents/${encodeURIComponent(p.agentId ?? '')}`, 303);
      const period = periodQuery(request);
      const { teams } = await ctx.scorecardDesk.teams(p, period);
      return sendPage(reply, teamsPage(pageContext(request, 'Scorecards'), period, teams));
    });

    app.get('/scorecards/teams/:teamId', { schema: { hide: true } }, async (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      const teamId = SafeId.safeParse((request.params as { teamId: string }).teamId);
      if (!teamId.success) throw new HttpError(400, 'INVALID_ID', 'that is not a valid team id');
      const period = periodQuery(request);
      const data = await ctx.scorecardDesk.team(p, teamId.data, period);
      return sendPage(
        reply,
        teamPage(pageContext(request, `Team ${teamId.data}`), teamId.data, period, data),
      );
    });

    app.get('/scorecards/agents/:agentId', { schema: { hide: true } }, async (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      const agentId = SafeId.safeParse((request.params as { agentId: string }).agentId);
      if (!agentId.success) throw new HttpError(400, 'INVALID_ID', 'that is not a valid agent id');
      const period = periodQuery(request);
      const data = await ctx.scorecardDesk.agent(p, agentId.data, period);
      return sendPage(
        reply,
        agentPage(pageContext(request, `Scorecard ${agentId.data}`), period, data, data.days),
      );
    });

    app.get('/scorecards/agents/:agentId/days/:day', { schema: { hide: true } }, async (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      const params = z
        .object({ agentId: SafeId, day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
        .safeParse(request.params);
      if (!params.success) throw new HttpError(400, 'INVALID_ID', 'that is not a valid agent and day');
      const entries = await ctx.scorecardDesk.day(p, params.data.agentId, params.data.day);
      return sendPage(
        reply,
        dayPage(pageContext(request, params.data.day), params.data.agentId, params.data.day, entries),
      );
    });

    app.get('/insights', { schema: { hide: true } }, async (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      const parsed = InsightsQuerySchema.safeParse(withoutEmpty(plainQuery(request.query)));
      if (!parsed.success)
        throw new HttpError(
          400,
          'INVALID_REQUEST',
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      const q = toInsightsQuery(parsed.data);
      const [topics, coverage] = await Promise.all([
        ctx.insightsDesk.topics(p, q),
        ctx.insightsDesk.coverage(p, q),
      ]);
      return sendPage(reply, insightsPage(pageContext(request, 'Insights'), q, topics, coverage));
    });

    app.get('/audit', { schema: { hide: true } }, async (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      if (!canReadAudit(p)) throw new HttpError(403, 'FORBIDDEN', 'the audit log is for auditors and admins');
      const [entries, verification] = await Promise.all([
        ctx.desk.latestAudit(p, 200),
        ctx.audit.verify(p.tenantId),
      ]);
      return sendPage(reply, auditPage(pageContext(request, 'Audit log'), entries, verification));
    });
  };
