import assert from 'node:assert/strict';
import type { CareFixture } from '../../../support/care-fixture';
import type { ProgressStatus } from '../../../../src/domain/orders/order-progress';
import { closeCare, codeOf, identifiedAs, newcomer, orderCare, serviceOf, verifiedAs } from './order-helpers';

describe('orders: progress and queries', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await orderCare();
  });
  afterEach(() => closeCare(f));

  async function pendingFiberOrder() {
    const ada = await newcomer(f);
    const order = await f.care.orders.submitNew(ada, { productId: 'fiber-300' }, { idempotencyKey: 'fiber' });
    const item = order.items[0]!;
    return { ada, order, serviceId: item.serviceId };
  }

  it('when progress goes forward, then each status is recorded once and going backwards is ignored', async () => {
    const { order } = await pendingFiberOrder();
    assert.equal(order.status, 'inProgress'); // provisioning accepted it
    const back = await f.care.reportOrderProgress(order.id, 'inProgress', 'late duplicate');
    assert.equal(back.statusHistory.length, order.statusHistory.length);
    f.clock.set('2026-11-21T10:00:00.000Z');
    const done = await f.care.reportOrderProgress(order.id, 'completed', 'installed');
    assert.equal(done.status, 'completed');
    assert.equal(done.completedAt, '2026-11-21T10:00:00.000Z');
    assert.deepEqual(done.statusHistory.at(-1), { status: 'completed', at: '2026-11-21T10:00:00.000Z', note: 'installed' });
    const late = await f.care.reportOrderProgress(order.id, 'failed', 'stale report');
    assert.equal(late.status, 'completed');
  });

  it('when a completion is reported twice, then the service is activated once', async () => {
    const { ada, order, serviceId } = await pendingFiberOrder();
    await f.care.reportOrderProgress(order.id, 'completed');
    const after = (await f.stores.customers.get(ada.customerId!))!;
    await f.care.reportOrderProgress(order.id, 'completed');
    const replayed = (await f.stores.customers.get(ada.customerId!))!;
    assert.equal(replayed.version, after.version);
    const service = await serviceOf(f, ada.customerId!, serviceId);
    assert.equal(service?.status, 'active');
    assert.deepEqual(service?.appliedOrderIds, [order.id]);
  });

  it('when a new-service order fails, then the pending service is marked disconnected with a note', async () => {
    const { ada, order, serviceId } = await pendingFiberOrder();
    const failed = await f.care.reportOrderProgress(order.id, 'failed', 'no port free at the cabinet');
    assert.equal(failed.status, 'failed');
    const service = await serviceOf(f, ada.customerId!, serviceId);
    assert.equal(service?.status, 'disconnected');
    assert.match(service?.statusNote ?? '', /no port free at the cabinet/);
  });

  it('when the order is unknown or the status is not a progress status, then it is refused', async () => {
    assert.equal(await codeOf(f.care.reportOrderProgress('ord-nope', 'completed')), 'NOT_FOUND');
    const { order } = await pendingFiberOrder();
    assert.equal(await codeOf(f.care.reportOrderProgress(order.id, 'cancelled' as ProgressStatus)), 'VALIDATION_FAILED');
  });

  it('when an identified customer lists orders, then their own come newest first; another customer\'s order is not found', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const first = await f.care.orders.submitNew(dana, { productId: 'mobile-5gb' }, { idempotencyKey: 'a' });
    f.clock.set('2026-11-20T15:05:00.000Z');
    const second = await f.care.orders.submitNew(dana, { productId: 'home-security' }, { idempotencyKey: 'b' });
    const identified = await identifiedAs(f, 'bundle');
    assert.deepEqual((await f.care.orders.orders(identified)).map((o) => o.id), [second.id, first.id]);
    assert.equal((await f.care.orders.order(identified, first.id)).id, first.id);
    const priya = await identifiedAs(f, 'outage');
    assert.equal(await codeOf(f.care.orders.order(priya, first.id)), 'NOT_FOUND');
    assert.deepEqual(await f.care.orders.orders(priya), []);
  });
});
