/**
 * The demo page in a real browser: Web Chat (served from our node_modules) against our Direct
 * Line endpoint on the whole app (helmet, CSP and all). Needs Debian's Chromium.
 */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { loadConfig } from '../../../src/config/config';
import { startServer, type RunningServer } from '../../../src/server';
import { testHasher } from '../../support/care-fixture';


describe('chat demo page in Chromium', function () {
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

  it('when a newcomer opens /chat and types a message, then the bot greets and answers in Web Chat', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/chat`);
    await page.getByText('the Brightwave assistant').first().waitFor({ timeout: 20_000 }); // Web Chat renders markdown (smart quotes)
    const box = page.locator('[data-id="webchat-sendbox-input"], textarea, input[type="text"]').first();
    await box.fill('tell me a joke');
    await box.press('Enter');
    await page.getByText('I can help with').first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'My bill' }).first().click();
    await page.getByText('account number').first().waitFor({ timeout: 15_000 });
    assert.deepEqual(errors, []);
  });

  it('when the demo page shows Web Chat, then there is a send button but no upload button (the bot cannot use files)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/chat`);
    await page.getByText('the Brightwave assistant').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.webchat__send-box button[title="Send"]').count(), 1, 'the send box is rendered (the check below can fail)');
    assert.equal(await page.locator('.webchat__upload-button, button[title="Upload file"]').count(), 0);
  });
});
