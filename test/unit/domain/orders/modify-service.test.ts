import assert from 'node:assert/strict';
import type { CareFixture } from '../../../support/care-fixture';
import { demoIds } from '../../../support/demo-ids';
import { closeCare, codeOf, identifiedAs, orderCare, serviceOf, verifiedAs } from './order-helpers';

let DANA_FIBER = '';
let DANA_PHONE = '';
let MARCUS_DSL = '';
let PRIYA_FIBER = '';

describe('orders: modification', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await orderCare();
    const ids = await demoIds(f.stores);
    DANA_FIBER = ids.serviceId('31000101', 1);
    DANA_PHONE = ids.serviceId('31000101', 3);
    MARCUS_DSL = ids.serviceId('31000102', 1);
    PRIYA_FIBER = ids.serviceId('31000103', 1);
  });
  afterEach(() => closeCare(f));

  it('when a verified customer asks what can change on a service, then only the catalog transitions and options are offered', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const allowed = await f.care.orders.allowedModifications(dana, DANA_FIBER);
    assert.deepEqual(
      allowed.filter((a) => a.modification.kind === 'change-product').map((a) => [a.id, a.category]),
      [['change-product:fiber-1000', 'upgrade'], ['change-product:fiber-300', 'downgrade']],
    );
    assert.ok(allowed.some((a) => a.id === 'add-addon:static-ip'));
    assert.ok(allowed.some((a) => a.id === 'remove-addon:mesh-wifi'));
    assert.deepEqual((await f.care.orders.modifiableServices(dana)).map((s) => s.id), [DANA_FIBER, (await demoIds(f.stores)).serviceId('31000101', 2), DANA_PHONE]);
  });

  it('when an upgrade is quoted, then the quote shows the monthly change, the rest of the month and the new contract', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const quote = await f.care.orders.quoteModification(dana, DANA_FIBER, { kind: 'change-product', toProductId: 'fiber-1000' });
    assert.ok(quote.monthlyDelta.amountMinor > 0);
    assert.ok(quote.lines.some((l) => l.kind === 'pro-rated'));
    assert.ok(quote.notes.some((n) => /24-month contract/.test(n)));
  });

  it('when a downgrade is quoted under contract, then the early-termination fee is a line and a note', async () => {
    const priya = await verifiedAs(f, 'outage');
    const quote = await f.care.orders.quoteModification(priya, PRIYA_FIBER, { kind: 'change-product', toProductId: 'fiber-500' });
    assert.deepEqual(quote.lines.find((l) => l.kind === 'early-termination')?.amount, { amountMinor: 20000, currency: 'USD' });
    assert.ok(quote.notes.some((n) => /early termination fee of \$200\.00/.test(n)));
  });

  it('when an upgrade is submitted and provisioning completes it, then the service has the new product and a new contract, applied once', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const order = await f.care.orders.submitModification(dana, DANA_FIBER, { kind: 'change-product', toProductId: 'fiber-1000' }, { idempotencyKey: 'up' });
    assert.equal(order.type, 'modify');
    assert.deepEqual(order.items, [{ action: 'change-product', serviceId: DANA_FIBER, fromProductId: 'fiber-500', toProductId: 'fiber-1000' }]);
    assert.equal((await serviceOf(f, dana.customerId!, DANA_FIBER))?.productId, 'fiber-500');
    await f.backends.provisioning.completePending();
    const service = await serviceOf(f, dana.customerId!, DANA_FIBER);
    assert.equal(service?.productId, 'fiber-1000');
    assert.equal(service?.contractEnd, '2028-11-20');
    assert.deepEqual(service?.addons, ['mesh-wifi']);

    const versionBefore = (await f.stores.customers.get(dana.customerId!))!.version;
    const replayed = await f.care.reportOrderProgress(order.id, 'completed');
    assert.equal(replayed.statusHistory.filter((h) => h.status === 'completed').length, 1);
    assert.equal((await f.stores.customers.get(dana.customerId!))!.version, versionBefore);
  });

  it('when a feature change is submitted, then it takes effect at once (no truck roll)', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const order = await f.care.orders.submitModification(dana, DANA_PHONE, { kind: 'feature-on', featureId: 'call-waiting' }, { idempotencyKey: 'cw' });
    assert.equal(order.status, 'completed');
    assert.deepEqual((await serviceOf(f, dana.customerId!, DANA_PHONE))?.features, ['voicemail', 'caller-id', 'call-waiting']);
  });

  it('when the same modification is submitted again with its key, then there is one order', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const m = { kind: 'add-addon' as const, addonId: 'static-ip' };
    const first = await f.care.orders.submitModification(dana, DANA_FIBER, m, { idempotencyKey: 'ip' });
    const again = await f.care.orders.submitModification(dana, DANA_FIBER, m, { idempotencyKey: 'ip' });
    assert.equal(again.id, first.id);
    assert.equal(await f.stores.orders.count({ customerId: dana.customerId! }), 1);
  });

  it('when the change is not one the catalog allows for the service, then it is refused and nothing is ordered', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const refused = [
      { kind: 'change-product' as const, toProductId: 'mobile-5gb' },
      { kind: 'change-product' as const, toProductId: 'dsl-legacy-10' },
      { kind: 'feature-on' as const, featureId: 'hotspot' },
      { kind: 'add-addon' as const, addonId: 'sports-pack' },
      { kind: 'change-config' as const, key: 'router', value: 'golden' },
    ];
    for (const m of refused) {
      assert.equal(await codeOf(f.care.orders.submitModification(dana, DANA_FIBER, m, { idempotencyKey: JSON.stringify(m) })), 'MODIFICATION_NOT_ALLOWED', JSON.stringify(m));
    }
    assert.equal(await f.stores.orders.count({ customerId: dana.customerId! }), 0);
  });

  it('when the service is suspended, then it is not modifiable', async () => {
    const marcus = await verifiedAs(f, 'suspended');
    assert.equal(await codeOf(f.care.orders.allowedModifications(marcus, MARCUS_DSL)), 'SERVICE_NOT_MODIFIABLE');
    assert.equal(await codeOf(f.care.orders.submitModification(marcus, MARCUS_DSL, { kind: 'change-product', toProductId: 'fiber-300' }, { idempotencyKey: 'k' })), 'SERVICE_NOT_MODIFIABLE');
    assert.deepEqual(await f.care.orders.modifiableServices(marcus), []);
  });

  it('when an order for the service is still in progress, then another change waits', async () => {
    const dana = await verifiedAs(f, 'bundle');
    await f.care.orders.submitModification(dana, DANA_FIBER, { kind: 'change-product', toProductId: 'fiber-1000' }, { idempotencyKey: 'a' });
    assert.equal(await codeOf(f.care.orders.quoteModification(dana, DANA_FIBER, { kind: 'add-addon', addonId: 'static-ip' })), 'SERVICE_NOT_MODIFIABLE');
    assert.ok(!(await f.care.orders.modifiableServices(dana)).some((s) => s.id === DANA_FIBER));
  });

  it('when the service is another customer\'s or the caller is not verified, then it is refused', async () => {
    const dana = await verifiedAs(f, 'bundle');
    assert.equal(await codeOf(f.care.orders.allowedModifications(dana, PRIYA_FIBER)), 'NOT_FOUND');
    const identified = await identifiedAs(f, 'bundle');
    assert.equal(await codeOf(f.care.orders.allowedModifications(identified, DANA_FIBER)), 'NOT_VERIFIED');
    assert.equal(await codeOf(f.care.orders.submitModification(identified, DANA_FIBER, { kind: 'add-addon', addonId: 'static-ip' }, { idempotencyKey: 'k' })), 'NOT_VERIFIED');
  });
});
