/**
 * "Chat with us" in a real browser: the signed-in customer's Web Chat is bound to the portal
 * session (the verified handover), so the bot greets them as verified and does a job that needs
 * verification without asking for a PIN; "Talk to a person" queues them for a CSR with their
 * identity. Web Chat's bundle is fetched only on the chat page. axe checks the chat page too.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { demoPerson } from '../../../src/demo/demo-people';
import { checkPage, only, startPortalBrowser, watchedPage, type PortalBrowser } from './portal-browser-kit';

describe('portal chat with us in Chromium', function () {
  this.timeout(90_000);
  let kit: PortalBrowser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    kit = await startPortalBrowser();
  });
  after(async () => {
    await kit?.close();
  });
  beforeEach(async () => {
    context = await kit.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    ({ page, problems } = await watchedPage(context));
  });
  afterEach(async () => {
    await context.close();
    assert.deepEqual(problems, [], 'no script errors, CSP violations or missing files');
  });

  const dana = demoPerson('bundle');
  const portalActor = () => kit.server.runtime.care.verification.verifyPin({ accountNumber: dana.accountNumber, pin: dana.pin }, { channel: 'portal', source: 'e2e' });

  async function signIn(): Promise<void> {
    await page.goto(`${kit.server.url}/sign-in`);
    await page.getByLabel('Account number or phone number').fill(dana.accountNumber);
    await page.getByLabel('PIN').fill(dana.pin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Hello, ${dana.firstName}` }).waitFor();
  }

  it('when Dana opens Chat with us, then the bot knows her without a PIN and starts a charge adjustment for her; Web Chat loads only there', async () => {
    const bundles: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/assets/vendor/webchat.js')) bundles.push(new URL(page.url()).pathname); });
    await signIn();
    await page.getByRole('link', { name: 'Bills' }).first().click();
    await page.getByRole('heading', { name: 'Your bills' }).waitFor();
    assert.deepEqual(bundles, [], 'no Web Chat before the chat is opened');

    await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Chat with us' }).click();
    const transcript = page.locator('#webchat');
    await transcript.locator('p').filter({ hasText: /signed in through the portal, so no need to verify again/ }).waitFor({ timeout: 20_000 });
    assert.deepEqual(bundles, ['/chat-with-us']);
    const box = page.getByRole('textbox').last();
    await box.fill('I want to dispute a charge on my bill');
    await box.press('Enter');
    const interactions = async () => (await kit.server.runtime.care.interactions.list(await portalActor())).filter((i) => i.channel === 'chat' && i.status === 'open');
    await transcript.locator('p').filter({ hasText: 'Which bill is the charge on?' }).waitFor({ timeout: 20_000 });
    // The chat's interaction is Dana's, verified, with the adjustment under way: no PIN was asked for.
    const chat = (await interactions())[0];
    assert.equal(chat?.procedure?.name, 'bill-adjustment');
    assert.equal(chat.customerId, (await portalActor()).customerId);
    assert.equal(chat.verification, 'verified');
    const said = await transcript.innerText();
    assert.doesNotMatch(said, /PIN|account number/i, 'the bot never asked who she is');
    const violations: Record<string, string[]> = {};
    await checkPage(page, 'chat', violations);
    assert.deepEqual(only(violations), {});
  });

  it('when Dana uses "Talk to a person" from a page, then she is queued for a CSR as herself, with no PIN asked', async () => {
    await signIn();
    await page.getByRole('link', { name: 'Talk to a person' }).click();
    await page.getByRole('heading', { name: 'Talk to a person' }).waitFor();
    await page.locator('#webchat').locator('p').filter({ hasText: /connecting you with an agent/ }).waitFor({ timeout: 20_000 });
    const customerId = (await portalActor()).customerId as string;
    const queued = await kit.server.runtime.stores.escalations.find({ customerId, status: 'queued' });
    assert.equal(queued.length, 1);
    assert.equal(queued[0].channel, 'chat');
    assert.doesNotMatch(await page.locator('#webchat').innerText(), /PIN/);
    const violations: Record<string, string[]> = {};
    await checkPage(page, 'chat-person', violations);
    assert.deepEqual(only(violations), {});
  });
});
