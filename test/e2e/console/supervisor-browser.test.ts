/**
 * The supervisor in a real browser (Debian's Chromium) on the whole app (helmet, CSP and all):
 * signs in, approves a pending adjustment (the customer's bill then carries the credit), watches
 * the wallboard change live when a customer in another browser context asks for a person in Web
 * Chat, and reads the reports with their charts (Chart.js from node_modules). axe-core checks
 * every page for WCAG 2.2 A/AA violations; any CSP violation, script error or 404 fails.
 */
import assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { axeViolations, launchChromium } from '../../support/browser';
import { loadConfig } from '../../../src/config/config';
import { startServer, type RunningServer } from '../../../src/server';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Bill } from '../../../src/domain/billing/billing';
import { testHasher } from '../../support/care-fixture';

const SHOTS = process.env.CONSOLE_SCREENSHOTS; // a folder to write screenshots to, when set



function watch(page: Page, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() === 404) problems.push(`404: ${r.url()}`); });
}

describe('supervisor console in Chromium', function () {
  this.timeout(90_000);
  let server: RunningServer;
  let browser: Browser;

  before(async function () {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'true', DEMO_HISTORY: 'true' });
    server = await startServer(config, { overrides: { inMemory: true, watchFiles: false, hasher: testHasher } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop(1000);
  });

  /** Dana asks in the portal for a credit above its self-service limit: it waits for a supervisor. */
  async function pendingAdjustment(): Promise<{ id: string; billId: string; token: string }> {
    const p = demoPerson('bundle');
    const res = await fetch(`${server.url}/api/v1/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ accountNumber: p.accountNumber, pin: p.pin }) });
    const { token } = (await res.json()) as { token: string };
    const { care } = server.runtime;
    const dana = await care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'portal', source: 'e2e' });
    const billId = (await care.billing.summary(dana)).latestBillId as string;
    const item = (await care.billing.adjustableItems(dana, billId)).find((i) => i.maxAdjustable.amountMinor > 2600 && i.reasons.some((r) => r.id === 'billing-error'));
    assert.ok(item, 'an item with room above the portal limit');
    const adj = await care.billing.requestAdjustment(dana, { billId, itemId: item.id, reasonCode: 'billing-error', amountMinor: 2600 }, { idempotencyKey: 'e2e-supervisor-approval' });
    assert.equal(adj.status, 'pending-approval');
    return { id: adj.id, billId, token };
  }

  it('when the supervisor signs in, then they approve a pending adjustment (the bill carries it), the wallboard changes live when a chat customer asks for a person, and the reports show charts; every page passes axe', async () => {
    const pending = await pendingAdjustment();
    const billBefore = (await (await fetch(`${server.url}/api/v1/bills/${pending.billId}`, { headers: { Authorization: `Bearer ${pending.token}` } })).json()) as Bill;
    assert.ok(!billBefore.appliedAdjustmentIds.includes(pending.id));

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    watch(page, problems);
    const shot = async (name: string) => { if (SHOTS) await page.screenshot({ path: `${SHOTS}/supervisor-${name}.png`, fullPage: true }); };
    const violations: Record<string, string[]> = {};

    await page.goto(`${server.url}/console`);
    await page.getByLabel('Username').fill('jordan.reyes');
    await page.getByLabel('Password').fill('Reyes-super-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your queue' }).waitFor();

    // Approvals: the pending credit, approved with a note.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    const item = page.locator(`#approval-${pending.id}`);
    await item.getByText('Dana Whitfield').waitFor();
    await item.getByText('above-self-service-limit:portal:2500').waitFor();
    violations.approvals = await axeViolations(page);
    await shot('approvals');
    await item.getByRole('radio', { name: 'Approve' }).check();
    await item.getByLabel(/^Note/).fill('Double charge confirmed on the statement');
    await item.getByRole('button', { name: 'Send decision' }).click();
    await page.getByRole('status').getByText('Approved: it goes to billing now').waitFor();
    assert.equal(await page.locator(`#approval-${pending.id}`).count(), 0, 'no longer waiting');
    violations['approvals-done'] = await axeViolations(page);
    const billAfter = (await (await fetch(`${server.url}/api/v1/bills/${pending.billId}`, { headers: { Authorization: `Bearer ${pending.token}` } })).json()) as Bill;
    assert.ok(billAfter.appliedAdjustmentIds.includes(pending.id), 'the credit is on the bill the customer reads');
    assert.equal(billAfter.balance.amountMinor, billBefore.balance.amountMinor - 2600);

    // Wallboard: live, then a customer in another context asks for a person in Web Chat.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Wallboard' }).click();
    await page.locator('#wall-live:not([hidden])').waitFor({ timeout: 10_000 });
    const general = page.locator('li[data-skill="general"] [data-metric="waiting"]');
    assert.equal(await general.innerText(), '0');
    violations.wallboard = await axeViolations(page);
    await shot('wallboard');

    const customer = await browser.newContext();
    const chat = await customer.newPage();
    const chatProblems: string[] = [];
    chat.on('pageerror', (e) => chatProblems.push(e.message));
    await chat.goto(`${server.url}/chat`);
    await chat.getByText('the Brightwave assistant').first().waitFor({ timeout: 20_000 });
    const box = chat.locator('[data-id="webchat-sendbox-input"], textarea, input[type="text"]').first();
    await box.fill('agent');
    await box.press('Enter');

    await page.locator('li[data-skill="general"] [data-metric="waiting"]', { hasText: /^1$/ }).waitFor({ timeout: 15_000 }); // no reload: through the event port
    assert.equal(await page.locator('[data-metric="waiting-total"]').innerText(), '1');
    violations['wallboard-live'] = await axeViolations(page);
    await page.setViewportSize({ width: 1920, height: 1080 }); // a wall screen
    await shot('wallboard-live');
    await page.setViewportSize({ width: 1440, height: 900 });
    await customer.close();

    // Reports: the demo history, charts drawn.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.locator('canvas[data-drawn="true"]').first().waitFor();
    assert.ok((await page.locator('canvas[data-drawn="true"]').count()) >= 6, 'charts are drawn');
    assert.match(await page.locator('.headline').innerText(), /of \d+ contacts finished without a person/);
    violations.reports = await axeViolations(page);
    await shot('reports');
    const csv = await page.request.get(`${server.url}${await page.getByRole('link', { name: 'Download CSV' }).first().getAttribute('href')}`);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);
    assert.match(await csv.text(), /^group,key,contacts,contained,escalated,abandoned,containment\r\ntotal,all,\d+/);

    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.getByLabel('To', { exact: true }).fill('2020-01-07');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No escalations in these dates.').waitFor();
    violations['reports-empty'] = await axeViolations(page);

    assert.deepEqual(violations, Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    assert.deepEqual(problems, []);
    assert.deepEqual(chatProblems, []);
    await context.close();
  });

  it('when a CSR opens the supervisor pages, then each says it is for supervisors (403) and shows nothing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    await page.getByLabel('Username').fill('alex.morgan');
    await page.getByLabel('Password').fill('Morgan-staff-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your queue' }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Wallboard' }).count(), 0, 'no supervisor links for a CSR');
    for (const path of ['/console/wallboard', '/console/reports', '/console/approvals', '/console/reports/queue.csv']) {
      const res = await page.goto(`${server.url}${path}`);
      assert.equal(res?.status(), 403, path);
      await page.getByRole('heading', { name: 'For supervisors only' }).waitFor();
    }
    const board = await page.request.get(`${server.url}/console/wallboard/board`);
    assert.equal(board.status(), 403);
    await context.close();
  });
});
