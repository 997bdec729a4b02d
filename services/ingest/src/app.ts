import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import {
  adaptIntercomConversation,
  adaptZendeskTicket,
  checkCandidates,
  defaultMapping,
  type Adapted,
  type IngestOptions,
} from '@rapport/ingest';
import type { Producer } from '@rapport/messaging';
import { Counter, opsRoutes, type Logger, type ReadinessCheck, type Registry } from '@rapport/observability';
import type { IngestServiceConfig } from './config.js';
import { SeenCache } from './seen.js';
import { freshEnough, verifyGeneric, verifyIntercom, verifyZendesk } from './signatures.js';
import { fetchIntercomConversation, fetchZendeskTicket, VendorFetchError } from './vendor-api.js';

export interface IngestAppDeps {
  config: IngestServiceConfig;
  producer: Producer;
  logger: Logger;
  registry: Registry;
  checks: readonly ReadinessCheck[];
  fetchImpl?: typeof fetch;
  now?: () => number;
}

type Vendor = 'zendesk' | 'intercom' | 'generic';

/** A refusal with a stable code and a message that says what to do. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The webhook service: verify the signature (401 when missing or wrong), refuse stale or replayed
 * deliveries, fetch the whole conversation from the vendor, adapt and check it with the contract,
 * publish it once. A vendor retry after a lost response finds the delivery or the revision
 * already published and publishes nothing; a failure on our side answers 5xx so the vendor retries.
 */
