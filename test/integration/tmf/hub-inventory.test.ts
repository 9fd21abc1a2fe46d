import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { startTmf, specs, type Tmf } from './tmf-harness';
import { startPartnerListener, type PartnerListenerServer, type Received } from './partner-listener';
import { demoIds, type DemoIds } from '../../support/demo-ids';
import { orderBody, until, PO } from './tmf-helpers';
import { SIGNATURE_HEADER } from '../../../src/domain/partners/listeners';
import { createPartnersApi } from '../../../src/domain/partners/partners-api';
import { testHasher } from '../../support/care-fixture';

const PI = '/tmf-api/productInventory/v5';

function signatureValid(r: Received, key: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers[SIGNATURE_HEADER.toLowerCase()] ?? ''));
  return !!m && createHmac('sha256', key).update(`${m[1]}.${r.body}`).digest('hex') === m[2];
}

type ProductEvent = { product?: { id?: string; status?: string; relatedParty?: { partyOrPartyRole?: { id?: string } }[] } };
const productOf = (r: Received) => (r.json.event as ProductEvent | undefined)?.product;

describe('TMF637 hub: partners listening to productInventory get the products a completed order changed', () => {
  let tmf: Tmf;
  let ids: DemoIds;
  let token: string;
  let mine: PartnerListenerServer;
  let other: PartnerListenerServer;
  before(async () => {
    tmf = await startTmf();
    ids = await demoIds(tmf.runtime.stores);
  });
  beforeEach(async () => {
    token = await tmf.token();
    mine = await startPartnerListener();
    other = await startPartnerListener();
  });
  afterEach(async () => {
    for (const l of await tmf.runtime.stores.listeners.find({})) await tmf.runtime.stores.listeners.delete(l.id);
    await mine.close();
    await other.close();
  });
  after(() => tmf.close());

  async function register(callback: string, as = token, query?: string): Promise<{ id: string; signingKey: string }> {
    const res = await tmf.call('post', `${PI}/hub`, as, { '@type': 'Hub', callback, ...(query ? { query } : {}) });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body['@type'], 'Hub');
    return res.body as { id: string; signingKey: string };
  }

  async function placeMobile(customerId: string, key: string): Promise<string> {
    const placed = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: 'mobile-5gb' }), { 'Idempotency-Key': key });
    assert.equal(placed.status, 201, placed.text);
    return placed.body.id as string;
  }

  it('when the reseller listens and its customer\'s new-service order completes, then a ProductCreateEvent arrives, signed, valid against TMF637, for that customer only; a partner acting for other customers hears nothing', async () => {
    // Another partner, with inventory scope, acting only for a customer the reseller does not serve.
    const partners = createPartnersApi({ partners: tmf.runtime.stores.partners, customers: tmf.runtime.stores.customers, hasher: testHasher, clock: tmf.clock, ids: tmf.runtime.deps.ids });
    await partners.register({ clientId: 'inventory-only', name: 'Another partner', scopes: ['product:read'], accountNumbers: ['31000102'] }, 'a-long-random-secret-for-this-test');
    const tokenRes = await request(tmf.runtime.app).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'inventory-only', client_secret: 'a-long-random-secret-for-this-test' });
    assert.equal(tokenRes.status, 200, tokenRes.text);
    // Registered first: its listener is considered before the reseller's, so once the reseller's event is owed, the other's decision is made.
    const otherHub = await register(other.url, tokenRes.body.access_token as string);
    const hub = await register(mine.url);

    const customerId = ids.customerId('31000101');
    const orderId = await placeMobile(customerId, 'inv-hub-1');
    const created = await mine.next((r) => r.json['@type'] === 'ProductCreateEvent');
    assert.deepEqual(specs.validate('TMF637', 'ProductCreateEvent', created.json), []);
    assert.ok(signatureValid(created, hub.signingKey), 'signed with the key given at registration');
    assert.ok(!signatureValid(created, otherHub.signingKey));
    const product = productOf(created)!;
    assert.equal(product.status, 'active');
    assert.equal(product.relatedParty?.[0]?.partyOrPartyRole?.id, customerId);
    const order = (await tmf.runtime.stores.orders.get(orderId))!;
    assert.ok(order.items.some((i) => i.serviceId === product.id), 'the product is the service the order added');
    // The product is the one the inventory API serves.
    const got = await tmf.call('get', `${PI}/product/${product.id}`, token);
    assert.equal(got.status, 200);

    await until(async () => (await tmf.runtime.stores.notifications.count({ listenerId: hub.id })) === 1, 'the reseller owed one event');
    assert.equal(await tmf.runtime.stores.notifications.count({ listenerId: otherHub.id }), 0);
    assert.equal(other.received.length, 0);
  });

  it('when a listener is deleted, then its partner gets no more product events (another listener still does)', async () => {
    const gone = await register(mine.url);
    const kept = await register(other.url);
    const del = await tmf.call('delete', `${PI}/hub/${gone.id}`, token);
    assert.equal(del.status, 204);
    assert.equal((await tmf.call('delete', `${PI}/hub/${gone.id}`, token)).status, 404);
    await placeMobile(ids.customerId('31000103'), 'inv-hub-2');
    const heard = await other.next((r) => r.json['@type'] === 'ProductCreateEvent');
    assert.ok(signatureValid(heard, kept.signingKey));
    assert.equal(await tmf.runtime.stores.notifications.count({ listenerId: gone.id }), 0);
    assert.equal(mine.received.length, 0);
  });

  it('when a partner without product:read registers, then 403 and nothing is stored', async () => {
    const wholesaleToken = await tmf.token('demo-wholesale');
    const refused = await tmf.call('post', `${PI}/hub`, wholesaleToken, { '@type': 'Hub', callback: mine.url });
    assert.equal(refused.status, 403);
    assert.equal(refused.body['@type'], 'Error');
    assert.equal(await tmf.runtime.stores.listeners.count({}), 0);
  });
});
