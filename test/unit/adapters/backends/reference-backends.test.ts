import assert from 'node:assert/strict';
import path from 'node:path';
import type { Order } from '../../../../src/domain/orders/order';
import type { RepairTicket } from '../../../../src/domain/repair/ticket';
import type { BillAdjustment } from '../../../../src/domain/billing/billing';
import { loadCatalogFile } from '../../../../src/adapters/files/catalog-file';
import { createReferenceBackends, failingFirst, serviceabilityOf, type NetworkData } from '../../../../src/adapters/backends';
import { slotAppointment } from '../../../../src/adapters/backends/reference-workforce';

const catalog = loadCatalogFile(path.resolve(__dirname, '../../../../catalog/catalog.json'));
const NOW = '2026-11-20T15:00:00.000Z'; // a Friday

const network: NetworkData = {
  outages: [{ id: 'OUT-1', area: 'West', families: ['broadband'], startedAt: '2026-11-20T13:00:00Z', eta: '2026-11-20T19:00:00Z', description: 'cut', postalCodes: ['62704'] }],
  faults: { 'LN-RESET': 'no-sync', 'LN-CUT': 'fail' },
  resettable: ['LN-RESET'],
};

function make(completeAfterMs = Number.POSITIVE_INFINITY, now: () => number = () => Date.parse(NOW)) {
  const reports: { orderId: string; status: string }[] = [];
  const backends = createReferenceBackends({
    catalog: () => catalog,
    clock: { now: () => new Date(now()) },
    reports: { orderProgress: async (orderId, status) => void reports.push({ orderId, status }) },
    network,
    completeAfterMs,
  });
  return { backends, reports };
}

const order = (id: string, items: Order['items']): Order => ({ id, items }) as Order;