export function buildApp(deps: IngestAppDeps) {
  const { config, producer, logger } = deps;
  const now = deps.now ?? Date.now;
  const fetchImpl = deps.fetchImpl ?? fetch;
  const toleranceMs = config.WEBHOOK_TOLERANCE_SEC * 1000;
  // Deliveries are remembered a little longer than a timestamp stays acceptable, so a replay inside the window is always caught.
  const deliveries = new SeenCache(2 * toleranceMs);
  const published = new SeenCache(24 * 3600 * 1000);
  const options: IngestOptions = { tenantId: config.INGEST_TENANT, mapping: defaultMapping() };
  const webhooks = new Counter({
    name: 'rapport_ingest_webhooks_total',
    help: 'Webhook deliveries by vendor and outcome',
    labelNames: ['vendor', 'outcome'],
    registers: [deps.registry],
  });

  const app = Fastify({
    loggerInstance: logger.child({ component: 'ingest-http' }),
    bodyLimit: config.WEBHOOK_BODY_LIMIT_BYTES,
  });
  // Signatures cover the exact bytes sent, so the body is kept raw and parsed after the check.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  void app.register(opsRoutes({ registry: deps.registry, checks: deps.checks }));

  const parseJson = (body: Buffer): Record<string, unknown> => {
    try {
      const v: unknown = JSON.parse(body.toString('utf8'));
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      /* refused below */
    }
    throw new Refusal(400, 'PAYLOAD_INVALID', 'the body must be one JSON object');
  };

  const publishChecked = async (adapted: Adapted) => {
    const checked = checkCandidates(adapted.candidates);
    const problems = [...adapted.problems, ...checked.problems].filter((p) => p.severity === 'error');
    if (checked.valid.length === 0)
      throw new Refusal(
        422,
        problems[0]?.code ?? 'INGEST_NOTHING_TO_SCORE',
        problems.map((p) => `${p.record}: ${p.reason}`).join('; ') || 'nothing to import',
      );
    const results = [];
    for (const { event } of checked.valid) {
      const key = `${event.tenantId}:${event.interactionId}@${event.revision}`;
      if (published.has(key, now())) {
        results.push({
          interactionId: event.interactionId,
          revision: event.revision,
          status: 'already_published',
        });
        continue;
      }
      await producer.send(config.INTERACTIONS_TOPIC, [
        { key: event.interactionId, value: JSON.stringify(event) },
      ]);
      published.add(key, now());
      results.push({ interactionId: event.interactionId, revision: event.revision, status: 'published' });
    }
    return results;
  };

  const handle =
    (
      vendor: Vendor,
      run: (
        req: FastifyRequest,
        body: Buffer,
      ) => Promise<{ deliveryId: string; work: () => Promise<unknown> }>,
    ) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        if (!Buffer.isBuffer(req.body))
          throw new Refusal(415, 'CONTENT_TYPE_UNSUPPORTED', 'send the webhook as application/json');
        const { deliveryId, work } = await run(req, req.body);
        if (deliveries.has(`${vendor}:${deliveryId}`, now())) {
          webhooks.inc({ vendor, outcome: 'duplicate' });
          return reply.code(200).send({ status: 'duplicate', deliveryId });
        }
        const result = await work();
        // Remembered only once handled: a delivery that failed on our side must be retried.
        deliveries.add(`${vendor}:${deliveryId}`, now());
        webhooks.inc({ vendor, outcome: 'accepted' });
        return reply.code(200).send({ status: 'ok', deliveryId, interactions: result });
      } catch (e) {
        if (e instanceof Refusal) {
          webhooks.inc({ vendor, outcome: e.code });
          return reply.code(e.status).send({ code: e.code, message: e.message });
        }
        if (e instanceof VendorFetchError) {
          webhooks.inc({ vendor, outcome: 'VENDOR_FETCH_FAILED' });
          req.log.warn({ err: e.message }, 'vendor fetch failed');
          return reply
            .code(502)
            .send({ code: 'VENDOR_FETCH_FAILED', message: `${e.message}; the delivery can be retried` });
        }
        webhooks.inc({ vendor, outcome: 'error' });
        req.log.error({ err: e }, 'webhook failed');
        return reply.code(503).send({
          code: 'PUBLISH_FAILED',
          message: 'the event could not be published now; retry the delivery',
        });
      }
    };

  const checkTimestamp = (ts: string) => {
    if (!freshEnough(ts, config.WEBHOOK_TOLERANCE_SEC, now()))
      throw new Refusal(
        401,
        'TIMESTAMP_OUT_OF_WINDOW',
        `the signed timestamp is more than ${config.WEBHOOK_TOLERANCE_SEC} s from now: a replay, or a clock to fix`,
      );
  };

  app.post(
    '/webhooks/zendesk',
    handle('zendesk', (req, body) => {
      const secret = config.ZENDESK_WEBHOOK_SECRET;
      const base = config.ZENDESK_BASE_URL;
      if (!secret || !base)
        throw new Refusal(
          404,
          'WEBHOOK_NOT_CONFIGURED',
          'set ZENDESK_WEBHOOK_SECRET and ZENDESK_BASE_URL to accept Zendesk webhooks',
        );
      const signature = header(req, 'x-zendesk-webhook-signature');
      const ts = header(req, 'x-zendesk-webhook-signature-timestamp');
      if (!signature || !ts)
        throw new Refusal(
          401,
          'SIGNATURE_MISSING',
          'X-Zendesk-Webhook-Signature and X-Zendesk-Webhook-Signature-Timestamp are required',
        );
      if (!verifyZendesk(secret, ts, body, signature))
        throw new Refusal(
          401,
          'SIGNATURE_INVALID',
          'the signature does not match the body: check the webhook signing secret',
        );
      checkTimestamp(ts);
      const payload = parseJson(body);
      const detail = payload.detail as Record<string, unknown> | undefined;
      const idOf = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
      const ticketId = idOf(payload.ticket_id) || idOf(detail?.id);
      if (!/^\d+$/.test(ticketId))
        throw new Refusal(
          400,
          'PAYLOAD_INVALID',
          'the body must name the ticket: {"ticket_id": "{{ticket.id}}"} or an event with detail.id',
        );
      const deliveryId = header(req, 'x-zendesk-webhook-invocation-id') ?? signature;
      return Promise.resolve({
        deliveryId,
        work: async () => {
          const record = await fetchZendeskTicket(
            fetchImpl,
            base,
            { user: config.ZENDESK_API_USER, token: config.ZENDESK_API_TOKEN },
            ticketId,
          );
          return publishChecked(adaptZendeskTicket(record, options, 'zendesk webhook', `ticket ${ticketId}`));
        },
      });
    }),
  );

  app.post(
    '/webhooks/intercom',
    handle('intercom', (req, body) => {
      const secret = config.INTERCOM_CLIENT_SECRET;
      if (!secret)
        throw new Refusal(
          404,
          'WEBHOOK_NOT_CONFIGURED',
          'set INTERCOM_CLIENT_SECRET to accept Intercom webhooks',
        );
      const signature = header(req, 'x-hub-signature');
      if (!signature) throw new Refusal(401, 'SIGNATURE_MISSING', 'X-Hub-Signature is required');
      if (!verifyIntercom(secret, body, signature))
        throw new Refusal(
          401,
          'SIGNATURE_INVALID',
          "the signature does not match the body: check the app's client secret",
        );
      const payload = parseJson(body);
      // Intercom signs no timestamp header; the notification's own created_at bounds replays.
      checkTimestamp(typeof payload.created_at === 'number' ? String(payload.created_at) : '');
      const item = (payload.data as Record<string, unknown> | undefined)?.item as
        Record<string, unknown> | undefined;
      const conversationId =
        typeof item?.id === 'string' || typeof item?.id === 'number' ? String(item.id) : '';
      if (item?.type !== 'conversation' || !conversationId)
        throw new Refusal(
          400,
          'PAYLOAD_INVALID',
          'only conversation notifications are imported (data.item.type "conversation")',
        );
      const deliveryId = typeof payload.id === 'string' ? payload.id : signature;
      return Promise.resolve({
        deliveryId,
        work: async () => {
          const conv = await fetchIntercomConversation(
            fetchImpl,
            config.INTERCOM_BASE_URL,
            config.INTERCOM_ACCESS_TOKEN,
            conversationId,
          );
          return publishChecked(
            adaptIntercomConversation(conv, options, 'intercom webhook', `conversation ${conversationId}`),
          );
        },
      });
    }),
  );

  app.post(
    '/webhooks/generic',
    handle('generic', (req, body) => {
      const secret = config.GENERIC_WEBHOOK_SECRET;
      if (!secret)
        throw new Refusal(
          404,
          'WEBHOOK_NOT_CONFIGURED',
          'set GENERIC_WEBHOOK_SECRET to accept signed InteractionEvents',
        );
      const signature = header(req, 'x-rapport-signature');
      const ts = header(req, 'x-rapport-timestamp');
      if (!signature || !ts)
        throw new Refusal(
          401,
          'SIGNATURE_MISSING',
          'X-Rapport-Signature and X-Rapport-Timestamp are required',
        );
      if (!verifyGeneric(secret, ts, body, signature))
        throw new Refusal(
          401,
          'SIGNATURE_INVALID',
          'the signature does not match: sha256= hex HMAC of "<timestamp>.<body>"',
        );
      checkTimestamp(ts);
      const event = parseJson(body);
      const deliveryId = header(req, 'x-rapport-delivery-id') ?? signature;
      return Promise.resolve({
        deliveryId,
        work: () => {
          const tenant = typeof event.tenantId === 'string' ? event.tenantId : '';
          // A producer's event is for this deployment's tenant only: a signed event cannot write into another.
          if (tenant !== config.INGEST_TENANT)
            throw new Refusal(403, 'TENANT_MISMATCH', `tenantId must be ${config.INGEST_TENANT}`);
          return publishChecked({
            candidates: [
              {
                event: event as never,
                file: 'generic webhook',
                record: `delivery ${deliveryId}`,
                messages: 0,
              },
            ],
            problems: [],
          });
        },
      });
    }),
  );

  return app;
}
