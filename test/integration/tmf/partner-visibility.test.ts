/**
 * Issue 14's "done when": the demo partner places an order and a ticket for a customer it acts
 * for, and the customer then sees both on every channel of the whole app: the IVR's account status
 * (signed Twilio webhooks), the chat bot's status answer, and the portal's home page.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { MemoryStorage, type Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { startTmf, type Tmf } from './tmf-harness';
import { orderBody, PO, ticketBody, TT } from './tmf-helpers';
import { demoPerson } from '../../../src/demo/demo-people';
import { TwilioCaller } from '../../../src/channels/voice/twiml/twilio-caller';
import { CallScript } from '../../e2e/voice/support/call-script';
import { CareBot } from '../../../src/channels/chat/bot/care-bot';
import { HandoffRelay } from '../../../src/channels/chat/handoff/handoff-relay';
import { CATALOG_TEXT, DIALOGS, LANGUAGE, MISSES_BEFORE_AGENT, TIME_ZONE, play, type Kit } from '../../unit/chat/chat-test-kit';
import type { CareFixture } from '../../support/care-fixture';
import { CookieClient, csrfOf } from '../portal/cookie-client';

const PUBLIC_BASE_URL = 'https://care.example.test';
const TWILIO_AUTH_TOKEN = 'partner-visibility-twilio-token-0001';
const grace = demoPerson('technician');

/** The items listed under one heading of the portal's home page (up to the next heading), as text. */
function sectionItems(html: string, headingId: string): string[] {
  const at = html.indexOf(`id="${headingId}"`);
  assert.ok(at >= 0, `no ${headingId} on the home page`);
  const next = html.slice(at + 1).search(/<h2 |<\/section>/);
  const section = html.slice(at, next < 0 ? undefined : at + 1 + next);
  return [...section.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

describe('TMF: what the demo partner places, the customer sees on voice, chat and the portal', function () {
  this.timeout(30_000);
  let tmf: Tmf;
  let server: Server;
  let base: string;
  before(async () => {
    // Provisioning takes its time here, so the order is still under way when Grace looks.
    tmf = await startTmf({ env: { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN }, overrides: { completeAfterMs: 3_600_000 } });
    server = await new Promise<Server>((resolve) => {
      const s = tmf.runtime.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await tmf.close();
  });

  async function portalHome(): Promise<{ orders: string[]; tickets: string[] }> {
    const client = new CookieClient(base);
    const page = await client.get('/sign-in');
    const signedIn = await client.post('/sign-in', { _csrf: csrfOf(page.body), mode: 'pin', id: grace.accountNumber, pin: grace.pin });
    assert.equal(signedIn.status, 303, signedIn.body.slice(0, 300));
    const home = await client.get('/');
    assert.equal(home.status, 200);
    return { orders: sectionItems(home.body, 'orders-heading'), tickets: sectionItems(home.body, 'tickets-heading') };
  }

  it('when the reseller places an order and a ticket for Grace, then her call, her chat and her portal home show both', async () => {
    const actor = await tmf.runtime.care.verification.verifyPin({ accountNumber: grace.accountNumber, pin: grace.pin }, { channel: 'api', source: 'test' });
    const customerId = actor.customerId!;
    // A product that takes provisioning some time (not activated at once), so the order is open when she looks.
    const offer = (await tmf.runtime.care.orders.offers(actor)).find((p) => !p.instantActivation && p.family === 'security');
    assert.ok(offer, 'Grace may buy home security');
    const phone = (await tmf.runtime.care.customers.services(actor)).find((s) => s.product.family === 'phone');
    assert.ok(phone, 'Grace has a phone line');
    const homeBefore = await portalHome();
    assert.ok(!homeBefore.tickets.some((t) => t.includes(phone.product.name)), 'no open ticket on her phone yet');

    // The partner: a token, then an order and a ticket (responses validated against TMF622 / TMF621).
    const token = await tmf.token();
    const order = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: offer.id }), { 'Idempotency-Key': 'visibility-order-1' });
    assert.equal(order.status, 201, order.text);
    assert.equal(order.body.state, 'inProgress', 'accepted by provisioning, not done yet');
    const ticket = await tmf.call('post', `${TT}/troubleTicket`, token, ticketBody(customerId, phone.id, 'no-dial-tone'), { 'Idempotency-Key': 'visibility-ticket-1' });
    assert.equal(ticket.status, 201, ticket.text);
    assert.equal(ticket.body.status, 'acknowledged');
    const listed = await tmf.call('get', `${PO}/productOrder?state=inProgress`, token);
    assert.ok((listed.body as { id: string }[]).some((o) => o.id === order.body.id));
    const stored = async () => (await tmf.runtime.stores.orders.get(order.body.id as string))!;
    assert.equal((await stored()).status, 'inProgress', 'provisioning took it and is still at work when the customer looks');

    // (a) Voice: Grace calls, enters her PIN and asks for her account status.
    const caller = new TwilioCaller({ serverUrl: base, publicBaseUrl: PUBLIC_BASE_URL, authToken: TWILIO_AUTH_TOKEN, from: grace.phone });
    const call = await new CallScript(caller).dial();
    await call.play('1', grace.pin);
    if (/Last time you started/.test(call.text())) await call.play('2');
    await call.play(/balance, orders and repairs/);
    call.expectHeard(new RegExp(`Orders in progress: [^.]*${offer.name}[^.]*\\. Open repairs: [^.]*${phone.product.name}[^.]*\\.`));

    // (b) Chat: the bot's status answer (the same procedure) lists them on its card.
    const bot = new CareBot({ care: tmf.runtime.care, dialogs: DIALOGS, storage: new MemoryStorage(), relay: new HandoffRelay(), logger: { warn: () => undefined, error: () => undefined, debug: () => undefined }, missesBeforeAgent: MISSES_BEFORE_AGENT, clock: tmf.clock, language: LANGUAGE, timeZone: TIME_ZONE, catalogText: CATALOG_TEXT });
    const kit: Kit = { fixture: undefined as unknown as CareFixture, bot, relay: new HandoffRelay(), client: new DialogTestClient('test', bot.root, undefined, [], bot.conversationState), last: [] as Partial<Activity>[], said: [] };
    await play(kit, [
      ['hi', ['[My bill]']],
      ['tap:My bill', ['account number']],
      [grace.accountNumber, ['PIN']],
      [grace.pin, [new RegExp(`Orders in progress: [^|]*${offer.name}`)]],
    ]);
    assert.match(kit.said.join('\n'), new RegExp(`Open repairs: [^|]*${phone.product.name}`));

    // (c) The portal's home page: one more order in progress (a new service), and the ticket on her phone.
    const homeAfter = await portalHome();
    assert.equal(homeAfter.orders.length, homeBefore.orders.length + 1, homeAfter.orders.join('\n'));
    assert.equal((await stored()).status, 'inProgress');
    assert.ok(homeAfter.orders.some((o) => o.startsWith(`New service: ${offer.name}, order placed`) && o.endsWith('In progress')), homeAfter.orders.join('\n'));
    assert.ok(homeAfter.tickets.some((t) => t.startsWith(`Ticket for ${phone.product.name}, opened`) && t.endsWith('Open')), homeAfter.tickets.join('\n'));
  });
});
