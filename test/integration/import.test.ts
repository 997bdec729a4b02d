import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '@rapport/messaging';
import type { RunningScorer } from '@rapport/scorer';
import { connectStore, type InteractionDocument, type StoreConnection } from '@rapport/store';
import { runCli } from '../support/cli.js';
import { removeScorerEnv, scorerEnv, startTestScorer, testBus, waitFor } from '../support/scorer.js';

const FIXTURES = 'packages/ingest/fixtures';
const TENANT = 'it-import';

/** `rapport import` end to end: files in, the real scorer consuming, the real store holding the result. */
describe('rapport import (real Kafka and FerretDB)', () => {
  const env = scorerEnv('it-import');
  let bus: Bus;
  let scorer: RunningScorer;
  let store: StoreConnection;
  const docs = () => store.db.collection<InteractionDocument>('interactions');

  const imports: string[][] = [
    ['--format', 'zendesk', `${FIXTURES}/zendesk/tickets.jsonl`],
    ['--format', 'mbox', '--agent-domains', 'help.example', `${FIXTURES}/email/support.mbox`],
    ['--format', 'csv', `${FIXTURES}/generic/messages.csv`],
    ['--format', 'webvtt', `${FIXTURES}/transcripts/call-0001.vtt`],
  ];
  const runImports = async () => {
    const summaries = [];
    for (const args of imports) {
      const r = await runCli(['import', '--tenant', TENANT, '--topic', env.INTERACTIONS_TOPIC, ...args], {
        KAFKA_BROKERS: env.KAFKA_BROKERS,
        LOG_LEVEL: 'warn',
      });
      const last = r.stdout.trim().split('\n').at(-1)!;
      summaries.push({
        code: r.code,
        summary: JSON.parse(last) as Record<string, unknown>,
        stderr: r.stderr,
      });
    }
    return summaries;
  };
  const settled = () =>
    waitFor(
      'the scorer to consume every import',
      () => bus.groupLag(env.SCORER_GROUP_ID, env.INTERACTIONS_TOPIC),
      (lag) => lag === 0,
      90_000,
    );

  beforeAll(async () => {
    bus = testBus(env);
    scorer = await startTestScorer(env);
    store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'it-import' });
  });

  afterAll(async () => {
    await scorer?.shutdown('test done');
    await removeScorerEnv(env, bus, store);
  });

  it('publishes every valid conversation once, reports the bad records, and the scorer stores each one once', async () => {
    const [zendesk, mbox, csv, vtt] = await runImports();
    expect(zendesk!.summary).toEqual({
      format: 'zendesk',
      files: 1,
      interactions: 2,
      messages: 5,
      published: 2,
      skipped: 1,
      invalid: 2,
    });
    expect(zendesk!.code).toBe(2);
    expect(zendesk!.stderr).toContain('tickets.jsonl, line 5: not JSON');
    expect(mbox!.summary).toEqual({
      format: 'mbox',
      files: 1,
      interactions: 2,
      messages: 4,
      published: 2,
      skipped: 0,
      invalid: 1,
    });
    expect(mbox!.stderr).toContain('message 5 (<nodate@example.net>): no valid Date header');
    expect(csv!.summary).toEqual({
      format: 'csv',
      files: 1,
      interactions: 2,
      messages: 5,
      published: 2,
      skipped: 0,
      invalid: 2,
    });
    expect(vtt!.summary).toEqual({
      format: 'webvtt',
      files: 1,
      interactions: 1,
      messages: 3,
      published: 1,
      skipped: 0,
      invalid: 0,
    });
    expect(vtt!.code).toBe(0);

    const stored = await waitFor(
      'seven stored interactions',
      () => docs().find({ tenantId: TENANT }).toArray(),
      (d) => d.length >= 7,
    );
    const ids = stored.map((d) => d.interactionId).sort();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !id.startsWith('email-'))).toEqual([
      'call-call-0001',
      'import-c-1',
      'import-c-2',
      'zendesk-35436',
      'zendesk-35437',
    ]);
    const threads = stored.filter((d) => d.channel === 'email' && d.source.system === 'email');
    expect(threads.map((d) => d.source.externalId).sort()).toEqual(['<d1@example.dk>', '<m1@example.net>']);
    const ticket = stored.find((d) => d.interactionId === 'zendesk-35436')!;
    expect(ticket.revision).toBe(Date.parse('2026-03-02T11:02:13Z') / 1000);
    expect(ticket.agent.id).toBe('zendesk-235323');
    expect(ticket.customerId).toMatch(/^cust-[0-9a-f]{24}$/);
  });

  it('a second import of the same files changes nothing in the store', async () => {
    await settled();
    const before = await docs().find({ tenantId: TENANT }).sort({ _id: 1 }).toArray();
    const again = await runImports();
    expect(again.map((a) => a.summary.published)).toEqual([2, 2, 2, 1]);
    await settled();
    const after = await docs().find({ tenantId: TENANT }).sort({ _id: 1 }).toArray();
    expect(after).toHaveLength(7);
    expect(after).toEqual(before);
  });
});
