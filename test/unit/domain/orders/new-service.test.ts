import assert from 'node:assert/strict';
import type { CareFixture } from '../../../support/care-fixture';
import { closeCare, codeOf, errorOf, identifiedAs, newcomer, orderCare, serviceOf, verifiedAs } from './order-helpers';

describe('orders: new service', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await orderCare();
  });
  afterEach(() => closeCare(f));

  it('when an instant product is ordered, then the order comes back completed and the service is active now', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const order = await f.care.orders.submitNew(dana, { productId: 'mobile-unlimited' }, { idempotencyKey: 'k-mobile' });
    assert.equal(order.type, 'new');
    assert.equal(order.status, 'completed');
    assert.ok(order.quote.lines.some((l) => l.kind === 'promotion' && l.months === 12));
    const item = order.items[0]!;
    assert.equal(item.action, 'add');
    const service = await serviceOf(f, dana.customerId!, item.serviceId);
    assert.equal(service?.status, 'active');
    assert.equal(service?.activatedAt, '2026-11-20T15:00:00.000Z');
    assert.deepEqual(service?.promotions, [{ id: 'mobile-holiday-2026', until: '2027-11-20' }]);
  });

  it('when a new customer orders fiber, then the service is pending until provisioning completes it, under contract from then', async () => {
    const ada = await newcomer(f);
    const quote = await f.care.orders.quoteNew(ada, { productId: 'fiber-500', config: { router: 'own', installation: 'technician' } });
    assert.ok(quote.lines.some((l) => l.label.startsWith('Fall Fiber')), 'new customers get the fall promotion');
    const order = await f.care.orders.submitNew(ada, { productId: 'fiber-500', config: { router: 'own', installation: 'technician' } }, { idempotencyKey: 'k1' });
    assert.notEqual(order.status, 'completed');
    const item = order.items[0]!;
    assert.equal(item.action === 'add' && item.config.router, 'own');
    assert.equal((await serviceOf(f, ada.customerId!, item.serviceId))?.status, 'pending');

    f.clock.set('2026-11-23T09:00:00.000Z');
    await f.backends.provisioning.completePending();
    const done = await f.care.orders.order(ada, order.id);
    assert.equal(done.status, 'completed');
    const service = await serviceOf(f, ada.customerId!, item.serviceId);
    assert.equal(service?.status, 'active');
    assert.equal(service?.contractEnd, '2027-11-23');
  });

  it('when the same order is submitted again with its idempotency key, then the first order comes back and only one exists', async () => {
    const ada = await newcomer(f);
    const first = await f.care.orders.submitNew(ada, { productId: 'fiber-300' }, { idempotencyKey: 'same' });
    const again = await f.care.orders.submitNew(ada, { productId: 'fiber-300' }, { idempotencyKey: 'same' });
    assert.equal(again.id, first.id);
    assert.equal(await f.stores.orders.count({ customerId: ada.customerId! }), 1);
    assert.equal((await f.stores.customers.get(ada.customerId!))!.services.length, 1);
    assert.equal(f.backends.provisioning.acceptedCount(), 1);
  });

  it('when the customer is only identified, then quoting and ordering need verification', async () => {
    const dana = await identifiedAs(f, 'bundle');
    assert.equal(await codeOf(f.care.orders.quoteNew(dana, { productId: 'mobile-5gb' })), 'NOT_VERIFIED');
    assert.equal(await codeOf(f.care.orders.submitNew(dana, { productId: 'mobile-5gb' }, { idempotencyKey: 'k' })), 'NOT_VERIFIED');
    assert.equal(await f.stores.orders.count({ customerId: dana.customerId! }), 0);
  });

  it('when the product is unknown, retired or an add-on, then it is not sellable', async () => {
    const ada = await newcomer(f);
    for (const productId of ['nope', 'dsl-legacy-10', 'static-ip']) {
      assert.equal(await codeOf(f.care.orders.submitNew(ada, { productId }, { idempotencyKey: productId })), 'PRODUCT_NOT_SELLABLE', productId);
    }
  });

  it('when the product clashes with what the customer has or needs what they lack, then it is incompatible', async () => {
    const dana = await verifiedAs(f, 'bundle');
    assert.equal(await codeOf(f.care.orders.quoteNew(dana, { productId: 'fiber-300' })), 'PRODUCT_INCOMPATIBLE');
    const ada = await newcomer(f);
    assert.equal(await codeOf(f.care.orders.quoteNew(ada, { productId: 'tv-basic' })), 'PRODUCT_INCOMPATIBLE');
    assert.equal(await codeOf(f.care.orders.quoteNew(ada, { productId: 'fiber-300', addons: ['sports-pack'] })), 'PRODUCT_INCOMPATIBLE');
  });

  it('when the address has no fiber, then fiber is not serviceable there; at another address it is', async () => {
    const ada = await newcomer(f, '62718');
    assert.equal(await codeOf(f.care.orders.submitNew(ada, { productId: 'fiber-300' }, { idempotencyKey: 'k' })), 'NOT_SERVICEABLE');
    assert.equal(await f.stores.orders.count({ customerId: ada.customerId! }), 0);
    const elsewhere = { line1: '9 Oak Road', city: 'Riverton', region: 'IL', postalCode: '62701', country: 'US' };
    const quote = await f.care.orders.quoteNew(ada, { productId: 'fiber-300', serviceAddress: elsewhere });
    assert.ok(quote.monthlyTotal.amountMinor > 0);
    assert.deepEqual(await f.care.orders.serviceability(ada, elsewhere), { serviceable: true, technologies: ['fiber', 'copper'] });
  });

  it('when a configuration value is not offered or an option is unknown, then validation names the field', async () => {
    const ada = await newcomer(f);
    const bad = await errorOf(f.care.orders.quoteNew(ada, { productId: 'fiber-300', config: { router: 'golden' } }));
    assert.deepEqual([bad.code, bad.details.field], ['VALIDATION_FAILED', 'config.router']);
    const unknown = await errorOf(f.care.orders.quoteNew(ada, { productId: 'fiber-300', config: { colour: 'red' } }));
    assert.deepEqual([unknown.code, unknown.details.field], ['VALIDATION_FAILED', 'config.colour']);
  });

  it('when offers are listed, then an identified caller hears what they may buy, with a from-price, filtered by the address', async () => {
    const dana = await identifiedAs(f, 'bundle');
    const offers = await f.care.orders.offers(dana);
    assert.deepEqual(offers.map((o) => o.id), ['home-phone', 'mobile-5gb', 'mobile-20gb', 'mobile-unlimited', 'home-security']);
    assert.deepEqual(offers.find((o) => o.id === 'mobile-5gb')?.fromMonthly, { amountMinor: 2000, currency: 'USD' });
    const ada = await newcomer(f);
    const copperOnly = { line1: '1 Farm Lane', city: 'Riverton', region: 'IL', postalCode: '62719', country: 'US' };
    const there = (await f.care.orders.offers(ada, { serviceAddress: copperOnly })).map((o) => o.id);
    assert.ok(there.includes('dsl-25') && !there.includes('fiber-300'));
  });
});
