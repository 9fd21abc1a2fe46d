import assert from 'node:assert/strict';
import type { CareFixture } from '../../../support/care-fixture';
import { demoIds } from '../../../support/demo-ids';
import { closeCare, codeOf, errorOf, identifiedAs, orderCare, serviceOf, verifiedAs } from './order-helpers';

let DANA_FIBER = '';
let DANA_TV = '';
let PRIYA_FIBER = '';
let GRACE_SECURITY = '';

describe('orders: discontinuation', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await orderCare();
    const ids = await demoIds(f.stores);
    DANA_FIBER = ids.serviceId('31000101', 1);
    DANA_TV = ids.serviceId('31000101', 2);
    PRIYA_FIBER = ids.serviceId('31000103', 1);
    GRACE_SECURITY = ids.serviceId('31000105', 4);
  });
  afterEach(() => closeCare(f));

  it('when a customer asks what they may cancel, then active and suspended services of cancellable products are listed', async () => {
    const marcus = await verifiedAs(f, 'suspended');
    assert.deepEqual((await f.care.orders.cancellableServices(marcus)).map((s) => s.status), ['suspended', 'suspended']);
    const grace = await verifiedAs(f, 'technician');
    f.deps.catalog().products.find((p) => p.id === 'home-security')!.cancellable = false;
    assert.ok(!(await f.care.orders.cancellableServices(grace)).some((s) => s.id === GRACE_SECURITY));
  });

  it('when the product cannot be cancelled here or the service is already gone, then it is refused', async () => {
    const grace = await verifiedAs(f, 'technician');
    f.deps.catalog().products.find((p) => p.id === 'home-security')!.cancellable = false;
    const input = { serviceId: GRACE_SECURITY, reasonCode: 'moving' };
    assert.equal(await codeOf(f.care.orders.submitDiscontinuation(grace, input, { idempotencyKey: 'k' })), 'SERVICE_NOT_CANCELLABLE');
    const dana = await verifiedAs(f, 'bundle');
    await f.care.orders.submitDiscontinuation(dana, { serviceId: DANA_TV, reasonCode: 'moving' }, { idempotencyKey: 'tv' });
    await f.backends.provisioning.completePending();
    assert.equal(await codeOf(f.care.orders.quoteDiscontinuation(dana, DANA_TV)), 'SERVICE_NOT_CANCELLABLE');
  });

  it('when the reason is missing or not one of the catalog reasons, then it is refused and nothing is ordered', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const submit = (reasonCode: string) => f.care.orders.submitDiscontinuation(dana, { serviceId: DANA_FIBER, reasonCode }, { idempotencyKey: `r-${reasonCode}` });
    assert.equal(await codeOf(submit('')), 'REASON_REQUIRED');
    assert.equal(await codeOf(submit('   ')), 'REASON_REQUIRED');
    assert.equal(await codeOf(f.care.orders.submitDiscontinuation(dana, { serviceId: DANA_FIBER } as { serviceId: string; reasonCode: string }, { idempotencyKey: 'none' })), 'REASON_REQUIRED');
    assert.equal(await codeOf(submit('bored')), 'REASON_NOT_VALID');
    assert.equal(await codeOf(f.care.orders.retentionOffer(dana, DANA_FIBER, 'bored')), 'REASON_NOT_VALID');
    assert.equal(await f.stores.orders.count({ customerId: dana.customerId! }), 0);
  });

  it('when a marketing answer is not one the catalog asks, then it is refused', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const wrong = await errorOf(
      f.care.orders.submitDiscontinuation(dana, { serviceId: DANA_FIBER, reasonCode: 'price', marketing: [{ questionId: 'would-recommend', answerId: 'never' }] }, { idempotencyKey: 'm' }),
    );
    assert.deepEqual([wrong.code, wrong.details.field], ['VALIDATION_FAILED', 'marketing']);
  });

  it('when a service is discontinued with a reason and marketing answers, then both are kept, the order completes, the service ends', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const marketing = [{ questionId: 'moving-to-provider', answerId: 'not-switching' }, { questionId: 'would-recommend', answerId: 'yes' }];
    const { id: iid } = await f.care.interactions.start(dana, { channel: 'portal' });
    const order = await f.care.orders.submitDiscontinuation(dana, { serviceId: DANA_TV, reasonCode: 'moving', marketing }, { idempotencyKey: 'bye', interactionId: iid });
    assert.equal(order.type, 'disconnect');
    assert.equal(order.reasonCode, 'moving');
    assert.deepEqual(order.marketing, marketing);
    const again = await f.care.orders.submitDiscontinuation(dana, { serviceId: DANA_TV, reasonCode: 'moving', marketing }, { idempotencyKey: 'bye', interactionId: iid });
    assert.equal(again.id, order.id);
    const customer = (await f.stores.customers.get(dana.customerId!))!;
    assert.deepEqual(customer.marketing.map((m) => [m.questionId, m.answerId, m.interactionId, m.orderId]), [
      ['moving-to-provider', 'not-switching', iid, order.id],
      ['would-recommend', 'yes', iid, order.id],
    ]);
    await f.backends.provisioning.completePending();
    const tv = await serviceOf(f, dana.customerId!, DANA_TV);
    assert.equal(tv?.status, 'disconnected');
    assert.equal(tv?.disconnectedAt, '2026-11-20T15:00:00.000Z');
    assert.equal(await f.stores.orders.count({ customerId: dana.customerId! }), 1);
  });

  it('when the final charges are quoted under contract, then the fee and the days used this month are in the quote', async () => {
    const priya = await verifiedAs(f, 'outage');
    const quote = await f.care.orders.quoteDiscontinuation(priya, PRIYA_FIBER);
    assert.deepEqual(quote.lines.find((l) => l.kind === 'early-termination')?.amount.amountMinor, 20000);
    assert.ok(quote.lines.some((l) => l.kind === 'final-charge' && /20 of 30 days/.test(l.label)));
    assert.equal(quote.monthlyTotal.amountMinor, 0);
    assert.ok(quote.monthlyDelta.amountMinor < 0);
    assert.ok(quote.notes.some((n) => /TV Basic|needs/.test(n)), quote.notes.join('\n'));
  });

  it('when the rules have a retention offer for the reason, then it is returned with its product change and credit', async () => {
    const priya = await verifiedAs(f, 'outage');
    assert.deepEqual(await f.care.orders.retentionOffer(priya, PRIYA_FIBER, 'switching-provider'), {
      offerId: 'loyal-fiber-1000-to-500',
      label: 'Stay with us on Fiber 500 for $20 a month less, plus $5 off for 3 months',
      modification: { kind: 'change-product', toProductId: 'fiber-500' },
      monthlyCredit: { amountMinor: 500, currency: 'USD' },
      months: 3,
    });
    const dana = await verifiedAs(f, 'bundle');
    assert.equal((await f.care.orders.retentionOffer(dana, DANA_FIBER, 'price'))?.offerId, 'price-broadband-credit');
    assert.equal(await f.care.orders.retentionOffer(dana, DANA_FIBER, 'moving'), null);
  });

  it('when the offered product change is not one the customer could make now, then the next offer that fits is made', async () => {
    const dana = await verifiedAs(f, 'bundle');
    assert.equal((await f.care.orders.retentionOffer(dana, DANA_TV, 'switching-provider'))?.offerId, 'loyal-tv-to-basic');
    f.deps.catalog().products.find((p) => p.id === 'tv-basic')!.sellable = false;
    const offer = await f.care.orders.retentionOffer(dana, DANA_TV, 'switching-provider');
    assert.equal(offer?.offerId, 'loyalty-credit-15');
    assert.equal(offer?.modification, undefined);
  });

  it('when the caller is only identified, then discontinuation needs verification', async () => {
    const dana = await identifiedAs(f, 'bundle');
    assert.equal(await codeOf(f.care.orders.cancellableServices(dana)), 'NOT_VERIFIED');
    assert.equal(await codeOf(f.care.orders.submitDiscontinuation(dana, { serviceId: DANA_FIBER, reasonCode: 'moving' }, { idempotencyKey: 'k' })), 'NOT_VERIFIED');
  });

  it('when the catalog lists reasons and questions, then they are offered as choices', () => {
    assert.ok(f.care.orders.discontinuationReasons().some((r) => r.id === 'switching-provider'));
    assert.deepEqual(f.care.orders.marketingQuestions().map((q) => q.id), ['moving-to-provider', 'would-recommend']);
  });

  describe('requested end date', () => {
    it('when the catalog allows a later day, then today up to the end of the next billing cycle are the days, and a day in that range is carried on the order', async () => {
      const dana = await verifiedAs(f, 'bundle');
      assert.deepEqual(await f.care.orders.discontinuationDates(dana, DANA_TV), {
        today: '2026-11-20',
        latest: '2026-12-31',
        offered: ['2026-11-20', '2026-11-27', '2026-11-30', '2026-12-04', '2026-12-31'],
      });
      const order = await f.care.orders.submitDiscontinuation(dana, { serviceId: DANA_TV, reasonCode: 'moving', requestedDate: '2026-12-15' }, { idempotencyKey: 'later' });
      assert.equal((await f.stores.orders.get(order.id))?.requestedDate, '2026-12-15');
      assert.ok(f.backends.provisioning.pendingOrderIds().includes(order.id), 'provisioning holds it for that day');
    });

    it('when the day is today or none is given, then it ends at once and the order carries no later day', async () => {
      const dana = await verifiedAs(f, 'bundle');
      const order = await f.care.orders.submitDiscontinuation(dana, { serviceId: DANA_TV, reasonCode: 'moving', requestedDate: '2026-11-20' }, { idempotencyKey: 'now' });
      assert.equal((await f.stores.orders.get(order.id))?.requestedDate, undefined);
    });

    it('when the day is in the past, after the next cycle, malformed, or the family ends only at once, then VALIDATION_FAILED and no order', async () => {
      const dana = await verifiedAs(f, 'bundle');
      for (const requestedDate of ['2026-11-19', '2027-01-01', '31/12/2026']) {
        const err = await errorOf(f.care.orders.submitDiscontinuation(dana, { serviceId: DANA_TV, reasonCode: 'moving', requestedDate }, { idempotencyKey: `bad-${requestedDate}` }));
        assert.deepEqual([err.code, err.details.field], ['VALIDATION_FAILED', 'requestedDate'], requestedDate);
      }
      const grace = await verifiedAs(f, 'technician');
      const mobile = (await f.stores.customers.get(grace.customerId!))!.services.find((x) => x.productId === 'mobile-unlimited')!;
      assert.equal(await f.care.orders.discontinuationDates(grace, mobile.id), null);
      const err = await errorOf(f.care.orders.submitDiscontinuation(grace, { serviceId: mobile.id, reasonCode: 'moving', requestedDate: '2026-12-01' }, { idempotencyKey: 'mob' }));
      assert.deepEqual([err.code, err.details.field], ['VALIDATION_FAILED', 'requestedDate']);
      assert.equal(await f.stores.orders.count({}), 0);
    });
  });
});
