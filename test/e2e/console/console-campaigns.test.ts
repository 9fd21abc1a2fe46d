/**
 * The supervisor's campaigns page in Chromium on the whole app: the campaign with its report,
 * pause and resume as forms; a CSR is refused. axe-core (WCAG 2.2 A/AA) on every page.
 */
import assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { axeViolations, launchChromium } from '../../support/browser';
import { loadConfig } from '../../../src/config/config';
import { startServer, type RunningServer } from '../../../src/server';
import { staffView } from '../../../src/domain/staff/staff';
import { testHasher } from '../../support/care-fixture';
import { mobileCampaign } from '../../integration/campaigns/campaign-kit';

const SHOTS = process.env.CONSOLE_SCREENSHOTS;


describe('console: the supervisor\'s campaigns in Chromium', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'true' });
    server = await startServer(config, { overrides: { inMemory: true, watchFiles: false, hasher: testHasher } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop(1000);
  });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${server.url}/console/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your queue' }).waitFor();
  }

  it('when a supervisor opens Campaigns, then each campaign shows its report, and Pause stops it and Resume starts it again; a CSR is refused', async () => {
    const { stores, telemarketing } = server.runtime;
    const supervisor = staffView((await stores.staff.findOne({ username: 'jordan.reyes' }))!);
    const created = await telemarketing.campaigns.create(supervisor, mobileCampaign(new Date().toISOString()));
    const problems: string[] = [];
    const violations: Record<string, string[]> = {};
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 403/.test(m.text())) problems.push(`console: ${m.text()}`); });
    const shot = async (name: string) => { await page.screenshot({ path: `${SHOTS ?? '/tmp'}/console-${name}.png`, fullPage: true }); };

    await signIn(page, 'jordan.reyes', 'Reyes-super-2026');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    const card = page.locator('li.campaign', { hasText: created.name });
    await card.getByText('active').waitFor();
    await card.getByText('New service: Brightwave Mobile Unlimited').waitFor();
    assert.equal(await card.locator('dt:has-text("Targets") + dd').textContent(), String(created.report.targets));
    violations.campaigns = await axeViolations(page);
    await shot('campaigns');

    await card.getByRole('button', { name: `Pause ${created.name}` }).click();
    await page.getByText('Campaign paused: no further calls are placed.').waitFor();
    assert.equal((await stores.campaigns.get(created.id))?.status, 'paused');
    violations.paused = await axeViolations(page);
    await shot('campaigns-paused');
    await page.locator('li.campaign', { hasText: created.name }).getByRole('button', { name: `Resume ${created.name}` }).click();
    await page.getByText('Campaign resumed').waitFor();
    assert.equal((await stores.campaigns.get(created.id))?.status, 'active');

    const csrContext = await browser.newContext();
    const csrPage = await csrContext.newPage();
    await signIn(csrPage, 'alex.morgan', 'Morgan-staff-2026');
    assert.equal(await csrPage.getByRole('link', { name: 'Campaigns' }).count(), 0, 'no Campaigns link for a CSR');
    const refused = await csrPage.goto(`${server.url}/console/campaigns`);
    assert.equal(refused?.status(), 403);
    await csrPage.getByRole('heading', { name: 'Supervisors only' }).waitFor();
    violations.refused = await axeViolations(csrPage);

    assert.deepEqual(problems, []);
    assert.deepEqual(violations, { campaigns: [], paused: [], refused: [] });
    await csrContext.close();
    await context.close();
  });
});
