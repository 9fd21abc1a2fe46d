import assert from 'node:assert/strict';
import type { CareFixture } from '../../../support/care-fixture';
import { closeCare, errorOf, orderCare, verifiedAs } from '../orders/order-helpers';
import { demoIds } from '../../../support/demo-ids';

describe('interaction ownership', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await orderCare();
  });
  afterEach(async () => closeCare(f));

  let BILL: string;
  let INTL_CALLS: string;
  beforeEach(async () => {
    const ids = await demoIds(f.stores);
    BILL = ids.billId('31000101', '2026-11');
    INTL_CALLS = ids.itemId('31000101', '2026-11', 12);
  });

  it("when a request names another customer's interaction, then it is NOT_FOUND and nothing is placed or linked; with their own, it is accepted", async () => {
    const dana = await verifiedAs(f, 'bundle');
    const grace = await verifiedAs(f, 'technician');
    const danas = await f.care.interactions.start(dana, { channel: 'portal' });
    const graces = await f.care.interactions.start(grace, { channel: 'portal' });
    const anonymous = await f.care.interactions.start({ kind: 'customer', channel: 'chat', verification: 'none' }, { channel: 'chat' });
    const line = { productId: 'mobile-5gb', config: { sim: 'esim' } };
    const grace0 = (await f.stores.customers.get(grace.customerId as string))!;
    const phone = grace0.services.find((s) => s.productId === 'home-phone')!;

    for (const foreign of [danas.id, anonymous.id, 'int-nope']) {
      assert.equal((await errorOf(f.care.orders.submitNew(grace, line, { idempotencyKey: `n-${foreign}`, interactionId: foreign }))).code, 'NOT_FOUND');
      assert.equal((await errorOf(f.care.repair.troubleshoot(grace, { serviceId: phone.id, symptom: 'no-dial-tone' }, { idempotencyKey: `r-${foreign}`, interactionId: foreign }))).code, 'NOT_FOUND');
    }
    const adj = await errorOf(f.care.billing.requestAdjustment(dana, { billId: BILL, itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 100 }, { idempotencyKey: 'a', interactionId: graces.id }));
    assert.deepEqual([adj.code, adj.details.field], ['NOT_FOUND', 'interactionId']);
    const ext = await errorOf(f.care.billing.requestExtension(dana, { billId: BILL, toDate: '2026-12-20' }, { idempotencyKey: 'e', interactionId: graces.id }));
    assert.deepEqual([ext.code, ext.details.field], ['NOT_FOUND', 'interactionId']);
    assert.equal(await f.stores.orders.count({}), 0);
    assert.equal(await f.stores.tickets.count({}), 0);
    assert.equal(await f.stores.adjustments.count({}), 0);
    assert.equal(await f.stores.extensions.count({}), 0);

    const own = await f.care.orders.submitNew(grace, line, { idempotencyKey: 'own', interactionId: graces.id });
    assert.equal(own.interactionId, graces.id);
  });
});
