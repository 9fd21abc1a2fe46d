/**
 * Every guided procedure to its end through the real portal (the whole app, the portal's layout,
 * session and CSRF), as a customer does it: sign in on /sign-in with a demo customer, follow the
 * link on home (or on a bill), answer each step, read the result; then the effect is checked in
 * the store (orders, adjustments, extensions, tickets) and home shows the open order or ticket.
 * axe-core checks every page (WCAG 2.2 A/AA), each page is photographed at 360 px and desktop
 * width into /tmp/portal-procedures-e2e, and any script error, CSP violation or 404 fails.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { demoPerson, type DemoPerson } from '../../../src/demo/demo-people';
import { checkPage, only, startPortalBrowser, watchedPage, type PortalBrowser } from './portal-browser-kit';

const SHOTS = '/tmp/portal-procedures-e2e';

describe('customer portal: every procedure to its end in Chromium', function () {
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
    assert.deepEqual(only(violations), {}, 'axe finds nothing on any page');
  });

  const url = (p: string) => `${kit.server.url}${p}`;
  const stores = () => kit.server.runtime.stores;
  const check = (name: string) => checkPage(page, name, violations, SHOTS);
  /** The interaction a result page belongs to (its address ends with the id). */
  const resultInteraction = () => {
    const parts = new URL(page.url()).pathname.split('/');
    assert.equal(parts.at(-2), 'result', `on a result page, not ${page.url()}`);
    return parts.at(-1) as string;
  };

  async function signIn(person: DemoPerson): Promise<string> {
    await page.goto(url('/sign-in'));
    await page.getByLabel('Account number or phone number').fill(person.accountNumber);
    await page.getByLabel('PIN').fill(person.pin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Hello, ${person.firstName}` }).waitFor();
    const [customer] = await stores().customers.find({ accountNumber: person.accountNumber });
    assert.ok(customer);
    return customer.id;
  }

  /** Home's "What would you like to do?" link to a procedure (its first step, or its result when there is nothing to ask). */
  async function fromHome(link: string, path: string): Promise<void> {
    const todo = page.getByRole('region', { name: 'What would you like to do?' });
    await todo.getByRole('link', { name: link, exact: true }).click();
    await page.waitForURL((u) => u.pathname.startsWith(path));
  }

  /** A choose step: the question is the radio group's name; pick one and continue. */
  async function choose(question: string | RegExp, option: string | RegExp, shot?: string): Promise<void> {
    const group = page.getByRole('group', { name: question });
    await group.waitFor();
    if (shot) await check(shot);
    await group.getByRole('radio', { name: option }).check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await group.waitFor({ state: 'detached' });
  }

  /** Home again: the open orders and tickets section lists `text`. */
  async function homeShows(text: string | RegExp, shot: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { name: /^Hello, / }).waitFor();
    await page.getByRole('region', { name: 'Open orders' }).getByText(text).waitFor();
    await check(shot);
  }

  it('when Dana adds Home Security from home and clicks again on "Place the order" on the quote, then one order is placed, stored and shown as open on home', async () => {
    const dana = demoPerson('bundle');
    const customerId = await signIn(dana);
    const ordersBefore = await stores().orders.count({ customerId });
    await fromHome('New service', '/procedures/new-service');
    await choose('Which service would you like?', /^Brightwave Home Security/, 'new-service-product');
    await choose(/^Installation/, /^Technician installation/, 'new-service-installation');
    const addon = page.getByRole('group', { name: 'Would you like an add-on?' });
    await addon.waitFor();
    await check('new-service-addon');
    await page.getByRole('button', { name: 'Skip' }).click();

    await page.getByRole('heading', { name: 'Your quote' }).waitFor();
    const quote = await page.locator('.facts').innerText();
    assert.match(quote, /Service\s+Brightwave Home Security/);
    assert.match(quote, /Monthly price\s+\$35\.00/);
    assert.match(quote, /24-month contract/);
    await check('new-service-quote');

    // Two submissions of the confirming form, as an impatient second click sends it again before
    // the first answer came back: both reach the server together, and both lead to the same result.
    const held: Route[] = [];
    let bothSent!: () => void;
    const both = new Promise<void>((resolve) => (bothSent = resolve));
    const answers: [number, string | undefined][] = [];
    await page.route('**/procedures/new-service/step', async (route) => {
      held.push(route);
      if (held.length === 2) bothSent();
      await both;
      const response = await route.fetch({ maxRedirects: 0 });
      answers.push([response.status(), response.headers().location]);
      // The browser dropped the first navigation for the second: only the second is shown.
      await route.fulfill({ response }).catch(() => undefined);
    });
    const box = await page.getByRole('button', { name: 'Place the order' }).boundingBox();
    assert.ok(box);
    const firstSent = page.waitForRequest((r) => r.method() === 'POST');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await firstSent;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByRole('heading', { name: 'Request received' }).waitFor();
    await page.unroute('**/procedures/new-service/step');
    assert.equal(held.length, 2, 'the form was sent twice');
    assert.equal(answers.length, 2);
    assert.deepEqual(answers[0], answers[1], 'both submissions lead to the same result');
    assert.equal(answers[0]?.[0], 303);
    assert.equal(answers[0]?.[1], new URL(page.url()).pathname);
    await check('new-service-result');

    const interactionId = resultInteraction();
    const orders = await stores().orders.find({ customerId, interactionId });
    assert.equal(orders.length, 1, 'one order for the two submissions');
    assert.equal(await stores().orders.count({ customerId }), ordersBefore + 1);
    const [order] = orders;
    assert.equal(order?.type, 'new');
    assert.deepEqual(order?.items.map((i) => (i.action === 'add' ? [i.action, i.productId, i.config] : [i.action])), [['add', 'home-security', { installation: 'technician' }]]);
    assert.ok(order?.status === 'acknowledged' || order?.status === 'inProgress', `an open order, not ${order?.status}`);
    assert.match(await page.locator('.facts').innerText(), new RegExp(`Order number\\s+${order?.id}`));
    await homeShows(/^New service: Brightwave Home Security, order placed /, 'home-after-new-service');
  });

  it('when Dana upgrades Fiber 500 to Fiber 1000, then the quote (monthly change, this month, the contract) comes before she confirms, and the change order is stored', async () => {
    const dana = demoPerson('bundle');
    const customerId = await signIn(dana);
    await fromHome('Change', '/procedures/modify-service');
    await choose('Which service would you like to change?', 'Fiber 500', 'modify-service');
    await choose('What would you like to change?', /^Upgrade to Fiber 1000/, 'modify-what');
    await page.getByRole('heading', { name: 'Your quote' }).waitFor();
    const quote = await page.locator('.facts').innerText();
    assert.match(quote, /Monthly change\s+\$\d+\.\d\d/);
    assert.match(quote, /Pro-rated this month\s+\$\d+\.\d\d/);
    assert.match(quote, /24-month contract/);
    assert.equal(await stores().orders.count({ customerId, type: 'modify' }), 0, 'nothing is ordered while the quote is shown');
    await check('modify-quote');
    await page.getByRole('button', { name: 'Make the change' }).click();
    await page.getByRole('heading', { name: /^(Done|Request received)$/ }).waitFor();
    await check('modify-result');
    const [order, ...more] = await stores().orders.find({ customerId, interactionId: resultInteraction() });
    assert.equal(more.length, 0);
    assert.equal(order?.type, 'modify');
    assert.deepEqual(order?.items.map((i) => (i.action === 'change-product' ? [i.fromProductId, i.toProductId] : [i.action])), [['fiber-500', 'fiber-1000']]);
    assert.match(await page.locator('.facts').innerText(), new RegExp(`Order number\\s+${order?.id}`));
    assert.ok(order?.status === 'acknowledged' || order?.status === 'inProgress', `an open order, not ${order?.status}`);
    await homeShows(/^Change: Fiber 500, order placed /, 'home-after-modify');
  });

  it('when Priya cancels Fiber 1000 because she is switching, then she is offered to stay; she declines, picks the last day, sees the final charges and a disconnect order is stored', async () => {
    const priya = demoPerson('outage');
    const customerId = await signIn(priya);
    await fromHome('Cancel', '/procedures/discontinue-service');
    await choose('Which service would you like to cancel?', 'Fiber 1000', 'cancel-service');
    await choose('May we ask why?', 'I am switching to another provider', 'cancel-reason');
    for (let n = 0; n < 2; n++) {
      await page.getByText('Optional: it helps us improve.').waitFor();
      if (n === 0) await check('cancel-marketing');
      await page.getByRole('button', { name: 'Skip' }).click();
      await page.waitForLoadState();
    }
    await page.getByRole('heading', { name: 'Our offer to you' }).waitFor();
    assert.match(await page.locator('.facts').innerText(), /Stay with us on Fiber 500/);
    await page.getByText('Before you go: would you rather keep your service with this offer than cancel it?').waitFor();
    await check('cancel-offer');
    await page.getByRole('button', { name: 'No thanks, continue cancelling' }).click();
    const dates = page.getByRole('group', { name: 'When should the service end?' });
    await dates.waitFor();
    await check('cancel-date');
    const lastDay = dates.getByRole('radio').last();
    const requested = await lastDay.getAttribute('value');
    await lastDay.check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await dates.waitFor({ state: 'detached' });
    await check('cancel-confirm');
    assert.equal(await stores().orders.count({ customerId, type: 'disconnect' }), 0, 'nothing is ordered before she confirms');
    await page.getByRole('button', { name: /^Yes/ }).click();
    await page.getByRole('heading', { name: /^(Done|Request received)$/ }).waitFor();
    await check('cancel-result');
    const [order, ...more] = await stores().orders.find({ customerId, interactionId: resultInteraction() });
    assert.equal(more.length, 0);
    assert.equal(order?.type, 'disconnect');
    assert.equal(order?.reasonCode, 'switching-provider');
    assert.equal(order?.requestedDate, requested);
    const ends = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${requested}T12:00:00Z`));
    await homeShows(/^Cancellation: Fiber 1000, order placed /, 'home-after-cancel');
    await page.getByRole('region', { name: 'Open orders' }).getByText(`Service ends ${ends}`).waitFor();
  });

  it('when Priya cancels TV Basic and accepts the offer to stay, then the credit is booked and no cancellation is ordered', async () => {
    const priya = demoPerson('outage');
    const customerId = await signIn(priya);
    const adjustmentsBefore = await stores().adjustments.count({ customerId });
    await page.goto(url('/procedures/discontinue-service'));
    await choose('Which service would you like to cancel?', 'Brightwave TV Basic');
    await choose('May we ask why?', 'I am switching to another provider');
    for (let n = 0; n < 2; n++) {
      await page.getByText('Optional: it helps us improve.').waitFor();
      await page.getByRole('button', { name: 'Skip' }).click();
      await page.waitForLoadState();
    }
    await page.getByRole('heading', { name: 'Our offer to you' }).waitFor();
    await page.getByRole('button', { name: 'Yes, keep my service with the offer' }).click();
    await page.getByRole('heading', { name: 'Offer accepted' }).waitFor();
    await check('cancel-offer-accepted');
    const interactionId = resultInteraction();
    assert.deepEqual(await stores().orders.find({ customerId, interactionId, type: 'disconnect' }), []);
    const credits = await stores().adjustments.find({ customerId, interactionId });
    assert.equal(credits.length, 1);
    assert.equal(await stores().adjustments.count({ customerId }), adjustmentsBefore + 1);
  });

  it('when Dana follows "Adjust a charge" on her latest bill, then she picks the international-calls charge, and the credit is stored against that bill', async () => {
    const dana = demoPerson('bundle');
    const customerId = await signIn(dana);
    await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Bills' }).click();
    await page.getByRole('link', { name: /^Bill for / }).first().click();
    const billId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByRole('link', { name: 'Adjust a charge on this bill' }).click();
    await choose('Which charge would you like to dispute?', /International calls/, 'adjustment-item');
    await choose('What’s the reason?', 'Usage charge I do not recognise', 'adjustment-reason');
    const amount = page.getByLabel('How much should be credited?');
    await amount.fill('8.96');
    await check('adjustment-amount');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Your credit request' }).waitFor();
    assert.match(await page.locator('.facts').innerText(), /Amount\s+\$8\.96/);
    await check('adjustment-confirm');
    await page.getByRole('button', { name: 'Yes, request the credit' }).click();
    await page.getByRole('heading', { name: /^(Done|Request received)$/ }).waitFor();
    await check('adjustment-result');
    const stored = await stores().adjustments.find({ customerId, interactionId: resultInteraction() });
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.billId, billId);
    assert.equal(stored[0]?.amount.amountMinor, 896);
    assert.match(await page.locator('.facts').innerText(), new RegExp(`Credit request\\s+${stored[0]?.id}`));
  });

  it('when Dana asks for more time to pay, then she picks a later date, confirms, and the extension is stored', async () => {
    const dana = demoPerson('bundle');
    const customerId = await signIn(dana);
    await fromHome('More time to pay', '/procedures/payment-extension');
    const question = page.getByRole('group', { name: /^Your bill is due .*Which new date works for you\?$/ });
    await question.waitFor();
    const second = question.getByRole('radio').nth(1);
    const date = await second.getAttribute('value');
    await check('extension-date');
    await second.check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await question.waitFor({ state: 'detached' });
    await check('extension-confirm');
    await page.getByRole('button', { name: /^Yes/ }).click();
    await page.getByRole('heading', { name: /^(Done|Request received)$/ }).waitFor();
    await check('extension-result');
    const stored = await stores().extensions.find({ customerId, interactionId: resultInteraction() });
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.toDate, date, 'the extension is to the date she picked');
    assert.match(await page.locator('.facts').innerText(), new RegExp(`${stored[0]?.id}`));
  });

  it('when Marcus, suspended for non-payment, asks for more time to pay, then he is told why not and offered a person, and nothing is stored', async () => {
    const marcus = demoPerson('suspended');
    const customerId = await signIn(marcus);
    const before = await stores().extensions.count({ customerId });
    await fromHome('More time to pay', '/procedures/payment-extension');
    await page.getByRole('heading', { name: 'We can’t do this online' }).waitFor();
    await page.getByText(/30 days/).first().waitFor();
    const person = page.getByRole('main').getByRole('link', { name: 'Talk to a person' });
    assert.equal(await person.getAttribute('href'), '/chat-with-us?person=1');
    await check('extension-refused');
    assert.equal(await stores().extensions.count({ customerId }), before);
    await person.click();
    await page.waitForURL((u) => u.pathname === '/chat-with-us');
  });

  it('when Grace reports no dial tone from home, then the diagnosis is shown, she books a technician and home shows the ticket with the visit', async () => {
    const grace = demoPerson('technician');
    const customerId = await signIn(grace);
    await fromHome('Report a problem', '/procedures/repair');
    await choose('Which service is giving you trouble?', /Home Phone/, 'repair-service');
    await choose('What’s happening?', 'No dial tone', 'repair-symptom');
    const slots = page.getByRole('group', { name: 'A technician needs to visit. Which time suits you?' });
    await slots.waitFor();
    assert.match(await page.getByRole('region', { name: 'What we found' }).innerText(), /What we found\s+\S/);
    await check('repair-slot');
    const slot = slots.getByRole('radio').first();
    const slotId = await slot.getAttribute('value');
    await slot.check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Repair booked' }).waitFor();
    await check('repair-result');
    const tickets = await stores().tickets.find({ customerId, interactionId: resultInteraction() });
    assert.equal(tickets.length, 1);
    assert.equal(tickets[0]?.status, 'scheduled');
    assert.equal(tickets[0]?.appointment?.slotId, slotId);
    await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Home' }).click();
    const open = page.getByRole('list', { name: 'Open repair tickets' });
    await open.getByText(/^Ticket for Brightwave Home Phone/).waitFor();
    await open.getByText(/Technician visit /).waitFor();
    await check('home-after-repair');
  });
});
