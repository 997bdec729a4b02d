import Fastify, { type FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export interface ReadinessCheck {
  name: string;
  /** Resolves true when the dependency is usable right now. Must be cheap: probes call it often. */
  check: () => Promise<boolean> | boolean;
}

export interface OpsServerOptions {
  logger: Logger;
  registry: Registry;
  checks: readonly ReadinessCheck[];
}

/**
 * The operational endpoints every worker serves: /healthz (the process is alive), /readyz (every
 * dependency answers; 503 naming the ones that do not), /metrics (Prometheus text format).
 */
export function buildOpsServer(options: OpsServerOptions) {
  const app = Fastify({
    // Probes call these endpoints every few seconds: request logs would drown the service's own.
    loggerInstance: options.logger.child({ component: 'ops-http' }, { level: 'warn' }),
  });
  void app.register(opsRoutes(options));
  return app;
}

/** The same endpoints on an existing server (the review API serves them beside its own routes). */
export const opsRoutes =
  (options: Omit<OpsServerOptions, 'logger'>): FastifyPluginAsync =>
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  async (app) => {
    app.get('/healthz', { logLevel: 'warn' }, () => ({ status: 'ok' }));
    app.get('/readyz', { logLevel: 'warn' }, async (_req, reply) => {
      const results = await Promise.all(
        options.checks.map(async (c) => {
          try {
            return { name: c.name, ok: await c.check() };
          } catch {
            return { name: c.name, ok: false };
          }
        }),
      );
      const ready = results.every((r) => r.ok);
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: results });
    });
    app.get('/metrics', { logLevel: 'warn' }, async (_req, reply) => {
      const body = await options.registry.metrics();
      return reply.type(options.registry.contentType).send(body);
    });
  };
