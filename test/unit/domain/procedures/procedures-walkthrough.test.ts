import assert from 'node:assert/strict';
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import type { Actor } from '../../../../src/domain/shared/actor';
import { actorOf, first, optionIds, optionLabelled, walk } from './walk';

/** Every procedure walked step by step for the demo customers, through care.procedures as a channel would. */
describe('guided procedures with the demo operator', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await makeCare();
  });
  afterEach(() => f.close());

  describe('bill-inquiry', () => {
    it('when Dana asks about her bill, then balance, due date and last payment are told at once (and that nothing is under way)', async () => {
      const dana = await actorOf(f, 'bundle');
      const { done } = await walk(f.care, dana, 'bill-inquiry', []);
      assert.equal(done.outcome, 'informed');
      assert.equal(done.prompt, 'bill-inquiry.done.informed');
      const summary = await f.care.billing.summary(dana);
      assert.deepEqual(done.facts, {
        balance: summary.balance,
        dueDate: summary.dueDate,
        overdue: false,
        lastPaymentAmount: summary.lastPayment?.amount ?? null,
        lastPaymentDate: summary.lastPayment?.receivedAt ?? null,
        openOrders: [],
        openRepairs: [],
        nextVisit: null,
      });
    });
  });

  describe('bill-adjustment', () => {
    it('when Dana disputes part of the international calls, then it is credited within her self-service limit', async () => {
      const dana = await actorOf(f, 'bundle');
      const { asked, done, interactionId } = await walk(f.care, dana, 'bill-adjustment', [
        ['bill', first],
        ['item', optionLabelled(/^International calls/)],
        ['reason', 'usage-dispute'],
        ['amount', '5.50'],
        ['confirm', true],
      ]);
      assert.deepEqual(asked.map((s) => s.prompt), ['bill-adjustment.bill', 'bill-adjustment.item', 'bill-adjustment.reason', 'bill-adjustment.amount', 'bill-adjustment.confirm']);
      assert.ok(optionIds(asked[2]!).every((r) => ['billing-error', 'usage-dispute'].includes(r)), 'only reasons valid for a usage item');
      assert.equal(asked[3]?.kind === 'input' && asked[3].input, 'amount');
      assert.deepEqual(asked[4]?.facts.amount, { amountMinor: 550, currency: 'USD' });
      assert.equal(asked[4]?.facts.needsApproval, false);
      assert.ok(['completed', 'submitted'].includes(done.outcome), done.outcome);
      const adjustmentId = done.refs.adjustmentId as string;
      const stored = await f.stores.adjustments.get(adjustmentId);
      assert.equal(stored?.amount.amountMinor, 550);
      assert.equal(stored?.interactionId, interactionId);
      const i = await f.care.interactions.get(interactionId);
      assert.deepEqual(i.links.adjustmentIds, [adjustmentId]);
      assert.equal(i.procedure?.status, 'done');
    });

    it('when the amount is skipped and above the limit, then the full amount waits for approval', async () => {
      const dana = await actorOf(f, 'bundle');
      const { asked, done } = await walk(f.care, dana, 'bill-adjustment', [
        ['bill', first],
        ['item', optionLabelled(/^Fiber 500/)],
        ['reason', 'service-outage'],
        ['amount', ''],
        ['confirm', true],
      ]);
      const max = asked[3]?.facts.maxAdjustable;
      assert.deepEqual(asked[4]?.facts.amount, max);
      assert.equal(asked[4]?.facts.needsApproval, true);
      assert.equal(done.outcome, 'pending-approval');
      assert.deepEqual(done.facts.amount, max);
    });

    it('when values were not offered, then they are refused and the step stays', async () => {
      const dana = await actorOf(f, 'bundle');
      const id = (await f.care.interactions.start(dana, { channel: 'chat' })).id;
      const bills = optionIds(await f.care.procedures.start(dana, id, 'bill-adjustment'));
      await assert.rejects(f.care.procedures.answer(dana, id, 'bill', 'bill-of-someone-else'), { code: 'VALIDATION_FAILED' });
      await assert.rejects(f.care.procedures.answer(dana, id, 'reason', 'goodwill'), { code: 'STEP_NOT_VALID' });
      await f.care.procedures.answer(dana, id, 'bill', bills[0]);
      const item = optionLabelled(/^International calls/)((await f.care.procedures.current(dana, id)) as never);
      await f.care.procedures.answer(dana, id, 'item', item);
      await assert.rejects(f.care.procedures.answer(dana, id, 'reason', 'late-fee-waiver'), { code: 'VALIDATION_FAILED' });
      await f.care.procedures.answer(dana, id, 'reason', 'usage-dispute');
      await assert.rejects(f.care.procedures.answer(dana, id, 'amount', '100000.00'), { code: 'AMOUNT_NOT_VALID' });
      await assert.rejects(f.care.procedures.answer(dana, id, 'amount', 'twelve'), { code: 'AMOUNT_NOT_VALID' });
      assert.equal((await f.care.procedures.current(dana, id)).kind === 'input', true);
    });

    it('when a caller is only identified, then the adjustment needs verification first', async () => {
      const who = await f.care.verification.identifyByPhone(f.people[0]!.phone, { channel: 'voice' });
      assert.ok(who);
      const id = (await f.care.interactions.start(who.actor, { channel: 'voice' })).id;
      await assert.rejects(f.care.procedures.start(who.actor, id, 'bill-adjustment'), { code: 'NOT_VERIFIED' });
      const available = f.care.procedures.available(who.actor);
      assert.deepEqual(available.filter((a) => a.allowed).map((a) => a.name), ['repair']);
    });
  });

  describe('payment-extension', () => {
    it('when an eligible customer picks a date, then the due date moves', async () => {
      const me = await actorOf(f, 'technician');
      const { asked, done } = await walk(f.care, me, 'payment-extension', [['date', first], ['confirm', true]]);
      const toDate = optionIds(asked[0]!)[0];
      assert.deepEqual(asked[1]?.facts, { fromDate: asked[0]?.facts.currentDueDate, toDate });
      assert.ok(['completed', 'submitted'].includes(done.outcome));
      assert.equal(done.facts.toDate, toDate);
      assert.ok(done.refs.extensionId);
    });

    it('when the account is too far past due, then it ends for a person with the reason', async () => {
      const { done } = await walk(f.care, await actorOf(f, 'suspended'), 'payment-extension', []);
      assert.equal(done.outcome, 'escalate');
      assert.equal(done.prompt, 'refusal.extension-too-far-past-due');
      assert.equal(done.facts.reason, 'too-far-past-due');
      assert.equal(done.facts.reasonCode, 'extension-too-far-past-due');
      assert.deepEqual(done.facts.nextSteps, ['pay-balance', 'agent']);
      assert.equal(done.facts.maxDaysPastDue, 30);
      assert.match(String(done.facts.explanation), /^the account is \d+ days past due, and an extension is only possible up to 30 days past due/);
    });
  });

  describe('new-service', () => {
    it('when Dana adds a mobile line with an eSIM and roaming, then it is active at once, and a repeated confirm places one order', async () => {
      const dana = await actorOf(f, 'bundle');
      const { asked, done, interactionId } = await walk(f.care, dana, 'new-service', [
        ['product', 'mobile-unlimited'],
        ['config.sim', 'esim'],
        ['addon', 'intl-roaming'],
        ['confirm', true],
      ]);
      assert.equal(asked[1]?.prompt, 'new-service.config');
      assert.equal(asked[1]?.facts.option, 'SIM type');
      assert.ok(optionIds(asked[2]!).includes('none'));
      assert.equal(asked[3]?.facts.product, 'Brightwave Mobile Unlimited');
      assert.ok(asked[3]?.facts.monthlyTotal && asked[3].facts.notes);
      assert.equal(done.outcome, 'completed');
      assert.deepEqual(done.facts, { product: 'Brightwave Mobile Unlimited', orderId: done.refs.orderId as string });

      const again = await f.care.procedures.answer(dana, interactionId, 'confirm', true);
      assert.deepEqual(again, done);
      assert.equal(await f.stores.orders.count({ interactionId }), 1);
      const order = await f.stores.orders.get(done.refs.orderId as string);
      assert.deepEqual(order?.items[0] && 'config' in order.items[0] ? order.items[0].config : null, { sim: 'esim' });
    });

    it('when a fixed-line product is chosen, then the address on file is checked and the order is submitted', async () => {
      const me = await actorOf(f, 'reset');
      const { asked, done } = await walk(f.care, me, 'new-service', [['product', 'home-security'], ['config.installation', first], ['addon', ''], ['confirm', true]]);
      assert.deepEqual(asked.map((s) => s.field), ['product', 'config.installation', 'addon', 'confirm']);
      assert.ok(['completed', 'submitted'].includes(done.outcome));
      const withAddress = await walk(f.care, await actorOf(f, 'technician'), 'new-service', [['product', 'tv-basic'], ['config.dvr', ''], ['addon', 'none'], ['confirm', true]]);
      assert.ok(withAddress.done.refs.orderId);
    });
  });

  describe('modify-service', () => {
    it('when Dana upgrades Fiber 500 to Fiber 1000, then the pricing change is shown and the order submitted', async () => {
      const dana = await actorOf(f, 'bundle');
      const { asked, done } = await walk(f.care, dana, 'modify-service', [
        ['service', optionLabelled(/^Fiber 500/)],
        ['modification', 'change-product:fiber-1000'],
        ['confirm', true],
      ]);
      assert.ok(asked[0]?.kind === 'choose' && asked[0].options.some((o) => /\+1\d+$/.test(o.label)), 'phone lines are labelled with their number');
      const facts = asked[2]?.facts ?? {};
      assert.ok(facts.monthlyDelta && facts.proRated && Array.isArray(facts.notes));
      assert.ok(['completed', 'submitted'].includes(done.outcome));
      assert.equal((await f.stores.orders.get(done.refs.orderId as string))?.type, 'modify');
    });

    it('when the confirmation is declined, then nothing is ordered', async () => {
      const dana = await actorOf(f, 'bundle');
      const { done, interactionId } = await walk(f.care, dana, 'modify-service', [['service', first], ['modification', first], ['confirm', false]]);
      assert.equal(done.outcome, 'declined');
      assert.equal(await f.stores.orders.count({ interactionId }), 0);
      assert.equal((await f.care.interactions.get(interactionId)).procedure?.status, 'declined');
    });
  });

  describe('discontinue-service', () => {
    const toCancel = (): [string, unknown][] => [
      ['service', optionLabelled(/^Fiber 1000/)],
      ['reason', 'switching-provider'],
      ['marketing.moving-to-provider', 'cable-company'],
      ['marketing.would-recommend', ''],
    ];

    it('when the retention offer is declined, then the final charges are confirmed and the disconnection submitted', async () => {
      const me = await actorOf(f, 'outage');
      const { asked, done, interactionId } = await walk(f.care, me, 'discontinue-service', [...toCancel(), ['retention', false], ['date', '2026-12-31'], ['confirm', true]]);
      assert.equal(asked[2]?.prompt, 'discontinue-service.marketing');
      assert.equal(asked[2]?.facts.question, 'Which provider are you moving to?');
      assert.ok(asked[4]?.facts.offer);
      assert.equal(asked[5]?.prompt, 'discontinue-service.date');
      assert.deepEqual(asked[5]?.kind === 'choose' ? asked[5].options.map((o) => o.id) : [], ['2026-11-20', '2026-11-27', '2026-11-30', '2026-12-04', '2026-12-31']);
      assert.deepEqual(asked[5]?.facts, { today: '2026-11-20', latest: '2026-12-31' });
      assert.deepEqual(Object.keys(asked[6]?.facts ?? {}).sort(), ['earlyTerminationFee', 'endDate', 'finalCharge', 'notes', 'oneTimeTotal']);
      assert.equal(asked[6]?.facts.endDate, '2026-12-31');
      assert.equal(done.outcome, 'submitted');
      assert.deepEqual(done.facts, { orderId: done.refs.orderId as string, endDate: '2026-12-31' });
      const order = await f.stores.orders.get(done.refs.orderId as string);
      assert.equal(order?.type, 'disconnect');
      assert.equal(order?.requestedDate, '2026-12-31', 'the requested day is carried on the order');
      assert.equal(order?.reasonCode, 'switching-provider');
      assert.deepEqual((await f.care.interactions.get(interactionId)).marketing, [{ questionId: 'moving-to-provider', answerId: 'cable-company' }]);
    });

    it('when the retention offer is accepted, then the customer is retained and no disconnection is placed', async () => {
      const me = await actorOf(f, 'outage');
      const { done, interactionId } = await walk(f.care, me, 'discontinue-service', [...toCancel(), ['retention', true]]);
      assert.equal(done.outcome, 'retained');
      const orders = await f.stores.orders.find({ interactionId });
      assert.ok(orders.every((o) => o.type !== 'disconnect'));
      const i = await f.care.interactions.get(interactionId);
      assert.ok(done.refs.orderId ? orders.length === 1 : i.steps.some((s) => s.name === 'retention.accepted'));
    });

    it('when a credit-only retention offer is accepted, then the first month is credited on the bill through the adjustment path, and nothing is disconnected', async () => {
      const me = await actorOf(f, 'outage');
      const customer = (await f.stores.customers.get(me.customerId as string))!;
      const tv = customer.services.find((s) => s.productId === 'tv-basic')!;
      const { asked, done, interactionId } = await walk(f.care, me, 'discontinue-service', [
        ['service', tv.id],
        ['reason', 'switching-provider'],
        ['marketing.moving-to-provider', ''],
        ['marketing.would-recommend', ''],
        ['retention', true],
      ]);
      assert.equal(asked.at(-1)?.facts.offer, 'A $15 loyalty credit each month for 3 months');
      assert.equal(done.outcome, 'retained');
      const adjustment = await f.stores.adjustments.get(done.refs.adjustmentId as string);
      assert.ok(adjustment, 'an adjustment was made');
      assert.equal(adjustment.reasonCode, 'retention-credit');
      assert.equal(adjustment.amount.amountMinor, 1500);
      assert.equal(adjustment.status, 'applied', 'delivered to billing through the outbox');
      assert.equal(adjustment.interactionId, interactionId);
      const bill = (await f.stores.bills.get(adjustment.billId))!;
      assert.ok(bill.appliedAdjustmentIds.includes(adjustment.id));
      assert.equal(bill.items.find((it) => it.id === adjustment.itemId)?.serviceId, tv.id);
      const i = await f.care.interactions.get(interactionId);
      assert.deepEqual(i.links.adjustmentIds, [adjustment.id]);
      assert.equal(i.steps.find((s) => s.name === 'retention.accepted')?.detail?.monthsAfterThis, 2);
      assert.equal(await f.stores.orders.count({ interactionId }), 0);
    });

    it('when a customer picks reasons for a bill adjustment, then the offer-only retention reason is never among them', async () => {
      const me = await actorOf(f, 'outage');
      const [bill] = await f.stores.bills.find({ customerId: me.customerId as string }, { sort: { issuedAt: -1 }, limit: 1 });
      const items = await f.care.billing.adjustableItems(me, bill!.id);
      assert.ok(items.length > 0);
      assert.ok(items.every((it) => it.reasons.every((r) => r.id !== 'retention-credit')));
      const recurring = items.find((it) => it.type === 'recurring')!;
      await assert.rejects(
        f.care.billing.requestAdjustment(me, { billId: bill!.id, itemId: recurring.id, reasonCode: 'retention-credit', amountMinor: 100 }, { idempotencyKey: 'self' }),
        { code: 'REASON_NOT_VALID' },
      );
    });
  });

  describe('repair', () => {
    it('when the DSL modem lost sync, then the remote reset resolves it', async () => {
      const { asked, done } = await walk(f.care, await actorOf(f, 'reset'), 'repair', [['service', optionLabelled(/DSL/)], ['symptom', 'no-internet']]);
      assert.deepEqual(asked.map((s) => s.prompt), ['repair.service', 'repair.symptom']);
      assert.equal(done.outcome, 'resolved');
    });

    it('when the address is in an outage, then the ETA and credit are offered and acceptance recorded', async () => {
      const { asked, done, interactionId } = await walk(f.care, await actorOf(f, 'outage'), 'repair', [
        ['service', optionLabelled(/^Fiber 1000/)],
        ['symptom', 'no-internet'],
        ['credit', true],
      ]);
      assert.ok(asked[2]?.facts.eta);
      assert.equal(done.outcome, 'outage');
      assert.equal(done.facts.creditAccepted, true);
      const adjustment = await f.stores.adjustments.get(done.refs.adjustmentId as string);
      assert.equal(adjustment?.reasonCode, 'service-outage');
      assert.deepEqual(adjustment?.amount, asked[2]?.facts.outageCredit);
      assert.equal(done.facts.creditStatus, adjustment?.status);
      assert.ok((await f.care.interactions.get(interactionId)).links.adjustmentIds.includes(adjustment?.id as string));
    });

    it('when the line test fails, then a ticket opens and a technician slot is booked', async () => {
      const { asked, done } = await walk(f.care, await actorOf(f, 'technician'), 'repair', [['service', optionLabelled(/Home Phone/)], ['symptom', 'no-dial-tone'], ['slot', first]]);
      assert.equal(done.outcome, 'ticket');
      assert.equal(done.facts.ticketId, done.refs.ticketId);
      const slot = asked[2]?.kind === 'choose' ? asked[2].options[0] : undefined;
      assert.equal(done.facts.start, slot?.label);
      assert.equal((await f.stores.tickets.get(done.refs.ticketId as string))?.status, 'scheduled');
    });

    it('when the service is suspended, then the customer is told why, identified is enough', async () => {
      const p = f.people.find((x) => x.key === 'suspended');
      const who = await f.care.verification.identifyByPhone(p?.phone as string, { channel: 'voice' });
      const { done } = await walk(f.care, who?.actor as Actor, 'repair', [['service', optionLabelled(/DSL/)], ['symptom', 'no-internet']]);
      assert.equal(done.outcome, 'informed');
      assert.equal(done.prompt, 'repair.done.suspended');
    });
  });
});
