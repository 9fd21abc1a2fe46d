/**
 * What the portal's browser tests share: the whole app on port 0 with the demo operator, one
 * Chromium per test file, axe-core (WCAG 2.2 A/AA) on a page, screenshots into /tmp at phone
 * (360 px) and desktop width, and a watcher that fails on script errors, CSP violations and 404s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../../src/config/config';
import { startServer, type RunningServer } from '../../../src/server';
import { testHasher } from '../../support/care-fixture';

const CHROMIUM = '/usr/bin/chromium';
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SHOTS = path.join('/tmp', 'portal-screenshots');

interface AxeResult { passes: unknown[]; violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }

export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<unknown> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  })) as AxeResult;
  if (result.passes.length === 0) throw new Error('axe checked nothing');
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export interface PortalBrowser {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startPortalBrowser(): Promise<PortalBrowser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  fs.mkdirSync(SHOTS, { recursive: true });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'true' });
  const server = await startServer(config, { overrides: { inMemory: true, watchFiles: false, hasher: testHasher } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  return { server, browser, close: async () => { await browser.close(); await server.stop(1000); } };
}

/**
 * A page whose script errors, CSP violations and 404s are collected (`allow` skips expected console
 * errors, e.g. a refused form's status; 404 responses are caught by URL, except addresses under /no/such/ asked for on purpose).
 */
export async function watchedPage(context: BrowserContext, allow: RegExp = /status of (401|403|404|409|422|429)/): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !allow.test(m.text())) problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() === 404 && !r.url().includes('/no/such/')) problems.push(`404: ${r.url()}`); });
  return { page, problems };
}

/** Axe on the page at desktop width, and screenshots at 1280 and 360 px into `dir` (no sideways scrolling at 360). */
export async function checkPage(page: Page, name: string, violations: Record<string, string[]>, dir: string = SHOTS): Promise<void> {
  violations[name] = await axeViolations(page);
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= 360);
  if (!fits) violations[`${name}@360`] = ['the page scrolls sideways at 360 px'];
  await page.screenshot({ path: path.join(dir, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(size);
}

export const only = (v: Record<string, string[]>) => Object.fromEntries(Object.entries(v).filter(([, list]) => list.length));
