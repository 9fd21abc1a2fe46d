import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startTmf, specs, type Tmf } from './tmf-harness';
import { startPartnerListener, type PartnerListenerServer, type Received } from './partner-listener';
import { demoIds, type DemoIds } from '../../support/demo-ids';
import { demoPerson } from '../../../src/demo/demo-people';
import { orderBody, ticketBody, until, PO, TT } from './tmf-helpers';
import { SIGNATURE_HEADER } from '../../../src/domain/partners/listeners';
import request from 'supertest';
import { loadConfig } from '../../../src/config/config';
import { bootstrap } from '../../../src/bootstrap';
import { silentLogger } from '../../../src/shared/logger';
import { createPartnersApi } from '../../../src/domain/partners/partners-api';
import { CATALOG_FILE, RULES_DIR, testHasher } from '../../support/care-fixture';

/** What a partner does with a delivery: recompute the signature with its key. */
function signatureValid(r: Received, key: string): boolean {
  const header = String(r.headers[SIGNATURE_HEADER.toLowerCase()] ?? '');
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  return createHmac('sha256', key).update(`${m[1]}.${r.body}`).digest('hex') === m[2];
}

const stateOf = (r: Received): string | undefined => ((r.json.event as { productOrder?: { state?: string; id?: string } })?.productOrder)?.state;
const orderIdOf = (r: Received): string | undefined => ((r.json.event as { productOrder?: { id?: string } })?.productOrder)?.id;

