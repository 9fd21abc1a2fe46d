import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi, type Api } from '../api/api-harness';
import { startStandInPartner, STAND_IN_CLIENT, type StandInPartner } from './stand-in-partner';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Actor } from '../../../src/domain/shared/actor';
import { until } from './tmf-helpers';

const LISTENER_KEY = 'bond-listener-key-for-tests-0001';

describe('the bond: our orders and repairs through partners\' TMF APIs (stand-in partner)', () => {
  let partner: StandInPartner;
  let api: Api;
  let server: http.Server;
  let dana: Actor;
  let grace: Actor;

  before(async () => {
    partner = await startStandInPartner();
    // Our server listens for real: the partner calls our listener routes back.
    let app: http.RequestListener | undefined;
    server = http.createServer((req, res) => app?.(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const ours = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    api = await startApi({
      env: {
        PUBLIC_BASE_URL: ours,
        PROVISIONING_BACKEND: 'tmf622',
        PROVISIONING_TMF_URL: `${partner.url}/tmf-api/productOrderingManagement/v5`,
        PROVISIONING_TMF_CLIENT_ID: STAND_IN_CLIENT.id,
        PROVISIONING_TMF_CLIENT_SECRET: STAND_IN_CLIENT.secret,
        WORKFORCE_BACKEND: 'tmf621',
        WORKFORCE_TMF_URL: `${partner.url}/tmf-api/troubleTicket/v5`,
        WORKFORCE_TMF_CLIENT_ID: STAND_IN_CLIENT.id,
        WORKFORCE_TMF_CLIENT_SECRET: STAND_IN_CLIENT.secret,
        BOND_LISTENER_KEY: LISTENER_KEY,
        BOND_BREAKER_FAILURES: '2',
        BOND_BREAKER_COOLDOWN_MS: '60000',
        BOND_TIMEOUT_MS: '2000',
        OUTBOX_BASE_DELAY_MS: '1000',
        OUTBOX_MAX_ATTEMPTS: '10',
        ORDER_CHECK_SECONDS: '30',
      },
    });
    app = api.runtime.app as unknown as http.RequestListener;
    const verify = (p: ReturnType<typeof demoPerson>) => api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'portal', source: 'test' });
    dana = await verify(demoPerson('bundle'));
    grace = await verify(demoPerson('technician'));
  });
  after(async () => {
    await api.close();
    await new Promise((resolve) => server.close(resolve));
    await partner.close();
  });

  it('when Dana orders, then the order goes to the partner\'s TMF622, is acknowledged, progresses and completes on the partner\'s events', async () => {
    const order = await api.runtime.care.orders.submitNew(dana, { productId: 'mobile-unlimited' }, { idempotencyKey: 'bond-order-1' });
    assert.equal(order.status, 'inProgress', 'accepted by the partner at once');
    const ref = order.submission.externalRef!;
    assert.match(ref, /^PO-\d+$/);
    const sent = partner.orders.get(ref)!;
    assert.deepEqual(partner.problems, []);
    assert.equal(sent.key, order.submission.idempotencyKey);
    assert.equal((sent.body.productOrderItem as { action: string; productOffering: { id: string } }[])[0]!.productOffering.id, 'mobile-unlimited');
    assert.ok(partner.hubs.some((h) => h.api === 'order' && h.callback.includes('/listener/productOrderStateChangeEvent')), 'our listener was registered');

    assert.deepEqual(await partner.advanceOrder(ref, 'inProgress'), [204]);
    assert.equal((await api.runtime.stores.orders.get(order.id))!.status, 'inProgress');
    assert.deepEqual(await partner.advanceOrder(ref, 'completed'), [204]);
    const done = (await api.runtime.stores.orders.get(order.id))!;
    assert.equal(done.status, 'completed');
    const service = (await api.runtime.stores.customers.get(dana.customerId!))!.services.find((s) => s.id === (done.items[0] as { serviceId: string }).serviceId);
    assert.equal(service?.status, 'active');
    // Dana sees it completed on her channels.
    assert.equal((await api.runtime.care.orders.order(dana, order.id)).status, 'completed');
  });

  it('when an event comes without our listener key, then 401 and the order is unchanged', async () => {
    const order = await api.runtime.care.orders.submitNew(dana, { productId: 'mobile-5gb' }, { idempotencyKey: 'bond-order-key' });
    const ref = order.submission.externalRef!;
    assert.deepEqual(await partner.advanceOrder(ref, 'completed', { key: 'forged-key' }), [401]);
    assert.equal((await api.runtime.stores.orders.get(order.id))!.status, 'inProgress');
  });

  it('when the partner is down for a while, then the order waits in the outbox, the circuit opens, and once the partner is back the order goes out and completes (the progress check hears it)', async () => {
    partner.down(true);
    const order = await api.runtime.care.orders.submitNew(grace, { productId: 'mobile-5gb' }, { idempotencyKey: 'bond-order-down' });
    assert.equal(order.status, 'acknowledged');
    assert.equal(order.submission.state, 'pending');
    assert.equal(order.submission.attempts, 1);

    // The second failure in a row opens the circuit: the next due attempt fails at once, without a call.
    api.clock.advance(5_000);
    await api.runtime.outbox.drainOnce();
    assert.equal((await api.runtime.stores.orders.get(order.id))!.submission.attempts, 2);
    const hitsWhileOpen = partner.hits();
    api.clock.advance(10_000);
    await api.runtime.outbox.drainOnce();
    const waiting = (await api.runtime.stores.orders.get(order.id))!;
    assert.equal(waiting.submission.attempts, 3);
    assert.match(waiting.submission.lastError ?? '', /calls are paused/);
    assert.equal(partner.hits(), hitsWhileOpen, 'an open circuit does not call the partner');

    // Back up, and the cooldown over: delivered on the next due attempt.
    partner.down(false);
    api.clock.advance(120_000);
    await api.runtime.outbox.drainOnce();
    const sent = (await api.runtime.stores.orders.get(order.id))!;
    assert.equal(sent.submission.state, 'delivered');
    assert.equal(sent.status, 'inProgress');
    const ref = sent.submission.externalRef!;
    assert.deepEqual(partner.problems, []);

    // The partner completes it but its event never reaches us: the outbox's progress check asks.
    await partner.advanceOrder(ref, 'completed', { silent: true });
    api.clock.advance(31_000);
    await api.runtime.outbox.drainOnce();
    assert.equal((await api.runtime.stores.orders.get(order.id))!.status, 'completed');
  });

  it('when the same order is submitted again with its key, then the partner gets it once (the key travels as Idempotency-Key and externalId)', async () => {
    const a = await api.runtime.care.orders.submitNew(dana, { productId: 'mobile-20gb' }, { idempotencyKey: 'bond-order-dup' });
    const b = await api.runtime.care.orders.submitNew(dana, { productId: 'mobile-20gb' }, { idempotencyKey: 'bond-order-dup' });
    assert.equal(b.id, a.id);
    assert.equal([...partner.orders.values()].filter((o) => o.key === a.submission.idempotencyKey).length, 1);
  });

  it('when Grace\'s line needs a technician, then the ticket goes to the contractor\'s TMF621 and its resolution comes back to her ticket', async () => {
    const phone = (await api.runtime.care.customers.services(grace)).find((s) => s.product.family === 'phone')!;
    const outcome = await api.runtime.care.repair.troubleshoot(grace, { serviceId: phone.id, symptom: 'no-dial-tone' }, { idempotencyKey: 'bond-ticket-1' });
    assert.equal(outcome.resolution, 'ticket');
    const ticketId = outcome.ticket!.id;
    await until(async () => (await api.runtime.stores.tickets.get(ticketId))!.submission.state === 'delivered', 'the ticket handed to the contractor');
    const ref = (await api.runtime.stores.tickets.get(ticketId))!.submission.externalRef!;
    assert.match(ref, /^TT-\d+$/);
    assert.deepEqual(partner.problems, []);
    assert.ok(partner.hubs.some((h) => h.api === 'ticket' && h.callback.includes('/listener/troubleTicketResolvedEvent')));
    assert.deepEqual(await partner.resolveTicket(ref), [204]);
    const ticket = (await api.runtime.stores.tickets.get(ticketId))!;
    assert.equal(ticket.status, 'resolved');
    assert.equal(ticket.statusNote, 'drop wire replaced');
    assert.equal((await api.runtime.care.repair.ticket(grace, ticketId)).status, 'resolved');
  });
});
