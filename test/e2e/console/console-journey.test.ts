/**
 * The whole journey in a real browser (Debian's Chromium), two contexts on one app: a
 * customer chats in Web Chat on the demo page, verifies and asks for a person; a CSR signed in
 * to the console sees it arrive in the queue without a reload, accepts, reads the reason and the
 * transcript, writes to the customer, credits a charge with the screen pop's form (checked on the
 * bill in the store), wraps up; the customer's next message is answered by the bot again. axe-core
 * checks every console page state; a script error or CSP violation fails the test.
 */
import assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { axeViolations, launchChromium } from '../../support/browser';
import { loadConfig } from '../../../src/config/config';
import { startServer, type RunningServer } from '../../../src/server';
import { demoPerson } from '../../../src/demo/demo-people';
import { testHasher } from '../../support/care-fixture';

const SHOTS = process.env.CONSOLE_SCREENSHOTS; // a folder to write screenshots to, when set



/**
 * Script errors, CSP violations and missing files of a page. Not counted: the refused forms' 4xx
 * answers (on purpose) and the browser's own /favicon.ico guess on the chat demo page, which
 * names no icon (the console's pages do).
 */
function watch(page: Page, problems: string[], who: string): void {
  page.on('pageerror', (e) => problems.push(`${who} pageerror: ${e.message}`));
  page.on('console', (m) => {
    const at = m.location().url;
    if (m.type() === 'error' && !/status of (403|409|422)/.test(m.text()) && !at.endsWith('/favicon.ico')) problems.push(`${who} console: ${m.text()} at ${at}`);
  });
  page.on('response', (r) => { if (r.status() === 404 && !r.url().endsWith('/favicon.ico')) problems.push(`${who} 404: ${r.url()}`); });
}

