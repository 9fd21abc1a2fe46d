/**
 * The one way browser tests get Chromium and check accessibility: Debian's Chromium driven by
 * playwright-core (never a downloaded browser), and axe-core's WCAG 2.2 A/AA rules run in the page.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult { passes: unknown[]; violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }

/** One headless Chromium (share it across a file's tests). */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** axe-core's WCAG 2.2 A and AA violations on the page as it is now, one line each ("id (impact): targets"). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<unknown> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  })) as AxeResult;
  if (result.passes.length === 0) throw new Error('axe checked nothing');
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