describe('reference back-ends', () => {
  it('when an order has only instant items, then provisioning completes it at once; the same key is the same order', async () => {
    const { backends } = make();
    const mobile = order('ord-1', [{ action: 'add', productId: 'mobile-20gb', config: {}, addons: ['intl-roaming'], serviceId: 'svc-1' }]);
    const first = await backends.provisioning.submitOrder(mobile, 'k1');
    const again = await backends.provisioning.submitOrder(mobile, 'k1');
    assert.equal(first.completedNow, true);
    assert.deepEqual(again, first);
    assert.equal(backends.provisioning.acceptedCount(), 1);
    assert.deepEqual(backends.provisioning.pendingOrderIds(), []);
  });

  it('when an order needs field work, then it is accepted in progress and reported completed later', async () => {
    const { backends, reports } = make();
    const fiber = order('ord-2', [{ action: 'add', productId: 'fiber-500', config: {}, addons: [], serviceId: 'svc-2' }]);
    const result = await backends.provisioning.submitOrder(fiber, 'k2');
    assert.equal(result.completedNow, false);
    assert.deepEqual(backends.provisioning.pendingOrderIds(), ['ord-2']);
    assert.equal(reports.length, 0);
    assert.equal(await backends.provisioning.completePending(), 1);
    assert.deepEqual(reports, [{ orderId: 'ord-2', status: 'completed' }]);
  });

  it('when the completion delay passes, then provisioning answers the order completed, from its acceptance time alone (a restart loses nothing)', async () => {
    let t = Date.parse(NOW);
    const { backends, reports } = make(5_000, () => t);
    const accepted = await backends.provisioning.submitOrder(order('ord-3', [{ action: 'disconnect', serviceId: 's', productId: 'home-security' }]), 'k3');
    assert.equal(accepted.expectedCompletionAt, new Date(t + 5_000).toISOString());
    const stored = { ...order('ord-3', []), createdAt: NOW, submission: { deliveredAt: NOW } } as Order;
    assert.deepEqual(await backends.provisioning.orderStatus(stored, 'k3'), { status: 'inProgress' });
    t += 5_000;
    // A fresh instance (as after a restart) knows nothing of the order and still answers from it.
    const restarted = make(5_000, () => t).backends;
    assert.equal((await restarted.provisioning.orderStatus(stored, 'k3')).status, 'completed');
    assert.equal((await backends.provisioning.orderStatus(stored, 'k3')).status, 'completed');
    assert.deepEqual(reports, [], 'no timer reports behind the store\'s back');
  });

  it('when serviceability is asked, then the footprint is deterministic by postal code', async () => {
    assert.deepEqual((await make().backends.provisioning.serviceability({ postalCode: '62701' } as never)).technologies, ['fiber', 'copper']);
    assert.deepEqual(serviceabilityOf({ postalCode: '62708' }).technologies, ['copper']);
    assert.equal(serviceabilityOf({ postalCode: '90210' }).serviceable, false);
    assert.deepEqual(serviceabilityOf({ postalCode: '90210' }, { '90210': ['fiber'] }).technologies, ['fiber']);
  });

  it('when a resettable line is reset, then its re-test passes; a cut line stays failed', async () => {
    const { backends } = make();
    assert.equal((await backends.network.lineTest('LN-RESET')).result, 'no-sync');
    await backends.provisioning.remoteReset('LN-RESET');
    await backends.provisioning.remoteReset('LN-CUT');
    assert.equal((await backends.network.lineTest('LN-RESET')).result, 'pass');
    assert.equal((await backends.network.lineTest('LN-CUT')).result, 'fail');
    assert.equal((await backends.network.lineTest('LN-OTHER')).result, 'pass');
  });

  it('when an address is in an outage area, then the outage is returned for its families only, without the postal codes', async () => {
    const { backends } = make();
    const address = { line1: '1 Elm', city: 'Riverton', region: 'IL', postalCode: '62704', country: 'US' };
    const outage = await backends.network.outageAt(address, 'broadband');
    assert.equal(outage?.id, 'OUT-1');
    assert.equal('postalCodes' in (outage ?? {}), false);
    assert.equal(await backends.network.outageAt(address, 'tv'), null);
    assert.equal(await backends.network.outageAt({ ...address, postalCode: '62701' }, 'broadband'), null);
  });

  it('when billing gets the same key twice, then one effect and the same reference', async () => {
    const { backends } = make();
    const adj = { id: 'adj-1' } as BillAdjustment;
    const a = await backends.billing.applyAdjustment(adj, 'key-1');
    const b = await backends.billing.applyAdjustment(adj, 'key-1');
    assert.deepEqual(a, b);
    assert.equal(backends.billing.effects.length, 1);
  });

  it('when slots are asked on a Friday, then the next weekdays get a morning and an afternoon window in local time', async () => {
    const { backends } = make();
    const slots = await backends.workforce.freeSlots('62705', NOW, 7);
    assert.deepEqual(slots.map((s) => s.slotId).slice(0, 3), ['slot-2026-11-23-am', 'slot-2026-11-23-pm', 'slot-2026-11-24-am']);
    assert.equal(slots.length, 10);
    assert.deepEqual(slotAppointment('slot-2026-11-23-am', 'America/Chicago'), { slotId: 'slot-2026-11-23-am', start: '2026-11-23T14:00:00.000Z', end: '2026-11-23T18:00:00.000Z' });
    assert.equal(slots[0]?.start, '2026-11-23T14:00:00.000Z');
  });

  it('when a ticket is booked twice, then it keeps its first appointment; an unknown slot is refused', async () => {
    const { backends } = make();
    const ticket = { id: 'tkt-1' } as RepairTicket;
    const first = await backends.workforce.book(ticket, 'slot-2026-11-23-am');
    const second = await backends.workforce.book(ticket, 'slot-2026-11-24-pm');
    assert.deepEqual(second, first);
    await assert.rejects(backends.workforce.book({ id: 'tkt-2' } as RepairTicket, 'tomorrow'), /unknown slot/);
  });

  it('when a code is sent, then delivery is recorded without the code and the test hook reads it', async () => {
    const { backends } = make();
    await backends.notifier.sendOneTimeCode({ phone: '+12175550142' }, '493027');
    assert.equal(backends.notifier.lastCodeFor('+12175550142'), '493027');
    assert.equal(JSON.stringify(backends.notifier.sent).includes('493027'), false);
    assert.equal(backends.notifier.sent[0]?.channel, 'sms');
  });

  it('when a back-end is wrapped to fail first, then the first calls throw and later ones reach it', async () => {
    const billing = failingFirst(2, make().backends.billing, ['applyAdjustment']);
    const adj = { id: 'adj-9' } as BillAdjustment;
    await assert.rejects(billing.applyAdjustment(adj, 'k'), /injected failure in applyAdjustment/);
    await assert.rejects(billing.applyAdjustment(adj, 'k'), /injected failure/);
    assert.match((await billing.applyAdjustment(adj, 'k')).externalRef, /^BADJ-/);
    assert.deepEqual({ calls: billing.faults.calls, failures: billing.faults.failures }, { calls: 3, failures: 2 });
  });
});
