import assert from 'node:assert/strict';
import { startTmf, type Tmf } from './tmf-harness';
import { demoIds, type DemoIds } from '../../support/demo-ids';
import { demoPerson } from '../../../src/demo/demo-people';
import { alwaysFailing } from '../../../src/adapters/backends';
import { createReferenceBackends } from '../../../src/adapters/backends';
import { signIn } from '../api/api-harness';
import { DEMO_NETWORK } from '../../../src/demo/demo-network';
import { orderBody, PO } from './tmf-helpers';
import type { Order } from '../../../src/domain/orders/order';

describe('TMF622 productOrder: partners place, follow and cancel orders', () => {
  let tmf: Tmf;
  let ids: DemoIds;
  let token: string;
  const dana = demoPerson('bundle');
  before(async () => {
    tmf = await startTmf();
    ids = await demoIds(tmf.runtime.stores);
    token = await tmf.token();
  });
  after(() => tmf.close());

  const danaActor = () => tmf.runtime.care.verification.verifyPin({ accountNumber: dana.accountNumber, pin: dana.pin }, { channel: 'api', source: 'test' });

  it('when the reseller adds a product for Dana, then one order is placed through the new-service procedure with its quote, and a retry returns the same order', async () => {
    const customerId = ids.customerId(dana.accountNumber);
    const offer = (await tmf.runtime.care.orders.offers(await danaActor())).find((p) => p.family === 'mobile');
    assert.ok(offer, 'Dana may buy a mobile plan');
    const quote = await tmf.runtime.care.orders.quoteNew(await danaActor(), { productId: offer.id });
    const before = await tmf.runtime.stores.orders.count({ customerId });

    const first = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: offer.id }), { 'Idempotency-Key': 'reseller-order-1' });
    assert.equal(first.status, 201, first.text);
    const again = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: offer.id }), { 'Idempotency-Key': 'reseller-order-1' });
    assert.equal(again.status, 201);
    assert.equal(again.body.id, first.body.id);
    assert.equal(await tmf.runtime.stores.orders.count({ customerId }), before + 1);

    const order = (await tmf.runtime.stores.orders.get(first.body.id as string))!;
    assert.equal(order.type, 'new');
    assert.equal(order.channel, 'partner');
    assert.equal(order.items[0]!.action, 'add');
    assert.equal(first.body.state, order.status);
    assert.equal(first.body.productOrderItem[0].action, 'add');
    assert.equal(first.body.productOrderItem[0].productOffering.id, offer.id);
    const monthly = (first.body.orderTotalPrice as { priceType: string; price: { taxIncludedAmount: { value: number } } }[]).find((p) => p.priceType === 'recurring')!;
    assert.equal(monthly.price.taxIncludedAmount.value, quote.monthlyTotal.amountMinor / 100);
    assert.equal(first.headers.location, `${tmf.runtime.config.publicBaseUrl}${PO}/productOrder/${order.id}`);

    // Dana sees it on her own channels (the portal API here; voice and chat read the same orders).
    const portal = await tmf.http.get('/api/v1/orders').set('Authorization', await signIn(tmf, dana));
    assert.ok((portal.body as { id: string }[]).some((o) => o.id === order.id));
  });

  it('when the same idempotency key comes as the partner\'s externalId, then it also deduplicates', async () => {
    const customerId = ids.customerId(dana.accountNumber);
    const offer = (await tmf.runtime.care.orders.offers(await danaActor())).find((p) => p.family === 'security');
    assert.ok(offer);
    const body = orderBody(customerId, { action: 'add', offering: offer.id }, { externalId: [{ '@type': 'ExternalIdentifier', id: 'NG-2026-0001' }] });
    const a = await tmf.call('post', `${PO}/productOrder`, token, body);
    const b = await tmf.call('post', `${PO}/productOrder`, token, body);
    assert.equal(a.status, 201, a.text);
    assert.equal(b.body.id, a.body.id);
  });

  it('when the same key comes with a different order, then 422 IDEMPOTENCY_KEY_REUSED and nothing more is placed', async () => {
    const customerId = ids.customerId(dana.accountNumber);
    const before = await tmf.runtime.stores.orders.count({});
    const first = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: 'dsl-legacy-10' }), { 'Idempotency-Key': 'reused-key' });
    assert.equal(first.status, 422, 'a refusal is remembered too');
    const same = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: 'dsl-legacy-10' }), { 'Idempotency-Key': 'reused-key' });
    assert.equal(same.status, 422);
    assert.equal(same.body.code, first.body.code);
    const other = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: 'mobile-20gb' }), { 'Idempotency-Key': 'reused-key' });
    assert.equal(other.status, 422);
    assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await tmf.runtime.stores.orders.count({}), before);
  });

  it('when neither an Idempotency-Key nor an externalId is sent, then 400 and nothing is placed', async () => {
    const customerId = ids.customerId(dana.accountNumber);
    const before = await tmf.runtime.stores.orders.count({});
    const res = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: 'mobile-unlimited' }));
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'IDEMPOTENCY_KEY_REQUIRED');
    assert.equal(await tmf.runtime.stores.orders.count({}), before);
  });

  it('when the body is not a valid ProductOrder_FVO (no items), or has two items, then 400 naming the problem, nothing placed', async () => {
    const customerId = ids.customerId(dana.accountNumber);
    const before = await tmf.runtime.stores.orders.count({});
    const noItems = await tmf.call('post', `${PO}/productOrder`, token, { '@type': 'ProductOrder', relatedParty: [] }, { 'Idempotency-Key': 'bad-1' });
    assert.equal(noItems.status, 400);
    assert.match(noItems.body.message, /productOrderItem/);
    const body = orderBody(customerId, { action: 'add', offering: 'mobile-unlimited' });
    body.productOrderItem.push({ ...body.productOrderItem[0]!, id: '2' });
    const two = await tmf.call('post', `${PO}/productOrder`, token, body, { 'Idempotency-Key': 'bad-2' });
    assert.equal(two.status, 400);
    assert.match(two.body.message, /one item per order/);
    assert.equal(await tmf.runtime.stores.orders.count({}), before);
  });

  it('when the partner orders what the catalog does not sell, then the domain\'s own rule refuses it (422 PRODUCT_NOT_SELLABLE)', async () => {
    const customerId = ids.customerId(dana.accountNumber);
    const res = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: 'dsl-legacy-10' }), { 'Idempotency-Key': 'legacy-1' });
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'PRODUCT_NOT_SELLABLE');
  });

  it('when the partner modifies a service to another offering, then a modify order (change-product) is placed, with the quote the domain gives', async () => {
    const tom = demoPerson('reset');
    const actor = await tmf.runtime.care.verification.verifyPin({ accountNumber: tom.accountNumber, pin: tom.pin }, { channel: 'api', source: 'test' });
    const service = (await tmf.runtime.care.customers.services(actor)).find((s) => s.product.family === 'broadband')!;
    const upgrade = (await tmf.runtime.care.orders.allowedModifications(actor, service.id)).find((m) => m.category === 'upgrade' && m.modification.kind === 'change-product')!;
    assert.ok(upgrade);
    const to = (upgrade.modification as { toProductId: string }).toProductId;
    const res = await tmf.call('post', `${PO}/productOrder`, token, orderBody(actor.customerId!, { action: 'modify', productId: service.id, offering: to }), { 'Idempotency-Key': 'tom-upgrade' });
    assert.equal(res.status, 201, res.text);
    const order = (await tmf.runtime.stores.orders.get(res.body.id as string))!;
    assert.equal(order.type, 'modify');
    assert.deepEqual(order.items[0], { action: 'change-product', serviceId: service.id, fromProductId: service.productId, toProductId: to });
    assert.equal(res.body.productOrderItem[0].action, 'modify');
  });

  it('when the partner deletes a service with a reason, then a discontinuation is placed; without a reason, 400 and nothing', async () => {
    const grace = demoPerson('technician');
    const actor = await tmf.runtime.care.verification.verifyPin({ accountNumber: grace.accountNumber, pin: grace.pin }, { channel: 'api', source: 'test' });
    const service = (await tmf.runtime.care.orders.cancellableServices(actor)).find((s) => s.productId.startsWith('mobile'))!;
    assert.ok(service);
    const missing = await tmf.call('post', `${PO}/productOrder`, token, orderBody(actor.customerId!, { action: 'delete', productId: service.id }), { 'Idempotency-Key': 'grace-delete-0' });
    assert.equal(missing.status, 400);
    assert.match(missing.body.message, /reasonCode/);
    const res = await tmf.call('post', `${PO}/productOrder`, token, orderBody(actor.customerId!, { action: 'delete', productId: service.id, characteristics: { reasonCode: 'price' } }), { 'Idempotency-Key': 'grace-delete-1' });
    assert.equal(res.status, 201, res.text);
    const order = (await tmf.runtime.stores.orders.get(res.body.id as string))!;
    assert.equal(order.type, 'disconnect');
    assert.equal(order.reasonCode, 'price');
    assert.equal(res.body.productOrderItem[0].action, 'delete');
  });

  it('when an order is accepted and provisioning finishes, then the partner sees acknowledged → inProgress → completed from the order\'s own lifecycle', async () => {
    const customerId = ids.customerId(dana.accountNumber);
    const placed = (await tmf.runtime.stores.orders.find({ customerId, type: 'new' }))[0] as Order;
    assert.ok(placed, 'the first test placed an order');
    assert.ok(['inProgress', 'completed'].includes(placed.status));
    await tmf.runtime.outbox.drainOnce();
    const res = await tmf.call('get', `${PO}/productOrder/${placed.id}`, token);
    assert.equal(res.status, 200);
    const stored = (await tmf.runtime.stores.orders.get(placed.id))!;
    assert.equal(stored.status, 'completed');
    assert.equal(res.body.state, 'completed');
    assert.equal(res.body.completionDate, stored.completedAt);
    assert.deepEqual(stored.statusHistory.map((h) => h.status), ['acknowledged', 'inProgress', 'completed']);
    // Provisioning had it: too late to cancel, and nothing changes.
    const cancel = await tmf.call('post', `${PO}/cancelProductOrder`, token, { '@type': 'CancelProductOrder', productOrder: { '@type': 'ProductOrderRef', id: placed.id } });
    assert.equal(cancel.status, 409);
    assert.equal(cancel.body.code, 'CONFLICT');
    assert.equal((await tmf.runtime.stores.orders.get(placed.id))!.status, 'completed');
  });

  it('when the partner lists orders with fields, offset and limit, then it gets pages of its customers\' orders with X-Total-Count and X-Result-Count', async () => {
    const all = await tmf.call('get', `${PO}/productOrder?limit=100`, token);
    assert.equal(all.status, 200);
    const total = Number(all.headers['x-total-count']);
    assert.ok(total >= 4);
    const mine = new Set((await tmf.runtime.stores.customers.find({ accountNumber: { $in: ['31000101', '31000103', '31000104', '31000105'] } })).map((c) => c.id));
    const expected = (await tmf.runtime.stores.orders.find({})).filter((o) => mine.has(o.customerId)).length;
    assert.equal(total, expected);
    const page = await tmf.call('get', `${PO}/productOrder?offset=1&limit=2&fields=state`, token);
    assert.equal(page.headers['x-result-count'], '2');
    assert.equal(page.headers['x-total-count'], String(total));
    assert.deepEqual(page.body.map((o: { id: string }) => o.id), all.body.slice(1, 3).map((o: { id: string }) => o.id));
    for (const o of page.body as Record<string, unknown>[]) assert.deepEqual(Object.keys(o).sort(), ['@type', 'href', 'id', 'state']);
    const bad = await tmf.call('get', `${PO}/productOrder?limit=0`, token);
    assert.equal(bad.status, 400);
    const completed = await tmf.call('get', `${PO}/productOrder?state=completed`, token);
    assert.ok((completed.body as { state: string }[]).every((o) => o.state === 'completed'));
  });
});

