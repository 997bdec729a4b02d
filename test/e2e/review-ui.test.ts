import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningReviewApi } from '@rapport/review-api';
import { connectStore, type StoreConnection } from '@rapport/store';
import { root } from '../vitest.shared.js';
import { launchChromium } from '../support/browser.js';
import {
  createUsers,
  reviewEnv,
  seedInteractions,
  startTestReviewApi,
  TEST_PASSWORD,
  removeReviewEnv,
  RUDE_REPLY,
  teamChat,
} from '../support/review.js';

const env = reviewEnv('review-ui');
const SHOTS = join(root, 'test', 'artifacts', 'screenshots');

let store: StoreConnection;
let api: RunningReviewApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  store = await connectStore({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, appName: 'test' });
  await seedInteractions(store.db, [
    teamChat('ui-orders-1', 'orders', 'ag-7', `<script>document.title='pwned'</script> ${RUDE_REPLY}`),
    teamChat('ui-orders-2', 'orders', 'ag-8', RUDE_REPLY),
    teamChat('ui-billing-1', 'billing', 'ag-1', RUDE_REPLY),
    teamChat('ui-clean-1', 'orders', 'ag-7'),
  ]);
  await createUsers(store.db, [
    { username: 'mona', role: 'manager', teamIds: ['orders', 'billing'] },
    { username: 'audrey', role: 'auditor' },
  ]);
  api = await startTestReviewApi(env);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await removeReviewEnv(env, api, store);
});

async function signIn(username: string) {
  await page.goto(`${api.url}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await Promise.all([page.waitForURL(/\/queue/), page.click('button[type=submit]')]);
}

describe('review UI in Chromium', () => {
  it('takes a manager from sign-in through triage to the audit log', async () => {
    await signIn('mona');
    // Needs attention by default: three flagged conversations in mona's two teams.
    await expect(page.locator('#queue tbody tr[data-href]').count()).resolves.toBe(3);

    await page.selectOption('select[name=team]', 'orders');
    await Promise.all([page.waitForURL(/team=orders/), page.click('#filters button[type=submit]')]);
    const rows = page.locator('#queue tbody tr[data-href]');
    await expect(rows.count()).resolves.toBe(2);
    await page.screenshot({ path: join(SHOTS, 'queue.png'), fullPage: true });

    // Keyboard triage: j selects the first row, Enter opens it.
    await page.keyboard.press('j');
    await expect(page.locator('#queue tbody tr.selected').count()).resolves.toBe(1);
    const opened = await page.locator('#queue tbody tr.selected a').first().innerText();
    await Promise.all([page.waitForURL(/\/interactions\//), page.keyboard.press('Enter')]);
    expect(page.url()).toContain(`/interactions/${opened}`);

    // Evidence is highlighted; transcript markup stays text.
    await expect(page.locator('mark.ev').count()).resolves.toBeGreaterThan(1);
    await expect(page.title()).resolves.not.toBe('pwned');
    if (opened === 'ui-orders-1')
      await expect(page.locator('.transcript').innerText()).resolves.toContain(
        "<script>document.title='pwned'</script>",
      );
    await page.screenshot({ path: join(SHOTS, 'conversation.png'), fullPage: true });

    // d dismisses the first undecided flag, then the Confirm button confirms the other.
    const firstFlag = await page.locator('li.flag code').first().innerText();
    await Promise.all([page.waitForURL(/done=dismiss_flag/), page.keyboard.press('d')]);
    await expect(page.locator('li.flag .badge.dismissed').count()).resolves.toBe(1);
    const otherFlag = (await page.locator('li.flag code').allInnerTexts()).find((c) => c !== firstFlag)!;
    await Promise.all([
      page.waitForURL(/done=confirm_flag/),
      page.locator('li.flag form[data-key=c] button').click(),
    ]);
    await expect(page.locator('li.flag .badge.confirmed').count()).resolves.toBe(1);
    const trail = await page.locator('.history').innerText();
    expect(trail).toContain('review.dismiss_flag');
    expect(trail).toContain('review.confirm_flag');

    // The auditor finds both decisions in the tenant's audit log, with the chain intact.
    await page.click('button.link'); // sign out
    await signIn('audrey');
    await page.goto(`${api.url}/audit`);
    await expect(page.locator('p.ok').innerText()).resolves.toMatch(/Hash chain intact/);
    const log = await page.locator('#audit').innerText();
    expect(log).toMatch(new RegExp(`mona[\\s\\S]*review\\.confirm_flag[\\s\\S]*${opened}`));
    expect(log).toMatch(new RegExp(`mona[\\s\\S]*review\\.dismiss_flag[\\s\\S]*${opened}`));
    expect(firstFlag).not.toBe(otherFlag);
  });
});
