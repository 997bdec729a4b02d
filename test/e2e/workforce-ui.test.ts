/**
 * The staffing and training pages in Chromium: a manager reads the week's heat map, runs a
 * what-if, opens the training packs and their export; an agent is refused both.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningReviewApi } from '@rapport/review-api';
import { InteractionEvent, type ScoredInteraction } from '@rapport/schemas';
import { DEFAULT_POLICY, scoreInteraction } from '@rapport/scoring';
import { connectStore, InteractionsRepository, type StoreConnection } from '@rapport/store';
import { root } from '../vitest.shared.js';
import { launchChromium } from '../support/browser.js';
import {
  createUsers,
  removeReviewEnv,
  reviewEnv,
  startTestReviewApi,
  TEST_PASSWORD,
} from '../support/review.js';

const env = reviewEnv('workforce-ui');
const SHOTS = join(root, 'test', 'artifacts', 'screenshots');

let store: StoreConnection;
let api: RunningReviewApi;
let browser: Browser;
let page: Page;

/** A three-minute call about a late parcel, scored by the real engine. */
const CALL: ScoredInteraction = scoreInteraction(
  InteractionEvent.parse({
    schemaVersion: 1,
    interactionId: 'call',
    revision: 1,
    tenantId: 'acme',
    occurredAt: '2026-03-02T09:00:00Z',
    channel: 'call',
    language: 'en',
    agent: { id: 'x', teamId: 'orders' },
    customer: { id: 'cu-0' },
    source: { system: 'test' },
    durationSec: 180,
    segments: [
      {
        speaker: 'agent',
        startSec: 0,
        endSec: 10,
        text: 'Hello, thank you for calling. How can I help you today?',
      },
      {
        speaker: 'customer',
        startSec: 11,
        endSec: 60,
        text: 'My parcel is late and I would like to know where it is.',
      },
      {
        speaker: 'agent',
        startSec: 61,
        endSec: 180,
        text: 'I have checked it: it arrives tomorrow. Have a nice day!',
      },
    ],
  }),
  { policy: DEFAULT_POLICY, now: () => new Date('2026-03-20T00:00:00Z') },
);

/** 200 calls in an hour on a late delivery, answered in turn by `agents` agents. */
function hourOfCalls(hourStart: string, agents: number): ScoredInteraction[] {
  const t0 = Date.parse(hourStart);
  return Array.from({ length: 200 }, (_, i) => ({
    ...CALL,
    interactionId: `${hourStart}-${i}`,
    occurredAt: new Date(t0 + i * 18_000).toISOString(),
    agent: { id: `ag-${i % agents}`, teamId: 'orders' },
    insight: { ...CALL.insight!, keyphrases: [{ text: 'late delivery', count: 2 }] },
  }));
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'test' });
  const repo = new InteractionsRepository(store.db);
  await repo.ensureIndexes();
  const items = [...hourOfCalls('2026-03-02T09:00:00Z', 10), ...hourOfCalls('2026-03-09T09:00:00Z', 12)];
  await repo.save(items.map((scored) => ({ scored, control: false, keepTranscript: true })));
  await createUsers(store.db, [
    { username: 'mona', role: 'manager', teamIds: ['orders'] },
    { username: 'seven', role: 'agent', agentId: 'ag-7' },
  ]);
  api = await startTestReviewApi(env);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await removeReviewEnv(env, api, store);
});

async function signIn(username: string) {
  await page.context().clearCookies();
  await page.goto(`${api.url}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await Promise.all([page.waitForURL(/\/queue/), page.click('button[type=submit]')]);
}

const monday9 = () => page.locator('#staffing tbody tr').nth(0).locator('td').nth(9);

describe('staffing and training pages in Chromium', () => {
  it('shows a manager the heat map, a what-if, and the training packs with their export', async () => {
    await signIn('mona');
    await page.click('nav a[href="/staffing"]');
    await page.goto(`${api.url}/staffing?from=2026-03-02&to=2026-03-15`);
    // 10 Erlangs need 14 agents for 80/20, 20 with 30% shrinkage; 11 were seen.
    await expect(monday9().innerText()).resolves.toBe('20');
    await expect(monday9().getAttribute('data-status')).resolves.toBe('understaffed');
    await expect(monday9().getAttribute('title')).resolves.toContain('P(wait) 17.4%, SL 88.8%, ASA 7.8 s');
    await expect(page.locator('#staffing-hours').innerText()).resolves.toContain(
      '11 agents seen against 14 required',
    );
    await page.screenshot({ path: join(SHOTS, 'staffing.png'), fullPage: true });

    // What-if: two-minute calls, half the paid time away: 10 agents, 20 scheduled, enough.
    await page.fill('#what-if input[name=ahtCall]', '120');
    await page.fill('#what-if input[name=shrinkage]', '0.5');
    await Promise.all([page.waitForURL(/ahtCall=120/), page.click('#what-if button[type=submit]')]);
    await expect(monday9().getAttribute('data-status')).resolves.toBe('balanced');
    await expect(page.locator('#what-if input[name=ahtCall]').inputValue()).resolves.toBe('120');

    await page.goto(`${api.url}/training?from=2026-03-01&to=2026-03-31`);
    await expect(page.locator('.training-pack h2').first().innerText()).resolves.toContain(
      '1. late delivery',
    );
    await expect(page.locator('#export-html').getAttribute('href')).resolves.toBe(
      '/api/training/export?from=2026-03-01&to=2026-03-31&tz=UTC&format=html',
    );
    await page.screenshot({ path: join(SHOTS, 'training.png'), fullPage: true });
    const exported = await page.request.get(
      `${api.url}/api/training/export?from=2026-03-01&to=2026-03-31&format=html`,
    );
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain('<h2>1. late delivery</h2>');
  });

  it('refuses an agent both pages', async () => {
    await signIn('seven');
    await expect(page.locator('nav a[href="/staffing"]').count()).resolves.toBe(0);
    const staffing = await page.goto(`${api.url}/staffing?from=2026-03-02&to=2026-03-15`);
    expect(staffing?.status()).toBe(403);
    const training = await page.goto(`${api.url}/training?from=2026-03-01&to=2026-03-31`);
    expect(training?.status()).toBe(403);
    await expect(page.locator('main').innerText()).resolves.toContain('training packs are for managers');
  });
});