describe('CSR console journey: Web Chat customer and console CSR in Chromium', function () {
  this.timeout(120_000);
  let server: RunningServer;
  let browser: Browser;

  before(async function () {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'true' });
    server = await startServer(config, { overrides: { inMemory: true, watchFiles: false, hasher: testHasher } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop(1000);
  });

  it('when a verified Web Chat customer asks for a person, then the CSR sees them live, talks to them, credits the disputed charge with the form, wraps up, and the bot answers the customer again; every console state passes axe', async () => {
    const problems: string[] = [];
    const violations: Record<string, string[]> = {};
    const customerContext = await browser.newContext();
    const csrContext = await browser.newContext();
    const chat = await customerContext.newPage();
    const csr = await csrContext.newPage();
    watch(chat, problems, 'customer');
    watch(csr, problems, 'csr');
    const shot = async (name: string) => {
      if (!SHOTS) return;
      await csr.screenshot({ path: `${SHOTS}/journey-${name}.png`, fullPage: true });
      if (await csr.locator('#actions').count()) await csr.locator('#actions').screenshot({ path: `${SHOTS}/journey-${name}-actions.png` });
    };
    const check = async (state: string) => { violations[state] = await axeViolations(csr); await shot(state); };

    // The CSR is signed in with the queue open (its live stream connected) before the customer asks.
    await csr.goto(`${server.url}/console/sign-in`);
    await csr.getByLabel('Username').fill('alex.morgan');
    await csr.getByLabel('Password').fill('Morgan-staff-2026');
    await csr.keyboard.press('Enter');
    await csr.getByRole('heading', { name: 'Your queue' }).waitFor();
    await csr.locator('#queue-live:not([hidden])').waitFor({ timeout: 10_000 });
    await check('queue-empty');
    await csr.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });

    // The customer, in Web Chat on the demo page: disputes a charge, verifies, asks for a person.
    const dana = demoPerson('bundle');
    await chat.goto(`${server.url}/chat`);
    await chat.getByText('the Brightwave assistant').first().waitFor({ timeout: 20_000 });
    const box = chat.locator('[data-id="webchat-sendbox-input"]').first();
    /** Sends a message and waits for a new reply from the other side (not the customer's own bubble) matching `reply`. */
    const BOT = '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content';
    const replies = (re: RegExp) => chat.evaluate(([sel, src, flags]) => Array.from(document.querySelectorAll(sel as string)).map((b) => b.textContent ?? '').filter((t) => new RegExp(src as string, flags as string).test(t)), [BOT, re.source, re.flags] as const);
    const say = async (text: string, reply: RegExp): Promise<string> => {
      const before = (await replies(reply)).length;
      await box.fill(text);
      await box.press('Enter');
      await chat.waitForFunction(([sel, src, flags, n]) => Array.from(document.querySelectorAll(sel as string)).filter((b) => new RegExp(src as string, flags as string).test(b.textContent ?? '')).length > (n as number), [BOT, reply.source, reply.flags, before] as const, { timeout: 15_000 });
      return (await replies(reply)).at(-1) as string;
    };
    await say('the international calls charge on my bill is wrong', /your account number/);
    await say(dana.accountNumber, /4-digit PIN/);
    await say(dana.pin, /Which bill is the charge on/);
    await say('agent', /connecting you with an agent/);
    const [e] = await server.runtime.stores.escalations.find({ customerId: { $exists: true } });
    assert.ok(e, 'the chat is escalated');
    assert.equal(e.skill, 'billing');

    // The CSR's queue shows it without a reload.
    const item = csr.locator(`li[data-id="${e.id}"]`);
    await item.waitFor({ timeout: 10_000 });
    assert.equal(await csr.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true, 'arrived live, no reload');
    assert.match(await item.innerText(), /Dana Whitfield/);
    await check('queue-waiting');

    // Accept: the screen pop with the reason, the transcript and the related form open.
    await item.getByRole('button', { name: /^Accept: Dana Whitfield/ }).click();
    await csr.getByRole('heading', { name: 'Why they were escalated' }).waitFor();
    assert.match(await csr.locator('.why').innerText(), /What they were doing: bill-adjustment/);
    await csr.getByRole('region', { name: 'Transcript' }).getByText('the international calls charge on my bill is wrong').waitFor();
    await csr.getByRole('heading', { name: /^Adjust a charge/ }).waitFor();
    assert.equal(await csr.locator('details#action-modification').evaluate((d) => (d as HTMLDetailsElement).open), false, 'unrelated forms folded');
    await check('screen-pop');

    // A message from the chat pane reaches the customer in Web Chat.
    await csr.getByLabel(/^Message to the customer/).fill('Hello Dana, I am looking at the international calls charge now.');
    await csr.getByRole('button', { name: 'Send' }).click();
    await csr.getByRole('status').filter({ hasText: 'Sent to the customer.' }).waitFor();
    await chat.getByText('Alex Morgan: Hello Dana, I am looking at the international calls charge now.').first().waitFor({ timeout: 10_000 });
    await box.fill('Thank you!');
    await box.press('Enter');
    await csr.getByRole('log', { name: 'Chat with the customer' }).getByText('Thank you!').waitFor({ timeout: 10_000 });

    // A refused form first (not an amount), then the credit, with the keyboard.
    const billId = (await server.runtime.care.billing.summary(await server.runtime.care.verification.verifyPin({ accountNumber: dana.accountNumber, pin: dana.pin }, { channel: 'chat', source: 'e2e' }))).latestBillId as string;
    const billBefore = await server.runtime.stores.bills.get(billId);
    const usage = billBefore?.items.find((i) => i.type === 'usage');
    assert.ok(usage, 'the disputed usage charge');
    const form = csr.locator('#action-adjustment');
    await form.getByLabel('Charge').selectOption(`${billId}|${usage.id}`);
    await form.getByLabel('Reason').selectOption('usage-dispute');
    await form.getByLabel(/^Amount to credit/).fill('eight');
    await form.getByRole('button', { name: 'Credit the charge' }).click();
    await csr.locator('#action-adjustment').getByRole('alert').getByText('Write the amount in dollars and cents').waitFor();
    await check('action-refused');
    await form.getByLabel(/^Amount to credit/).fill('8.00');
    await form.getByLabel(/^Amount to credit/).press('Enter');
    const result = csr.locator('#action-result');
    await result.getByRole('heading', { name: 'Applied' }).waitFor();
    assert.match(await result.innerText(), /\$8\.00 credited on the bill/);
    await check('action-applied');

    const [adjustment] = await server.runtime.stores.adjustments.find({ customerId: e.customerId as string, interactionId: e.interactionId });
    assert.equal(adjustment?.status, 'applied');
    assert.equal(adjustment?.amount.amountMinor, 800);
    const billAfter = await server.runtime.stores.bills.get(billId);
    assert.ok(billAfter?.appliedAdjustmentIds.includes(adjustment?.id as string), 'the credit is on the bill');
    assert.equal(billAfter?.balance.amountMinor, (billBefore?.balance.amountMinor as number) - 800);

    // A quote state of a folded form passes axe too (nothing is ordered by it).
    await csr.locator('details#action-modification > summary').focus(); // the keyboard opens a folded form
    await csr.keyboard.press('Enter');
    assert.equal(await csr.locator('details#action-modification').evaluate((d) => (d as HTMLDetailsElement).open), true);
    await csr.getByLabel('Change', { exact: true }).selectOption({ index: 1 });
    await csr.getByRole('button', { name: 'Quote this change' }).click();
    await csr.locator('#modification-quote').waitFor();
    await check('action-quoted');
    await csr.setViewportSize({ width: 320, height: 640 }); // WCAG 1.4.10 reflow: the forms and the quote too
    assert.ok(await csr.evaluate(() => document.documentElement.scrollWidth <= 320), 'the screen pop with a quote reflows at 320 px');
    await shot('action-quoted-narrow');
    await csr.setViewportSize({ width: 1280, height: 720 });

    // Wrap-up: the chat goes back to the bot.
    await csr.getByLabel('Disposition').selectOption('resolved');
    await csr.getByLabel(/^Note/).fill('Credited the international calls charge.');
    await csr.getByRole('button', { name: 'Finish and return to the queue' }).click();
    await csr.getByText('Wrapped up: the outcome is recorded').waitFor();
    await check('queue-after');
    assert.equal((await server.runtime.stores.escalations.get(e.id))?.status, 'resolved');

    // The customer is back with the bot: it answers their next message, with the credit in the balance.
    await chat.getByText(/back with the assistant/).first().waitFor({ timeout: 10_000 });
    const balance = new Intl.NumberFormat('en-US', { style: 'currency', currency: billAfter?.balance.currency }).format((billAfter?.balance.amountMinor as number) / 100);
    const answer = await say('what is my balance', /Your balance is/);
    assert.ok(answer.startsWith(`Your balance is ${balance},`), answer);
    if (SHOTS) await chat.screenshot({ path: `${SHOTS}/journey-customer.png`, fullPage: true });

    assert.deepEqual(Object.fromEntries(Object.entries(violations).filter(([, v]) => v.length)), {});
    assert.deepEqual(problems, [], 'no script errors or CSP violations');
    await customerContext.close();
    await csrContext.close();
  });
});
