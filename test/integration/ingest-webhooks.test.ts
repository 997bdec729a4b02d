import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadIngestServiceConfig, signGeneric } from '@rapport/ingest-service';
import type { Bus, Producer } from '@rapport/messaging';
import { createMetricsRegistry } from '@rapport/observability';
import { KAFKA_BROKERS, testLogger, uniqueName } from '../support/env.js';
import { readTopic, testBus } from '../support/scorer.js';

type Accepted = { interactions: { interactionId: string; revision: number; status: string }[] };

const FIXTURES = new URL('../../packages/ingest/fixtures/', import.meta.url);
const zendeskRecord = JSON.parse(
  readFileSync(new URL('zendesk/tickets.jsonl', FIXTURES), 'utf8').split('\n')[0]!,
) as {
  ticket: unknown;
  comments: unknown;
  users: unknown;
};
const intercomConversation = JSON.parse(
  readFileSync(new URL('intercom/conversation.json', FIXTURES), 'utf8'),
) as unknown;

const ZENDESK_SECRET = 'dGhpcyBpcyBhIHplbmRlc2sgc2VjcmV0';
const INTERCOM_SECRET = 'intercom-client-secret';
const GENERIC_SECRET = 'generic-secret-of-sixteen-plus';

/** The webhook service with app.inject, real Kafka behind it, and a local fake of the vendors' APIs. */
describe('ingest webhook service (real Kafka, fake vendor APIs)', () => {
  const topic = uniqueName('it-ingest-webhooks');
  const vendorCalls: string[] = [];
  const vendor = Fastify();
  vendor.addHook('onRequest', (req, _reply, done) => {
    vendorCalls.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    done();
  });
  vendor.get('/api/v2/tickets/35436.json', () => ({ ticket: zendeskRecord.ticket }));
  // Two pages, as List Comments paginates: the service must follow next_page.
  const comments = zendeskRecord.comments as unknown[];
  vendor.get('/api/v2/tickets/35436/comments.json', (req) => {
    const page = (req.query as { page?: string }).page;
    const base = `http://${req.headers.host}/api/v2/tickets/35436/comments.json`;
    return page === '2'
      ? {
          comments: comments.slice(2),
          users: zendeskRecord.users,
          next_page: null,
          previous_page: `${base}?include=users&page=1`,
          count: 3,
        }
      : {
          comments: comments.slice(0, 2),
          users: zendeskRecord.users,
          next_page: `${base}?include=users&page=2`,
          previous_page: null,
          count: 3,
        };
  });
  vendor.get('/api/v2/tickets/500.json', (_req, reply) => reply.code(500).send({ error: 'boom' }));
  vendor.get('/api/v2/tickets/500/comments.json', (_req, reply) => reply.code(500).send({ error: 'boom' }));
  vendor.get('/conversations/1911149811', () => intercomConversation);
  let bus: Bus;
  let producer: Producer;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    const vendorUrl = await vendor.listen({ host: '127.0.0.1', port: 0 });
    bus = testBus({ KAFKA_BROKERS: KAFKA_BROKERS.join(',') });
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    producer = await bus.producer();
    const config = loadIngestServiceConfig({
      KAFKA_BROKERS: KAFKA_BROKERS.join(','),
      INTERACTIONS_TOPIC: topic,
      INGEST_TENANT: 'acme',
      WEBHOOK_BODY_LIMIT_BYTES: '4096',
      ZENDESK_WEBHOOK_SECRET: ZENDESK_SECRET,
      ZENDESK_BASE_URL: vendorUrl,
      ZENDESK_API_USER: 'ops@help.example/token',
      ZENDESK_API_TOKEN: 'zd-token',
      INTERCOM_CLIENT_SECRET: INTERCOM_SECRET,
      INTERCOM_BASE_URL: vendorUrl,
      INTERCOM_ACCESS_TOKEN: 'ic-token',
      GENERIC_WEBHOOK_SECRET: GENERIC_SECRET,
    });
    app = buildApp({
      config,
      producer,
      logger: testLogger,
      registry: createMetricsRegistry('ingest-test'),
      checks: [{ name: 'kafka', check: () => bus.ping() }],
    });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect();
    await bus?.deleteTopics([topic]).catch(() => undefined);
    await bus?.close();
    await vendor.close();
  });

  const zendesk = (body: string, opts: { ts?: string; secret?: string; invocation?: string } = {}) => {
    const ts = opts.ts ?? new Date().toISOString();
    const signature = createHmac('sha256', opts.secret ?? ZENDESK_SECRET)
      .update(ts + body)
      .digest('base64');
    return app.inject({
      method: 'POST',
      url: '/webhooks/zendesk',
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-signature': signature,
        'x-zendesk-webhook-signature-timestamp': ts,
        'x-zendesk-webhook-invocation-id': opts.invocation ?? randomUUID(),
      },
      payload: body,
    });
  };

  it('refuses unsigned, wrongly signed and stale deliveries with 401 and a code', async () => {
    const unsigned = await app.inject({
      method: 'POST',
      url: '/webhooks/zendesk',
      headers: { 'content-type': 'application/json' },
      payload: '{"ticket_id":"35436"}',
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json()).toMatchObject({ code: 'SIGNATURE_MISSING' });
    const forged = await zendesk('{"ticket_id":"35436"}', { secret: 'not-the-secret' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'SIGNATURE_INVALID' });
    const stale = await zendesk('{"ticket_id":"35436"}', {
      ts: new Date(Date.now() - 3600_000).toISOString(),
    });
    expect(stale.statusCode).toBe(401);
    expect(stale.json()).toMatchObject({ code: 'TIMESTAMP_OUT_OF_WINDOW' });
    const tooBig = await zendesk(JSON.stringify({ ticket_id: '35436', pad: 'x'.repeat(5000) }));
    expect(tooBig.statusCode).toBe(413);
    expect(vendorCalls).toEqual([]);
  });

  it('fetches the ticket, publishes it once, and publishes nothing again on a retry or a re-sent notification', async () => {
    const first = await zendesk('{"ticket_id":"35436"}', { invocation: 'inv-1' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      status: 'ok',
      deliveryId: 'inv-1',
      interactions: [{ interactionId: 'zendesk-35436', revision: 1772449333, status: 'published' }],
    });
    expect(vendorCalls.sort()).toEqual([
      `GET /api/v2/tickets/35436.json Basic ${Buffer.from('ops@help.example/token:zd-token').toString('base64')}`,
      `GET /api/v2/tickets/35436/comments.json?include=users Basic ${Buffer.from('ops@help.example/token:zd-token').toString('base64')}`,
      `GET /api/v2/tickets/35436/comments.json?include=users&page=2 Basic ${Buffer.from('ops@help.example/token:zd-token').toString('base64')}`,
    ]);
    const retry = await zendesk('{"ticket_id":"35436"}', { invocation: 'inv-1' });
    expect(retry.json()).toEqual({ status: 'duplicate', deliveryId: 'inv-1' });
    const again = await zendesk('{"ticket_id":"35436"}', { invocation: 'inv-2' });
    expect(again.json<Accepted>().interactions).toEqual([
      { interactionId: 'zendesk-35436', revision: 1772449333, status: 'already_published' },
    ]);
  });

  it('takes a Zendesk event subscription too (the ticket named in detail.id)', async () => {
    const body = JSON.stringify({
      type: 'zen:event-type:ticket.comment_added',
      id: 'evt-1',
      detail: { id: '35436' },
    });
    const res = await zendesk(body, { invocation: 'inv-event-1' });
    expect(res.statusCode).toBe(200);
    // Unchanged since the notification above: fetched again, published no second time.
    expect(res.json<Accepted>().interactions).toEqual([
      { interactionId: 'zendesk-35436', revision: 1772449333, status: 'already_published' },
    ]);
  });

  it('answers 502 when the vendor API fails, so the vendor retries, and remembers nothing', async () => {
    const failed = await zendesk('{"ticket_id":"500"}', { invocation: 'inv-500' });
    expect(failed.statusCode).toBe(502);
    expect(failed.json()).toMatchObject({ code: 'VENDOR_FETCH_FAILED' });
    const retried = await zendesk('{"ticket_id":"500"}', { invocation: 'inv-500' });
    expect(retried.statusCode).toBe(502);
  });

  it('imports an Intercom conversation notification signed with X-Hub-Signature', async () => {
    const body = JSON.stringify({
      type: 'notification_event',
      id: 'notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3',
      topic: 'conversation.admin.replied',
      created_at: Math.floor(Date.now() / 1000),
      data: { type: 'notification_event_data', item: { type: 'conversation', id: '1911149811' } },
    });
    const sign = (secret: string) => `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
    const bad = await app.inject({
      method: 'POST',
      url: '/webhooks/intercom',
      headers: { 'content-type': 'application/json', 'x-hub-signature': sign('wrong-secret') },
      payload: body,
    });
    expect(bad.statusCode).toBe(401);
    const ok = await app.inject({
      method: 'POST',
      url: '/webhooks/intercom',
      headers: { 'content-type': 'application/json', 'x-hub-signature': sign(INTERCOM_SECRET) },
      payload: body,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Accepted>().interactions).toEqual([
      { interactionId: 'intercom-1911149811', revision: 1772446500, status: 'published' },
    ]);
  });

  it('takes signed InteractionEvents on the generic webhook: contract and tenant enforced', async () => {
    const post = (event: unknown) => {
      const body = JSON.stringify(event);
      const ts = String(Math.floor(Date.now() / 1000));
      return app.inject({
        method: 'POST',
        url: '/webhooks/generic',
        headers: {
          'content-type': 'application/json',
          'x-rapport-timestamp': ts,
          'x-rapport-signature': signGeneric(GENERIC_SECRET, ts, body),
        },
        payload: body,
      });
    };
    const event = {
      interactionId: 'crm-chat-1',
      revision: 3,
      tenantId: 'acme',
      occurredAt: '2026-03-01T09:00:00Z',
      agent: { id: 'a1', teamId: 't1' },
      customer: { id: 'c1' },
      source: { system: 'crm' },
      channel: 'chat',
      messages: [{ role: 'customer', sentAt: '2026-03-01T09:00:00Z', text: 'Hello' }],
    };
    const ok = await post(event);
    expect(ok.json<Accepted>().interactions).toEqual([
      { interactionId: 'crm-chat-1', revision: 3, status: 'published' },
    ]);
    const otherTenant = await post({ ...event, tenantId: 'globex' });
    expect(otherTenant.statusCode).toBe(403);
    expect(otherTenant.json()).toMatchObject({ code: 'TENANT_MISMATCH' });
    const broken = await post({ ...event, messages: [] });
    expect(broken.statusCode).toBe(422);
    const refusal = broken.json<{ code: string; message: string }>();
    expect(refusal.code).toBe('INGEST_CONTRACT_VIOLATION');
    expect(refusal.message).toContain('messages: must have at least one message');
  });

  it('the topic holds each interaction exactly once; ops endpoints answer', async () => {
    const messages = await readTopic(bus, topic, ['zendesk-35436', 'intercom-1911149811', 'crm-chat-1']);
    expect(messages.map((m) => m.key).sort()).toEqual(['crm-chat-1', 'intercom-1911149811', 'zendesk-35436']);
    expect(await bus.topicSize(topic)).toBe(3);
    // The agent's reply is on the second page of comments: present, so the pages were followed.
    const ticket = JSON.parse(messages.find((m) => m.key === 'zendesk-35436')!.value) as {
      messages: { role: string; bodyText: string }[];
    };
    expect(ticket.messages.map((m) => m.role)).toEqual(['customer', 'agent']);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain(
      'rapport_ingest_webhooks_total{vendor="zendesk",outcome="duplicate",service="ingest-test"} 1',
    );
    expect(metrics).toContain(
      'rapport_ingest_webhooks_total{vendor="zendesk",outcome="SIGNATURE_INVALID",service="ingest-test"} 1',
    );
  });
});

describe('ingest webhook service process', () => {
  it('listens, answers /healthz over HTTP and shuts down in order', async () => {
    const { startIngestService } = await import('@rapport/ingest-service');
    const topic = uniqueName('it-ingest-service');
    const config = loadIngestServiceConfig({
      KAFKA_BROKERS: KAFKA_BROKERS.join(','),
      INTERACTIONS_TOPIC: topic,
      INGEST_TENANT: 'acme',
      HTTP_PORT: '0',
    });
    const service = await startIngestService(config, testLogger);
    try {
      const res = await fetch(`${service.url}/healthz`);
      expect(res.status).toBe(200);
      const unconfigured = await fetch(`${service.url}/webhooks/zendesk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(unconfigured.status).toBe(404);
      expect(await unconfigured.json()).toMatchObject({ code: 'WEBHOOK_NOT_CONFIGURED' });
    } finally {
      await service.shutdown('test done');
    }
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
    const bus = testBus({ KAFKA_BROKERS: KAFKA_BROKERS.join(',') });
    await bus.deleteTopics([topic]).catch(() => undefined);
    await bus.close();
  });
});
