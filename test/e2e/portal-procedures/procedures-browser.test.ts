/**
 * The procedure forms in a real browser (Debian's Chromium), with helmet and the strict page CSP:
 * Dana disputes a charge (with a wrong amount first) and Grace reports no dial tone and books a
 * technician. axe-core checks every page for WCAG 2.2 A/AA violations; script errors, CSP
 * violations and 404s fail. Screenshots at 360 px and desktop go to /tmp/portal-procedures.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { type Browser } from 'playwright-core';
import { axeViolations, launchChromium } from '../../support/browser';
import { startProcedures, type Harness } from '../../integration/portal-procedures/procedures-harness';

const SHOTS = '/tmp/portal-procedures';



describe('portal procedure forms in Chromium', function () {
  this.timeout(90_000);
  let h: Harness;
  let server: Server;
  let url: string;
  let browser: Browser;

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    h = await startProcedures();
    server = h.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await h?.close();
  });

  /** A signed-in customer's page (the frame's session stands in as a header), with every problem collected. */
  async function open(customerId: string, width: number, lang: 'en' | 'es' = 'en') {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-customer': customerId, 'x-session': `e2e-${customerId}-${width}-${lang}` }, viewport: { width, height: 800 }, locale: lang === 'es' ? 'es-US' : 'en-US' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 422/.test(m.text())) problems.push(`console: ${m.text()}`); }); // 422: the wrong amount on purpose
    page.on('response', (r) => { if (r.status() === 404) problems.push(`404: ${r.url()}`); });
    const violations: Record<string, string[]> = {};
    const check = async (name: string) => {
      violations[name] = await axeViolations(page);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name}: no sideways scrolling at ${width} px`);
      await page.screenshot({ path: `${SHOTS}/${name}-${width}${lang === 'es' ? '-es' : ''}.png`, fullPage: true });
    };
    return { context, page, problems, violations, check };
  }

  for (const width of [360, 1280]) {
    it(`when Dana disputes the international-calls charge at ${width} px, then each step is a labelled form, the wrong amount is explained next to the field, and the credit is stored`, async () => {
      const danaId = h.ids.customerId('31000101');
      const before = await h.fx.stores.adjustments.count({ customerId: danaId });
      const { context, page, problems, violations, check } = await open(danaId, width);

      await page.goto(`${url}/procedures`);
      await page.getByRole('heading', { name: 'What would you like to do?' }).waitFor();
      await check('index');
      await page.getByRole('link', { name: 'Dispute a charge' }).click();

      await page.getByRole('group', { name: 'Which bill is the charge on?' }).waitFor();
      await check('adjustment-bill');
      await page.getByRole('radio', { name: /November 2026/ }).check();
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('group', { name: 'Which charge would you like to dispute?' }).waitFor();
      await check('adjustment-item');
      // Keyboard alone: focus the radio, select it with Space, send with Enter.
      await page.getByRole('radio', { name: /International calls/ }).focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('Enter');

      await page.getByRole('group', { name: 'What’s the reason?' }).waitFor();
      await check('adjustment-reason');
      await page.getByRole('radio', { name: 'Usage charge I do not recognise' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();

      const amount = page.getByLabel('How much should be credited?');
      await amount.waitFor();
      await check('adjustment-amount');
      await amount.fill('lots');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('#answer-error').getByText('Enter an amount like 12.50').waitFor();
      assert.equal(await page.getByLabel('How much should be credited?').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByLabel('How much should be credited?').inputValue(), 'lots');
      await check('adjustment-amount-error');
      await page.getByLabel('How much should be credited?').fill('2.00');
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('heading', { name: 'Your credit request' }).waitFor();
      assert.match(await page.locator('.facts').innerText(), /Amount\s+\$2\.00/);
      await check('adjustment-confirm');
      await page.getByRole('button', { name: 'Yes, request the credit' }).click();

      await page.getByRole('heading', { name: /^(Done|Request received)$/ }).waitFor();
      await check('adjustment-result');
      const interactionId = new URL(page.url()).pathname.split('/').pop() as string;
      const stored = await h.fx.stores.adjustments.find({ customerId: danaId, interactionId });
      assert.equal(await h.fx.stores.adjustments.count({ customerId: danaId }), before + 1);
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.amount.amountMinor, 200);
      assert.match(await page.locator('.facts').innerText(), new RegExp(`Credit request\\s+${stored[0]?.id}`));

      assert.deepEqual(problems, []);
      for (const [name, v] of Object.entries(violations)) assert.deepEqual(v, [], `axe on ${name}`);
      await context.close();
    });
  }

  for (const width of [360, 1280]) {
    it(`when Grace reports no dial tone at ${width} px, then the diagnosis offers technician slots and the booked visit is shown and stored`, async () => {
      const graceId = h.ids.customerId('31000105');
      const { context, page, problems, violations, check } = await open(graceId, width);
      await page.goto(`${url}/procedures/repair`);
      await page.getByRole('group', { name: 'Which service is giving you trouble?' }).waitFor();
      await check('repair-service');
      await page.getByRole('radio', { name: /Home Phone/ }).check();
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('group', { name: 'What’s happening?' }).waitFor();
      await check('repair-symptom');
      await page.getByRole('radio', { name: 'No dial tone' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('group', { name: 'A technician needs to visit. Which time suits you?' }).waitFor();
      assert.match(await page.getByRole('region', { name: 'What we found' }).innerText(), /What we found\s+\S/);
      await check('repair-slot');
      const slot = page.getByRole('radio', { name: /^Tuesday, November 24, 1:00\s?–\s?5:00\s?PM CST$/ });
      const slotId = await slot.getAttribute('value');
      await slot.check();
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.getByRole('heading', { name: 'Repair booked' }).waitFor();
      await check('repair-result');
      const tickets = await h.fx.stores.tickets.find({ customerId: graceId, interactionId: new URL(page.url()).pathname.split('/').pop() as string });
      assert.equal(tickets.length, 1);
      assert.equal(tickets[0]?.status, 'scheduled');
      assert.equal(tickets[0]?.appointment?.slotId, slotId);
      assert.match(await page.locator('.facts').innerText(), new RegExp(`Ticket number\\s+${tickets[0]?.id}`));

      assert.deepEqual(problems, []);
      for (const [name, v] of Object.entries(violations)) assert.deepEqual(v, [], `axe on ${name}`);
      await context.close();
    });
  }

  it('when a Spanish-speaking customer orders Home Phone on a 360 px phone, then every step and the quote are in Spanish and the order is stored', async () => {
    const danaId = h.ids.customerId('31000101');
    const { context, page, problems, violations, check } = await open(danaId, 360, 'es');
    await page.goto(`${url}/procedures/new-service`);
    assert.equal(await page.getAttribute('html', 'lang'), 'es-US');
    await page.getByRole('group', { name: '¿Qué servicio le gustaría?' }).waitFor();
    await check('new-service-product');
    await page.getByRole('radio', { name: /Brightwave Home Phone/ }).check();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('group', { name: '¿Quiere añadir un extra?' }).waitFor();
    await check('new-service-addon');
    await page.getByRole('button', { name: 'Omitir' }).click();
    await page.getByRole('group', { name: '¿Dónde lo instalamos?' }).waitFor();
    await check('new-service-address');
    await page.getByRole('radio', { name: /418 Cedar Avenue/ }).check();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('heading', { name: 'Su presupuesto' }).waitFor();
    assert.match(await page.locator('.facts').innerText(), /Precio mensual\s+\$\d/);
    await check('new-service-confirm');
    await page.getByRole('button', { name: 'Hacer el pedido' }).click();
    await page.getByRole('heading', { name: /^(Hecho|Solicitud recibida)$/ }).waitFor();
    await check('new-service-result');
    const interactionId = new URL(page.url()).pathname.split('/').pop() as string;
    const [order] = await h.fx.stores.orders.find({ customerId: danaId, interactionId });
    assert.ok(order);
    assert.match(await page.locator('.facts').innerText(), new RegExp(`Número de pedido\\s+${order.id}`));
    assert.deepEqual(problems, []);
    for (const [name, v] of Object.entries(violations)) assert.deepEqual(v, [], `axe on ${name}`);
    await context.close();
  });
});
