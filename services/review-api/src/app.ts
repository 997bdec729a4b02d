import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { opsRoutes, type Logger, type ReadinessCheck, type Registry } from '@rapport/observability';
import type { Policy } from '@rapport/schemas';
import type { Principal, QueueIndex } from '@rapport/review';
import {
  AccountAdmin,
  type AuditLog,
  type InsightsRepository,
  type PeopleRepository,
  type ScorecardsRepository,
  type StaffingRepository,
  type TrainingRepository,
} from '@rapport/store';
import { Authenticator, csrfMatches, SESSION_COOKIE } from './auth/sessions.js';
import { LoginThrottle } from './auth/throttle.js';
import type { ReviewDesk } from './desk.js';
import { HttpError, sendError, toHttpError } from './http-errors.js';
import { apiRoutes } from './routes/api.js';
import { accountRoutes } from './routes/accounts.js';
import { scorecardRoutes } from './routes/scorecards.js';
import { insightsRoutes } from './routes/insights.js';
import { InsightsDesk } from './insights-view.js';
import { staffingRoutes } from './routes/staffing.js';
import { StaffingDesk } from './staffing-view.js';
import { trainingRoutes } from './routes/training.js';
import { TrainingDesk } from './training-view.js';
import { workforcePages } from './ui/workforce-routes.js';
import { ScorecardDesk } from './scorecards-view.js';
import { uiRoutes } from './ui/routes.js';
import { renderErrorPage } from './ui/pages.js';

export interface AppDeps {
  desk: ReviewDesk;
  index: QueueIndex;
  people: PeopleRepository;
  audit: AuditLog;
  scorecards: ScorecardsRepository;
  insights: InsightsRepository;
  /** Staffing plans and training packs (pages and API); absent, they are not served. */
  staffing?: StaffingRepository;
  training?: TrainingRepository;
  policy: Policy;
  logger: Logger;
  registry: Registry;
  checks: readonly ReadinessCheck[];
  settings: {
    sessionTtlMs: number;
    sessionIdleMs: number;
    tokenTtlMs: number;
    cookieSecure: boolean;
    loginMaxFailures: number;
    loginWindowMs: number;
    loginThrottleEntries: number;
    rateLimitPerMinute: number;
    probeRateLimitPerMinute: number;
    bodyLimitBytes: number;
    /** fastify's trustProxy: false, a hop count or proxy addresses (TRUST_PROXY). */
    trustProxy: false | number | string[];
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** The session cookie's secret, for the CSRF check and sign-out; null for token callers. */
    sessionSecret: string | null;
  }
}