describe('TMF hub: listeners registered by partners get signed events through the outbox', () => {
  let tmf: Tmf;
  let ids: DemoIds;
  let token: string;
  let listener: PartnerListenerServer;
  before(async () => {
    tmf = await startTmf({ env: { OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_BASE_DELAY_MS: '1000' } });
    ids = await demoIds(tmf.runtime.stores);
  });
  beforeEach(async () => {
    // Tests move the clock by hours (retries): a fresh token each time.
    token = await tmf.token();
    listener = await startPartnerListener();
  });
  afterEach(async () => {
    for (const l of await tmf.runtime.stores.listeners.find({})) await tmf.runtime.stores.listeners.delete(l.id);
    await listener.close();
  });
  after(() => tmf.close());

  async function register(path = PO, query?: string): Promise<{ id: string; signingKey: string }> {
    const res = await tmf.call('post', `${path}/hub`, token, { '@type': 'Hub', callback: listener.url, ...(query ? { query } : {}) });
    assert.equal(res.status, 201, res.text);
    return res.body as { id: string; signingKey: string };
  }

  it('when the reseller listens to productOrder and places an order, then it receives ProductOrderStateChangeEvents, signed, valid against TMF622', async () => {
    const hub = await register();
    const customerId = ids.customerId('31000101');
    const placed = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: 'mobile-unlimited' }), { 'Idempotency-Key': 'hub-order-1' });
    assert.equal(placed.status, 201, placed.text);
    const ack = await listener.next((r) => orderIdOf(r) === placed.body.id && stateOf(r) === 'acknowledged');
    const progress = await listener.next((r) => orderIdOf(r) === placed.body.id && stateOf(r) === 'inProgress');
    for (const r of [ack, progress]) {
      assert.equal(r.json['@type'], 'ProductOrderStateChangeEvent');
      assert.deepEqual(specs.validate('TMF622', 'ProductOrderStateChangeEvent', r.json), []);
      assert.ok(signatureValid(r, hub.signingKey), 'the signature verifies with the key given at registration');
      assert.ok(!signatureValid(r, 'another-key'), 'and not with another');
    }
    // Mobile activates at once: provisioning's acceptance completes it, and that is told too.
    const done = await listener.next((r) => orderIdOf(r) === placed.body.id && stateOf(r) === 'completed');
    assert.ok(signatureValid(done, hub.signingKey));
    await until(async () => (await tmf.runtime.stores.notifications.find({ listenerId: hub.id })).every((n) => n.submission.state === 'delivered'), 'every notification marked delivered');
    assert.equal(await tmf.runtime.stores.notifications.count({ listenerId: hub.id }), 3);
  });

  it('when the listener is down, then the event is retried with back-off until it is accepted, and dead-lettered after the last attempt', async () => {
    await register();
    listener.answer(503);
    const customerId = ids.customerId('31000103');
    const placed = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: 'mobile-5gb' }), { 'Idempotency-Key': 'hub-order-2' });
    assert.equal(placed.status, 201, placed.text);
    const ackOf = async () => (await tmf.runtime.stores.notifications.find({})).find((x) => x.body.includes(placed.body.id as string) && x.body.includes('"state":"acknowledged"'));
    await until(async () => (await ackOf())?.submission.attempts === 1, 'the first delivery attempt');
    const ackId = (await ackOf())!.id;
    let n = (await tmf.runtime.stores.notifications.get(ackId))!;
    assert.equal(n.submission.state, 'pending');
    assert.equal(n.submission.attempts, 1);
    const firstRetryAt = Date.parse(n.submission.nextAttemptAt) - tmf.clock.now().getTime();
    assert.ok(firstRetryAt >= 800 && firstRetryAt <= 1200, `first retry after about the base delay, got ${firstRetryAt}`);
    // Not due yet: nothing is attempted.
    await tmf.runtime.outbox.drainOnce();
    assert.equal((await tmf.runtime.stores.notifications.get(ackId))!.submission.attempts, 1);
    // Due: attempted again, still down, the delay doubles.
    tmf.clock.advance(1500);
    await tmf.runtime.outbox.drainOnce();
    n = (await tmf.runtime.stores.notifications.get(ackId))!;
    assert.equal(n.submission.attempts, 2);
    const secondDelay = Date.parse(n.submission.nextAttemptAt) - tmf.clock.now().getTime();
    assert.ok(secondDelay >= 1600 && secondDelay <= 2400, `second retry after about twice the base delay, got ${secondDelay}`);
    // Back up: the next attempt delivers it.
    listener.answer(201);
    tmf.clock.advance(3000);
    await tmf.runtime.outbox.drainOnce();
    await listener.next((r) => orderIdOf(r) === placed.body.id && stateOf(r) === 'acknowledged');
    assert.equal((await tmf.runtime.stores.notifications.get(ackId))!.submission.state, 'delivered');

    // Down for good: after OUTBOX_MAX_ATTEMPTS the event is dead-lettered, not retried forever.
    listener.answer(500);
    await register(TT);
    const grace = demoPerson('technician');
    const actor = await tmf.runtime.care.verification.verifyPin({ accountNumber: grace.accountNumber, pin: grace.pin }, { channel: 'api', source: 'test' });
    const phone = (await tmf.runtime.care.customers.services(actor)).find((s) => s.product.family === 'phone')!;
    const opened = await tmf.call('post', `${TT}/troubleTicket`, token, ticketBody(actor.customerId!, phone.id, 'no-dial-tone'), { 'Idempotency-Key': 'hub-ticket-dead' });
    assert.equal(opened.status, 201, opened.text);
    const createdOf = async () => (await tmf.runtime.stores.notifications.find({ eventType: 'TroubleTicketCreateEvent' })).find((x) => x.body.includes(opened.body.id as string));
    await until(async () => (await createdOf())?.submission.attempts === 1, 'the first delivery attempt of the ticket event');
    const created = (await createdOf())!;
    for (let i = 0; i < 5; i += 1) {
      tmf.clock.advance(20 * 60_000);
      await tmf.runtime.outbox.drainOnce();
    }
    const dead = (await tmf.runtime.stores.notifications.get(created.id))!;
    assert.equal(dead.submission.state, 'dead');
    assert.equal(dead.submission.attempts, 3);
    assert.match(dead.submission.lastError ?? '', /answered 500/);
  });

  it('when a listener asks only for some event types, then it gets only those; after DELETE /hub/{id}, nothing more', async () => {
    const hub = await register(TT, 'eventType=TroubleTicketStatusChangeEvent');
    const grace = demoPerson('technician');
    const actor = await tmf.runtime.care.verification.verifyPin({ accountNumber: grace.accountNumber, pin: grace.pin }, { channel: 'api', source: 'test' });
    const phone = (await tmf.runtime.care.customers.services(actor)).find((s) => s.product.family === 'phone')!;
    const opened = await tmf.call('post', `${TT}/troubleTicket`, token, ticketBody(actor.customerId!, phone.id, 'noisy-line'), { 'Idempotency-Key': 'hub-ticket-2' });
    assert.equal(opened.status, 201, opened.text);
    const withdrawn = await tmf.call('patch', `${TT}/troubleTicket/${opened.body.id}`, token, { '@type': 'TroubleTicket', status: 'cancelled' });
    assert.equal(withdrawn.status, 200);
    const change = await listener.next((r) => (r.json.event as { troubleTicket?: { id?: string } }).troubleTicket?.id === opened.body.id);
    assert.equal(change.json['@type'], 'TroubleTicketStatusChangeEvent');
    assert.deepEqual(specs.validate('TMF621', 'TroubleTicketStatusChangeEvent', change.json), []);
    assert.equal((change.json.event as { troubleTicket: { status: string } }).troubleTicket.status, 'cancelled');
    // The create event was never owed to this listener (proved: the status change, published after it, did arrive).
    assert.ok(listener.received.every((r) => r.json['@type'] === 'TroubleTicketStatusChangeEvent'));

    const del = await tmf.call('delete', `${TT}/hub/${hub.id}`, token);
    assert.equal(del.status, 204);
    assert.equal((await tmf.call('delete', `${TT}/hub/${hub.id}`, token)).status, 404);
    await until(async () => (await tmf.runtime.stores.notifications.find({ listenerId: hub.id })).every((x) => x.submission.state === 'delivered'), 'earlier deliveries');
    const owedBefore = await tmf.runtime.stores.notifications.count({ listenerId: hub.id });
    const again = await tmf.call('post', `${TT}/troubleTicket`, token, ticketBody(actor.customerId!, phone.id, 'no-dial-tone'), { 'Idempotency-Key': 'hub-ticket-3' });
    await tmf.call('patch', `${TT}/troubleTicket/${again.body.id}`, token, { '@type': 'TroubleTicket', status: 'cancelled' });
    assert.equal(await tmf.runtime.stores.notifications.count({ listenerId: hub.id }), owedBefore);
  });

  it('when another partner listens, then it hears nothing about customers it does not act for', async () => {
    const wholesaleToken = await tmf.token('demo-wholesale');
    // The wholesale partner has no productOrder:read scope: it may not even register.
    const refused = await tmf.call('post', `${PO}/hub`, wholesaleToken, { '@type': 'Hub', callback: listener.url });
    assert.equal(refused.status, 403);
    assert.equal(await tmf.runtime.stores.listeners.count({}), 0);
  });

  it('when the callback is not a URL, then 400/422 and nothing is registered', async () => {
    const res = await tmf.call('post', `${PO}/hub`, token, { '@type': 'Hub', callback: 'not a url' });
    assert.equal(res.status, 422);
    assert.match(res.body.message, /callback refused/);
    const missing = await tmf.call('post', `${PO}/hub`, token, { '@type': 'Hub' });
    assert.equal(missing.status, 400);
    assert.equal(await tmf.runtime.stores.listeners.count({}), 0);
  });
});

