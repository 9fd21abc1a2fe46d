/**
 * The customer portal in a real browser (Debian's Chromium) on the whole app: each way of signing
 * in, registering, home with a draft left on the phone, bills with the chart and one bill, the
 * language switch, a refused stale form, signing out. axe-core checks every page (WCAG 2.2 A/AA),
 * each page is photographed at 360 px and desktop width into /tmp/portal-screenshots, and any
 * script error, CSP violation or 404 fails.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { demoPerson } from '../../../src/demo/demo-people';
import { axeViolations, checkPage, only, startPortalBrowser, watchedPage, type PortalBrowser } from './portal-browser-kit';

describe('customer portal in Chromium', function () {
  this.timeout(90_000);
  let kit: PortalBrowser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let violations: Record<string, string[]>;

  before(async () => {
    kit = await startPortalBrowser();
  });
  after(async () => {
    await kit?.close();
  });
  beforeEach(async () => {
    violations = {};
    context = await kit.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    ({ page, problems } = await watchedPage(context));
  });
  afterEach(async () => {
    await context.close();
    assert.deepEqual(problems, [], 'no script errors, CSP violations or missing files');
  });

  const url = (p: string) => `${kit.server.url}${p}`;

  async function signInWithPin(id: string, pin: string): Promise<void> {
    await page.goto(url('/'));
    await page.getByLabel('Account number or phone number').fill(id);
    await page.getByLabel('PIN', { exact: false }).fill(pin);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('when Tom left a cancellation half-done on the phone and signs in with account number and PIN, then home shows his services, balance, due date and "continue where you left off", and the pages pass axe', async () => {
    const tom = demoPerson('reset');
    const { care } = kit.server.runtime;
    const onPhone = await care.verification.verifyPin({ accountNumber: tom.accountNumber, pin: tom.pin }, { channel: 'voice', source: tom.phone });
    const call = await care.interactions.start(onPhone, { channel: 'voice', channelRef: 'CA-portal-e2e' });
    await care.interactions.attach(call.id, onPhone);
    await care.procedures.start(onPhone, call.id, 'discontinue-service');
    await care.interactions.end(call.id, { status: 'abandoned' });

    await page.goto(url('/'));
    await page.getByRole('heading', { name: 'Sign in to your account' }).waitFor();
    await checkPage(page, 'sign-in', violations);
    await page.getByLabel('Account number or phone number').fill(tom.accountNumber);
    await page.getByLabel('PIN').fill('0000');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('Those details do not match our records').waitFor();
    await checkPage(page, 'sign-in-refused', violations);
    await page.getByLabel('PIN').fill(tom.pin);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: `Hello, ${tom.firstName}` }).waitFor();
    const draft = page.getByRole('region', { name: 'Continue where you left off' });
    await draft.getByText('You started a cancellation on the phone').waitFor();
    assert.equal(await draft.getByRole('link', { name: 'Continue where you left off' }).getAttribute('href'), '/procedures/resume');
    const services = (await care.customers.services(onPhone)).filter((s) => s.status !== 'disconnected');
    const listed = page.getByRole('region', { name: 'Your services' });
    for (const s of services) await listed.getByText(s.product.name, { exact: true }).waitFor();
    const summary = await care.billing.summary(onPhone);
    const balance = new Intl.NumberFormat('en-US', { style: 'currency', currency: summary.balance.currency }).format(summary.balance.amountMinor / 100);
    await page.getByText(balance, { exact: true }).waitFor();
    for (const [name, href] of [['New service', '/procedures/new-service'], ['Change', '/procedures/modify-service'], ['Cancel', '/procedures/discontinue-service'], ['Adjust a charge', '/procedures/bill-adjustment'], ['More time to pay', '/procedures/payment-extension'], ['Report a problem', '/procedures/repair']]) {
      assert.equal(await page.getByRole('link', { name, exact: true }).getAttribute('href'), href);
    }
    await checkPage(page, 'home', violations);

    // The portal's own layout around the procedure forms: "continue" takes the phone's cancellation over, at its next step.
    await draft.getByRole('link', { name: 'Continue where you left off' }).click();
    await page.getByText('Welcome back: your answers so far are kept').waitFor();
    assert.equal(new URL(page.url()).pathname, '/procedures/discontinue-service');
    await page.getByRole('link', { name: 'Talk to a person' }).first().waitFor();
    await checkPage(page, 'procedure-resumed', violations);
    await page.goto(url('/'));

    // Keyboard only: Tab from the top reaches the skip link first, then the header links, each with a visible focus ring.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { text: el.textContent, outline: getComputedStyle(el).outlineStyle };
    });
    assert.deepEqual(focused, { text: 'Home', outline: 'solid' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your bills' }).waitFor();
    assert.deepEqual(only(violations), {});
  });

  it('when Dana opens her bills, then the chart of her last bills is drawn from node_modules and a bill shows each charge', async () => {
    const dana = demoPerson('bundle');
    await signInWithPin(dana.phone, dana.pin);
    await page.getByRole('heading', { name: `Hello, ${dana.firstName}` }).waitFor();
    const chartLoaded = page.waitForResponse((r) => r.url().endsWith('/assets/vendor/chart.umd.min.js') && r.status() === 200);
    await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Bills' }).click();
    await page.getByRole('heading', { name: 'Your bills' }).waitFor();
    await chartLoaded;
    await page.locator('#bills-chart[data-drawn="true"]').waitFor();
    const { care } = kit.server.runtime;
    const actor = await care.verification.verifyPin({ accountNumber: dana.accountNumber, pin: dana.pin }, { channel: 'portal', source: 'e2e' });
    const bills = await care.billing.bills(actor);
    const drawn = await page.evaluate(() => (document.getElementById('bills-chart') as unknown as { chart: { data: { datasets: { data: number[] }[] } } }).chart.data.datasets[0].data);
    assert.deepEqual(drawn, bills.slice(0, 6).reverse().map((b) => b.total.amountMinor / 100));
    assert.equal(await page.getByRole('table').getByRole('row').count(), bills.length + 1);
    await checkPage(page, 'bills', violations);

    const latest = bills[0];
    await page.getByRole('link', { name: /^Bill for / }).first().click();
    await page.getByRole('heading', { name: 'Charges' }).waitFor();
    for (const item of latest.items) await page.getByRole('rowheader', { name: item.description, exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Adjust a charge on this bill' }).getAttribute('href'), `/procedures/bill-adjustment?bill=${latest.id}`);
    await checkPage(page, 'bill', violations);
    assert.deepEqual(only(violations), {});
  });

  it('when Priya signs in with email and password, and Grace with a one-time code, then each reaches home; Grace then signs out and her session token is revoked', async () => {
    const priya = demoPerson('outage');
    await page.goto(url('/sign-in'));
    await page.getByRole('link', { name: 'Email and password' }).click();
    await page.getByLabel('Email').waitFor();
    await checkPage(page, 'sign-in-password', violations);
    await page.getByLabel('Email').fill(priya.email);
    await page.getByLabel('Password').fill(priya.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Hello, ${priya.firstName}` }).waitFor();
    await context.clearCookies();

    const grace = demoPerson('technician');
    await page.goto(url('/sign-in?with=code'));
    await page.getByLabel('Account number, phone number or email').fill(grace.accountNumber);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByLabel('Code').waitFor();
    await checkPage(page, 'sign-in-code', violations);
    const notifier = kit.server.runtime.backends.notifier as unknown as { lastCodeFor(to: string): string | undefined };
    const code = notifier.lastCodeFor(grace.phone) ?? notifier.lastCodeFor(grace.email);
    assert.ok(code, 'a code was sent to the phone or email on file');
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Hello, ${grace.firstName}` }).waitFor();

    const token = (await context.cookies()).find((c) => c.name === 'telecare_portal');
    assert.ok(token?.httpOnly && token.sameSite === 'Lax', 'the session cookie is httpOnly and SameSite=Lax');
    assert.equal((await fetch(url('/api/v1/me'), { headers: { authorization: `Bearer ${token.value}` } })).status, 200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').getByText('You are signed out.').waitFor();
    await checkPage(page, 'signed-out', violations);
    assert.equal((await fetch(url('/api/v1/me'), { headers: { authorization: `Bearer ${token.value}` } })).status, 401, 'signing out revoked the token');
    await context.addCookies([{ ...token }]);
    await page.goto(url('/bills'));
    await page.getByRole('heading', { name: 'Sign in to your account' }).waitFor();
    assert.deepEqual(only(violations), {});
  });

  it('when someone new registers, then they are a customer signed in and on their way to order a first service; the form sent twice made one customer', async () => {
    await page.goto(url('/sign-in'));
    await page.getByRole('link', { name: 'Become a customer and order a service' }).click();
    await page.getByRole('heading', { name: 'Become a Brightwave customer' }).waitFor();
    await page.getByRole('button', { name: 'Create my account and choose a service' }).click();
    await page.getByRole('alert').getByText(/^Check: First name, Last name/).waitFor();
    await checkPage(page, 'register-refused', violations);
    const fields: [string, string][] = [['First name', 'Ada'], ['Last name', 'Okonkwo'], ['Email', 'ada.okonkwo@example.com'], ['Mobile or home phone', '+1 618 555 0142'], ['Street and number', '12 Elm Street'], ['City', 'Springfield'], ['State', 'IL'], ['ZIP code', '62704'], ['Choose a PIN', '5829']];
    for (const [label, value] of fields) await page.getByLabel(label, { exact: false }).first().fill(value);
    await checkPage(page, 'register', violations);
    assert.deepEqual(await kit.server.runtime.stores.customers.find({ phones: '+16185550142' }), [], 'the number is nobody\'s yet');
    // The same form (same key, same cookies) sent twice at once, as a double click or a retry would.
    const form = await page.evaluate(() => Object.fromEntries(new FormData(document.querySelector('form[action="/register"]') as HTMLFormElement) as unknown as Iterable<[string, string]>));
    const sent = await Promise.all([1, 2].map(() => context.request.post(url('/register'), { form, maxRedirects: 0 })));
    assert.deepEqual(sent.map((r) => [r.status(), r.headers().location]), [[303, '/procedures/new-service?notice=welcome'], [303, '/procedures/new-service?notice=welcome']]);
    await page.goto(url(sent[0].headers().location));
    assert.equal(new URL(page.url()).pathname, '/procedures/new-service');
    const customers = await kit.server.runtime.stores.customers.find({ email: 'ada.okonkwo@example.com' });
    assert.equal(customers.length, 1);
    await page.goto(url('/'));
    await page.getByRole('heading', { name: 'Hello, Ada' }).waitFor();
    await page.getByText(`Account ${customers[0].accountNumber}`).waitFor();
    await checkPage(page, 'home-new-customer', violations);
    await page.goto(url('/procedures/new-service'));
    await checkPage(page, 'procedures-new-service', violations);
    const missing = await page.goto(url('/bills/no/such/page'));
    assert.equal(missing?.status(), 404);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await checkPage(page, 'not-found', violations);
    assert.deepEqual(only(violations), {});
  });

  it('when the browser prefers Spanish, then pages are in Spanish, and the switch changes the language and keeps it', async () => {
    await context.close();
    context = await kit.browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 800 } });
    ({ page, problems } = await watchedPage(context));
    await page.goto(url('/sign-in'));
    await page.getByRole('heading', { name: 'Inicie sesión en su cuenta' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    const dana = demoPerson('bundle');
    await page.getByLabel('Número de cuenta o de teléfono').fill(dana.accountNumber);
    await page.getByLabel('PIN').fill(dana.pin);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByRole('heading', { name: `Hola, ${dana.firstName}` }).waitFor();
    await page.getByText('Continúe donde lo dejó').waitFor(); // her chat adjustment from yesterday
    await checkPage(page, 'home-es', violations);
    await page.getByRole('link', { name: 'Facturas', exact: true }).click();
    await page.getByRole('heading', { name: 'Sus facturas' }).waitFor();
    await checkPage(page, 'bills-es', violations);
    await page.getByRole('button', { name: 'View in English' }).click();
    await page.getByRole('heading', { name: 'Your bills' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.goto(url('/'));
    await page.getByRole('heading', { name: `Hello, ${dana.firstName}` }).waitFor();
    assert.deepEqual(only(violations), {});
  });

  it('when a form carries a stale or forged CSRF token, then it is refused with a page saying so and nothing changes', async () => {
    const dana = demoPerson('bundle');
    await page.goto(url('/sign-in'));
    await page.locator('input[name="_csrf"]').last().evaluate((el) => { (el as HTMLInputElement).value = 'forged'; });
    await page.getByLabel('Account number or phone number').fill(dana.accountNumber);
    await page.getByLabel('PIN').fill(dana.pin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'This form has expired' }).waitFor();
    assert.equal((await context.cookies()).find((c) => c.name === 'telecare_portal'), undefined, 'no session was started');
    await checkPage(page, 'csrf-refused', violations);
    assert.deepEqual(only(violations), {});
  });

  it('checks axe itself: a page with an unlabelled input is reported', async () => {
    await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><input type="text"></main></body></html>');
    assert.ok((await axeViolations(page)).some((v) => v.startsWith('label')));
  });
});