export interface AppContext extends AppDeps {
  scorecardDesk: ScorecardDesk;
  insightsDesk: InsightsDesk;
  staffingDesk?: StaffingDesk;
  trainingDesk?: TrainingDesk;
  auth: Authenticator;
  throttle: LoginThrottle;
  accounts: AccountAdmin;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Orchestrators' probes and the metrics scrape: their own, per-address rate limit. */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
const isProbe = (request: FastifyRequest) => PROBE_PATHS.has(request.url.split('?')[0]!);

/**
 * Builds the review service (API, web UI, OpenAPI document, ops endpoints) without listening:
 * tests call `app.inject`, server.ts listens.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Typed as fastify's logger so the app's type is the plain FastifyInstance tests and plugins expect.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: deps.settings.bodyLimitBytes,
    // Request ids in logs and error messages; never trust one sent by the client.
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    // request.ip is the client's address only when the proxies in front are named (TRUST_PROXY).
    trustProxy: trustProxyOption(deps.settings.trustProxy),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ctx: AppContext = {
    ...deps,
    scorecardDesk: new ScorecardDesk(deps.scorecards),
    insightsDesk: new InsightsDesk(deps.insights, deps.policy),
    ...(deps.staffing ? { staffingDesk: new StaffingDesk(deps.staffing, deps.policy) } : {}),
    ...(deps.training ? { trainingDesk: new TrainingDesk(deps.training) } : {}),
    auth: new Authenticator(deps.people, {
      ttlMs: deps.settings.sessionTtlMs,
      idleMs: deps.settings.sessionIdleMs,
      tokenTtlMs: deps.settings.tokenTtlMs,
    }),
    throttle: new LoginThrottle({
      maxFailures: deps.settings.loginMaxFailures,
      windowMs: deps.settings.loginWindowMs,
      capacity: deps.settings.loginThrottleEntries,
    }),
    accounts: new AccountAdmin(deps.people, deps.audit),
  };

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // Plain-HTTP local demos must not be upgraded to HTTPS.
    hsts: deps.settings.cookieSecure,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: deps.settings.bodyLimitBytes });
  await app.register(fastifyRateLimit, {
    // Probes count apart from the API, so neither can use up the other's allowance; each
    // address has its own count, so a flood from one cannot fail the orchestrator's probes.
    max: (request) =>
      isProbe(request) ? deps.settings.probeRateLimitPerMinute : deps.settings.rateLimitPerMinute,
    keyGenerator: (request) => (isProbe(request) ? `probe:${request.ip}` : request.ip),
    timeWindow: 60_000,
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Rapport review API',
        description:
          'Work the flagged queue: list, read, decide, coach, dispute; rule precision and the audit log. ' +
          'Browsers use the session cookie (send the x-csrf-token header on changes); machines send ' +
          '`Authorization: Bearer rpt_...` API tokens.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.decorateRequest('principal', null);
  app.decorateRequest('sessionSecret', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.principal = await ctx.auth.fromToken(header.slice(7).trim());
      if (request.principal?.readOnly && !SAFE_METHODS.has(request.method))
        throw new HttpError(
          403,
          'TOKEN_READ_ONLY',
          'this API token is read-only (GET only); ask an admin for a read-write token to make changes',
        );
      return;
    }
    const secret = request.cookies[SESSION_COOKIE];
    if (secret && secret.length <= 100) {
      request.principal = await ctx.auth.fromSession(secret);
      if (request.principal) request.sessionSecret = secret;
    }
  });
  // Cookie sessions change nothing without the CSRF token (header for fetch, field for forms).
  app.addHook('preHandler', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || !request.sessionSecret) return done();
    const body = request.body as Record<string, unknown> | undefined;
    const presented =
      (request.headers['x-csrf-token'] as string | undefined) ??
      (typeof body?._csrf === 'string' ? body._csrf : undefined);
    if (!csrfMatches(request.sessionSecret, presented))
      return done(
        new HttpError(
          403,
          'CSRF_TOKEN_INVALID',
          'missing or wrong CSRF token: reload the page and try again',
        ),
      );
    done();
  });

  app.setErrorHandler((err, request, reply) => {
    const { status, body } = toHttpError(err, request);
    if (status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: body.error }, 'request refused');
    return respondError(request, reply, status, body.error, body.message);
  });
  app.setNotFoundHandler((request, reply) =>
    respondError(
      request,
      reply,
      404,
      'NOT_FOUND',
      `no such page or endpoint: ${request.method} ${request.url.split('?')[0]}`,
    ),
  );

  await app.register(opsRoutes({ registry: deps.registry, checks: deps.checks }));
  app.get('/docs', { schema: { hide: true } }, () => app.swagger());
  app.get('/docs/json', { schema: { hide: true } }, () => app.swagger());
  await app.register(apiRoutes(ctx), { prefix: '/api' });
  await app.register(accountRoutes(ctx), { prefix: '/api' });
  await app.register(scorecardRoutes(ctx.scorecardDesk), { prefix: '/api' });
  await app.register(insightsRoutes(ctx.insightsDesk), { prefix: '/api' });
  if (ctx.staffingDesk) await app.register(staffingRoutes(ctx.staffingDesk), { prefix: '/api' });
  if (ctx.trainingDesk) await app.register(trainingRoutes(ctx.trainingDesk), { prefix: '/api' });
  if (ctx.staffingDesk && ctx.trainingDesk)
    await app.register(workforcePages({ staffing: ctx.staffingDesk, training: ctx.trainingDesk }));
  await app.register(uiRoutes(ctx));
  return app;
}

/** A hop count as the function fastify takes (trust the n nearest hops), lists and false as they are. */
function trustProxyOption(
  v: false | number | string[],
): boolean | string[] | ((a: string, hop: number) => boolean) {
  return typeof v === 'number' ? (_address, hop) => hop < v : v;
}

function respondError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
) {
  const wantsHtml = !request.url.startsWith('/api') && (request.headers.accept ?? '').includes('text/html');
  if (wantsHtml)
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(status, message, request.principal).toString());
  return sendError(reply, status, { error: code, message });
}