describe('TMF hub in production', () => {
  it('when a partner registers a loopback or private callback, then it is refused (fail closed) and nothing is stored', async () => {
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', CATALOG_FILE, RULES_DIR, PORT: '0', SESSION_SECRET: 'p'.repeat(40), TWILIO_AUTH_TOKEN: 'q'.repeat(32), PUBLIC_BASE_URL: 'https://care.example.com' });
    const runtime = await bootstrap(config, { logger: silentLogger(), overrides: { inMemory: true, hasher: testHasher, watchFiles: false, workerInProcess: false } });
    try {
      const partners = createPartnersApi({ partners: runtime.stores.partners, customers: runtime.stores.customers, hasher: testHasher, clock: runtime.deps.clock, ids: runtime.deps.ids });
      await partners.register({ clientId: 'prod-partner', name: 'A partner', scopes: ['productOrder:read'], accountNumbers: [] }, 'a-long-random-secret-for-this-test');
      const tokenRes = await request(runtime.app).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'prod-partner', client_secret: 'a-long-random-secret-for-this-test' });
      assert.equal(tokenRes.status, 200);
      const token = tokenRes.body.access_token as string;
      for (const callback of ['http://partner.example.com/hook', 'https://127.0.0.1/hook', 'https://10.0.0.1/hook', 'https://[::1]/hook', 'https://169.254.169.254/']) {
        const res = await request(runtime.app).post(`${PO}/hub`).set('Authorization', `Bearer ${token}`).send({ '@type': 'Hub', callback });
        assert.equal(res.status, 422, `${callback}: ${res.text}`);
        assert.equal(res.body['@type'], 'Error');
      }
      assert.equal(await runtime.stores.listeners.count({}), 0);
    } finally {
      await runtime.close();
    }
  });
});