describe('TMF622 cancelProductOrder', () => {
  let tmf: Tmf;
  let ids: DemoIds;
  let token: string;
  before(async () => {
    // Provisioning refuses every order: they stay acknowledged (queued), so they can be cancelled.
    const down = alwaysFailing(createReferenceBackends({ catalog: () => ({}) as never, clock: { now: () => new Date() }, reports: { orderProgress: async () => undefined }, network: DEMO_NETWORK }).provisioning, ['submitOrder']);
    tmf = await startTmf({ overrides: { backends: { provisioning: down } } });
    ids = await demoIds(tmf.runtime.stores);
    token = await tmf.token();
  });
  after(() => tmf.close());

  it('when the partner cancels an order provisioning has not taken, then it is cancelled (its pending service too) and the cancellation is visible', async () => {
    const customerId = ids.customerId('31000101');
    const placed = await tmf.call('post', `${PO}/productOrder`, token, orderBody(customerId, { action: 'add', offering: 'mobile-unlimited' }), { 'Idempotency-Key': 'to-cancel' });
    assert.equal(placed.status, 201, placed.text);
    assert.equal(placed.body.state, 'acknowledged');
    const res = await tmf.call('post', `${PO}/cancelProductOrder`, token, { '@type': 'CancelProductOrder', productOrder: { '@type': 'ProductOrderRef', id: placed.body.id }, cancellationReason: 'customer changed their mind' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.state, 'done');
    const order = (await tmf.runtime.stores.orders.get(placed.body.id as string))!;
    assert.equal(order.status, 'cancelled');
    assert.equal(order.submission.state, 'dead');
    const serviceId = (order.items[0] as { serviceId: string }).serviceId;
    const customer = (await tmf.runtime.stores.customers.get(customerId))!;
    assert.equal(customer.services.find((s) => s.id === serviceId)?.status, 'disconnected');
    const view = await tmf.call('get', `${PO}/productOrder/${order.id}`, token);
    assert.equal(view.body.state, 'cancelled');
    assert.equal(view.body.cancellationReason, 'customer changed their mind');
    const again = await tmf.call('get', `${PO}/cancelProductOrder/${res.body.id}`, token);
    assert.equal(again.status, 200);
    // The outbox never sends it now.
    await tmf.runtime.outbox.drainOnce();
    assert.equal((await tmf.runtime.stores.orders.get(order.id))!.status, 'cancelled');
  });

  it('when the order is another partner\'s customer\'s, then 404 and it stays as it was', async () => {
    const other = await tmf.runtime.stores.orders.insert({ ...(await tmf.runtime.stores.orders.find({}))[0]!, id: 'ord-other', customerId: ids.customerId('31000102'), idempotencyKey: 'other-key' });
    const res = await tmf.call('post', `${PO}/cancelProductOrder`, token, { '@type': 'CancelProductOrder', productOrder: { '@type': 'ProductOrderRef', id: other.id } });
    assert.equal(res.status, 404);
    assert.equal((await tmf.runtime.stores.orders.get(other.id))!.status, other.status);
  });
});
