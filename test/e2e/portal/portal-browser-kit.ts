/**
 * What the portal's browser tests share: the whole app on port 0 with the demo operator, one
 * Chromium per test file, axe-core (WCAG 2.2 A/AA) on a page, screenshots into /tmp at phone
 * (360 px) and desktop width, and a watcher that fails on script errors, CSP violations and 404s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { axeViolations, launchChromium } from '../../support/browser';
export { axeViolations };
import { loadConfig } from '../../../src/config/config';
import { startServer, type RunningServer } from '../../../src/server';
import { testHasher } from '../../support/care-fixture';

export const SHOTS = path.join('/tmp', 'portal-screenshots');



export interface PortalBrowser {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startPortalBrowser(): Promise<PortalBrowser> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'true' });
  const server = await startServer(config, { overrides: { inMemory: true, watchFiles: false, hasher: testHasher } });
  const browser = await launchChromium();
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
