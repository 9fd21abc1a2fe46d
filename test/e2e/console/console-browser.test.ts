/**
 * The CSR console in a real browser (Debian's Chromium) on the whole app (helmet, CSP and all):
 * a CSR signs in, a refused chat is escalated through the domain while the queue is open and
 * appears live, the CSR accepts it, reads the reason and the transcript, and wraps up. axe-core
 * checks every page for WCAG 2.2 A/AA violations; any CSP violation or script error fails.
 */
import assert from 'node:assert/strict';
import { type Browser } from 'playwright-core';
import { axeViolations, launchChromium } from '../../support/browser';
import { loadConfig } from '../../../src/config/config';
import { startServer, type RunningServer } from '../../../src/server';
import { demoPerson } from '../../../src/demo/demo-people';
import { refusalStepDetail } from '../../../src/domain/shared/refusal';
import { testHasher } from '../../support/care-fixture';
import { customerOn } from '../../integration/staff/chat-sides';
import { formatDateTime } from '../../../src/shared/format/locale-format';

const SHOTS = process.env.CONSOLE_SCREENSHOTS; // a folder to write screenshots to, when set


/** axe-core (injected from node_modules; the page's CSP governs only the page's own scripts) on the current page. */

describe('CSR console in Chromium', function () {
  this.timeout(60_000);
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

  async function escalateRefusedChat(): Promise<string> {
    const { care } = server.runtime;
    const p = demoPerson('bundle');
    const dana = await care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat', source: 'e2e' });
    const i = await care.interactions.start(dana, { channel: 'chat', channelRef: 'conv-e2e' });
    await care.interactions.attach(i.id, dana);
    await care.procedures.start(dana, i.id, 'bill-adjustment');
    await care.interactions.transcript(i.id, [{ from: 'customer', text: 'the roaming charge on my bill is wrong' }, { from: 'system', text: 'I can credit up to a limit; this is above it.' }]);
    await care.interactions.note(i.id, { name: 'refused', detail: refusalStepDetail('LIMIT_EXCEEDED', { reasonCode: 'over-self-service-limit', reason: 'the credit asked for is above what self-service may give', nextSteps: ['agent'], facts: {} }) });
    return (await care.escalations.escalate(dana, i.id, { reason: 'asked for a person', skill: 'billing' })).id;
  }

  it('when a CSR signs in and a customer is escalated while the queue is open, then it appears live, and accepting shows the reason and transcript, and the wrap-up returns to the queue; every page passes axe', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of (401|422)/.test(m.text())) problems.push(`console: ${m.text()}`); }); // 401, 422: the refused forms on purpose
    page.on('response', (r) => { if (r.status() === 404) problems.push(`404: ${r.url()}`); });
    const shot = async (name: string) => { if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-${name}.png`, fullPage: true }); };
    const violations: Record<string, string[]> = {};

    await page.goto(`${server.url}/console`);
    await page.getByRole('heading', { name: 'Sign in to the CSR console' }).waitFor();
    violations['sign-in'] = await axeViolations(page);
    await shot('sign-in');
    await page.getByLabel('Username').fill('alex.morgan');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The username or password is not right').waitFor();
    violations['sign-in-error'] = await axeViolations(page);
    await page.getByLabel('Password').fill('Morgan-staff-2026');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Your queue' }).waitFor();
    await page.getByText('Nobody is waiting in your queues.').waitFor();
    await page.locator('#queue-live:not([hidden])').waitFor({ timeout: 10_000 }); // the event stream is open
    violations['queue-empty'] = await axeViolations(page);

    const id = await escalateRefusedChat();
    const item = page.locator(`li[data-id="${id}"]`);
    await item.waitFor({ timeout: 10_000 }); // arrived through SSE, no reload
    await page.getByRole('status').filter({ hasText: '1 customer waiting' }).waitFor();
    violations.queue = await axeViolations(page);
    await shot('queue');

    await item.getByRole('button', { name: /^Accept: Dana Whitfield/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Why they were escalated' }).waitFor();
    assert.match(await page.locator('.refusal').innerText(), /above what self-service may give/);
    await page.getByRole('region', { name: 'Transcript' }).getByText('the roaming charge on my bill is wrong').waitFor();
    assert.equal(await page.locator('details').first().evaluate((d) => (d as HTMLDetailsElement).open), false, 'unrelated sections are folded');
    violations['screen-pop'] = await axeViolations(page);
    await shot('screen-pop');
    await page.setViewportSize({ width: 320, height: 640 }); // WCAG 1.4.10 reflow: no sideways scrolling at 320 CSS px
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'the screen pop reflows at 320 px');
    await shot('screen-pop-narrow');
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Queue' }).click();
    await page.getByRole('heading', { name: /Taken by you/ }).waitFor();
    violations['queue-taken'] = await axeViolations(page);
    await shot('queue-taken');
    await page.getByRole('link', { name: /^Dana Whitfield/ }).click();
    await page.getByRole('heading', { name: 'Wrap up' }).waitFor();
    await page.getByLabel('Disposition').selectOption('callback-promised');
    await page.getByRole('button', { name: 'Finish and return to the queue' }).click();
    await page.getByRole('alert').getByText('This disposition needs a note').waitFor();
    violations['wrap-up-error'] = await axeViolations(page);
    await shot('wrap-up-error');
    await page.getByLabel(/^Note/).fill('Calling back tomorrow morning about the roaming credit');
    await page.getByRole('button', { name: 'Finish and return to the queue' }).click();
    await page.getByText('Wrapped up: the outcome is recorded').waitFor();
    await page.getByText('Nobody is waiting in your queues.').waitFor();
    violations['queue-after'] = await axeViolations(page);
    await shot('queue-after');
    assert.equal((await server.runtime.stores.escalations.get(id))?.resolution?.disposition, 'callback-promised');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await page.goto(`${server.url}/console/queue`);
    await page.getByRole('heading', { name: 'Sign in to the CSR console' }).waitFor();

    assert.deepEqual(Object.fromEntries(Object.entries(violations).filter(([, v]) => v.length)), {});
    assert.deepEqual(problems, [], 'no script errors or CSP violations');
    await context.close();
  });

  it('when a customer on Direct Line asks for a person and the CSR writes from the chat pane, then the customer gets it without a reload, the reply appears live, and the page passes axe', async () => {
    const port = Number(new URL(server.url).port);
    const customer = await customerOn({ port, base: server.url, close: async () => undefined });
    try {
      await customer.botSays(/assistant/);
      const asked = customer.activities.length;
      await customer.say('agent');
      await customer.botSays(/in line/, asked);
      const [e] = await server.runtime.stores.escalations.find({ channelRef: customer.conversationId });
      assert.ok(e);
      // A browser in another zone: the script stamps messages in the operator's zone the page gives it, not the browser's.
      const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (x) => problems.push(`pageerror: ${x.message}`));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
      await page.goto(`${server.url}/console/sign-in`);
      await page.getByLabel('Username').fill('alex.morgan');
      await page.getByLabel('Password').fill('Morgan-staff-2026');
      await page.keyboard.press('Enter');
      const streaming = page.waitForResponse((r) => r.url().endsWith(`/console/escalations/${e.id}/chat/events`) && r.status() === 200);
      await page.locator(`li[data-id="${e.id}"]`).getByRole('button', { name: /^Accept/ }).click();
      const log = page.getByRole('log', { name: 'Chat with the customer' });
      await log.waitFor();
      await streaming; // the pane listens to the conversation
      const from = customer.activities.length;
      await page.getByLabel(/^Message to the customer/).fill('Hello from the console');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('status').filter({ hasText: 'Sent to the customer.' }).waitFor();
      assert.equal(await page.getByLabel(/^Message to the customer/).inputValue(), '', 'the form is cleared, no reload');
      assert.equal((await customer.botSays(/Hello from the console/, from)).text, 'Alex Morgan: Hello from the console');
      await log.getByText('Hello from the console').waitFor({ timeout: 10_000 });
      await customer.say('Thanks, that helps');
      await log.getByText('Thanks, that helps').waitFor({ timeout: 10_000 });
      const stamp = log.locator('li', { hasText: 'Thanks, that helps' }).locator('time');
      const at = await stamp.getAttribute('datetime');
      assert.ok(at);
      const spaced = (t: string) => t.replace(/[\u202f\u2009\u00a0]/g, ' ');
      assert.equal(spaced(await stamp.innerText()), spaced(formatDateTime(at, 'en', 'America/Chicago')), 'the live message is stamped like the server stamps, in the operator\'s zone');
      assert.match(spaced(await stamp.innerText()), / C[SD]T$/);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, []);
      assert.deepEqual(problems, [], 'no script errors or CSP violations');
      await context.close();
    } finally {
      customer.close();
    }
  });
});
