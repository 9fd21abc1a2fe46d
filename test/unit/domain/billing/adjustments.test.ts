import assert from 'node:assert/strict';
import type { Actor } from '../../../../src/domain/shared/actor';
import { isDomainError, type ErrorCode } from '../../../../src/domain/shared/errors';
import { demoNetworkAt } from '../../../../src/demo/demo-network';
import { FIXTURE_NOW, makeCare, type CareFixture } from '../../../support/care-fixture';
import { demoIds, type DemoIds } from '../../../support/demo-ids';

const refusedWith = (code: ErrorCode) => (e: unknown) => isDomainError(e) && e.code === code;

describe('bill adjustments', () => {
  let f: CareFixture;
  let dana: Actor;
  let ids: DemoIds;
  let BILL = '';
  let FIBER = ''; // recurring 70.00
  let INTL_CALLS = ''; // usage 8.96
  let TAX = '';

  beforeEach(async () => {
    f = await makeCare({ network: demoNetworkAt(new Date(FIXTURE_NOW)) });
    ids = await demoIds(f.stores);
    BILL = ids.billId('31000101', '2026-11');
    [FIBER, INTL_CALLS, TAX] = [1, 12, 13].map((n) => ids.itemId('31000101', '2026-11', n));
    const person = f.people.find((p) => p.key === 'bundle');
    dana = await f.care.verification.verifyPin({ accountNumber: person?.accountNumber, pin: person?.pin ?? '' }, { channel: 'voice' });
  });
  afterEach(async () => f.close());

  const csr = (role: 'agent' | 'senior' | 'supervisor'): Actor => f.care.verification.csrActor({ csrId: `csr-${role}`, role, customerId: dana.customerId as string });
  const request = (actor: Actor, input: { itemId: string; reasonCode: string; amountMinor: number }, key: string) =>
    f.care.billing.requestAdjustment(actor, { billId: BILL, ...input }, { idempotencyKey: key });
  const billItem = async (itemId: string) => (await f.stores.bills.get(BILL))?.items.find((i) => i.id === itemId);

  it('when the adjustable items are listed, then taxes and discounts are left out and each item carries its own reasons', async () => {
    const items = await f.care.billing.adjustableItems(dana, BILL);
    assert.ok(items.every((i) => ['recurring', 'one-time', 'usage', 'late-fee'].includes(i.type)));
    assert.equal(items.some((i) => i.id === TAX), false);
    const usage = items.find((i) => i.id === INTL_CALLS);
    assert.deepEqual(usage?.reasons.map((r) => r.id), ['billing-error', 'usage-dispute']);
    assert.equal(usage?.maxAdjustable.amountMinor, 896);
  });

  it('when a customer disputes a usage charge within the voice limit, then it is auto-approved, delivered and credited to the bill', async () => {
    const before = await f.stores.bills.get(BILL);
    const adjustment = await request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 896 }, 'k1');
    assert.equal(adjustment.approval, 'auto-approved');
    assert.match(adjustment.approvalBasis, /self-service-limit:voice:2500/);
    assert.equal(adjustment.status, 'applied');
    assert.equal(adjustment.submission?.state, 'delivered');
    assert.match(adjustment.submission?.externalRef ?? '', /^BADJ-/);
    const after = await f.stores.bills.get(BILL);
    assert.equal(after?.balance.amountMinor, (before?.balance.amountMinor ?? 0) - 896);
    assert.deepEqual(after?.appliedAdjustmentIds, [adjustment.id]);
    assert.equal((await billItem(INTL_CALLS))?.adjusted.amountMinor, -896);
    assert.equal((await f.care.billing.adjustableItems(dana, BILL)).some((i) => i.id === INTL_CALLS), false, 'nothing left to adjust');
  });

  it('when the same request is repeated with its key, then one adjustment and one credit', async () => {
    const first = await request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 500 }, 'same');
    const again = await request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 500 }, 'same');
    assert.equal(again.id, first.id);
    assert.equal(await f.stores.adjustments.count({ customerId: dana.customerId as string }), 1);
    assert.equal(f.backends.billing.effects.length, 1);
    assert.equal((await billItem(INTL_CALLS))?.adjusted.amountMinor, -500);
  });

  it('when the item is not adjustable, the reason does not fit, or the amount is wrong, then it is refused and nothing is stored', async () => {
    await assert.rejects(request(dana, { itemId: TAX, reasonCode: 'billing-error', amountMinor: 100 }, 'a'), refusedWith('ITEM_NOT_ADJUSTABLE'));
    await assert.rejects(request(dana, { itemId: 'no-such-item', reasonCode: 'billing-error', amountMinor: 100 }, 'b'), refusedWith('ITEM_NOT_ADJUSTABLE'));
    await assert.rejects(request(dana, { itemId: INTL_CALLS, reasonCode: 'late-fee-waiver', amountMinor: 100 }, 'c'), refusedWith('REASON_NOT_VALID'));
    await assert.rejects(request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 897 }, 'd'), refusedWith('AMOUNT_NOT_VALID'));
    await assert.rejects(request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 0 }, 'e'), refusedWith('AMOUNT_NOT_VALID'));
    await assert.rejects(request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 12.5 }, 'f'), refusedWith('AMOUNT_NOT_VALID'));
    assert.equal(await f.stores.adjustments.count({}), 0);
    assert.equal(f.backends.billing.effects.length, 0);
  });

  it('when the customer is only identified, or the bill is someone else’s, then billing is refused', async () => {
    const identified = await f.care.verification.identifyByPhone('+12175550142', { channel: 'voice' });
    assert.ok(identified);
    await assert.rejects(f.care.billing.bills(identified.actor), refusedWith('NOT_VERIFIED'));
    await assert.rejects(request(identified.actor, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 100 }, 'x'), refusedWith('NOT_VERIFIED'));
    await assert.rejects(f.care.billing.bill(dana, ids.billId('31000102', '2026-11')), refusedWith('NOT_FOUND'));
    await assert.rejects(f.care.billing.adjustableItems(dana, ids.billId('31000102', '2026-11')), refusedWith('NOT_FOUND'));
  });

  it('when the amount is above the channel limit, then it waits for approval and nothing is submitted', async () => {
    const before = await f.stores.bills.get(BILL);
    const pending = await request(dana, { itemId: FIBER, reasonCode: 'billing-error', amountMinor: 3000 }, 'big');
    assert.equal(pending.approval, 'pending-approval');
    assert.equal(pending.status, 'pending-approval');
    assert.equal(pending.submission, undefined);
    assert.match(pending.approvalBasis, /above-self-service-limit:voice:2500/);
    assert.equal(await f.outbox.drainOnce(), 0);
    assert.equal(f.backends.billing.effects.length, 0);
    assert.deepEqual(await f.stores.bills.get(BILL), before);
    const room = (await f.care.billing.adjustableItems(dana, BILL)).find((i) => i.id === FIBER);
    assert.equal(room?.maxAdjustable.amountMinor, 7000 - 3000, 'a pending request holds its share of the item');
  });

  it('when an agent approves within the role limit, then the adjustment is submitted and applied', async () => {
    const pending = await request(dana, { itemId: FIBER, reasonCode: 'billing-error', amountMinor: 3000 }, 'big');
    const approved = await f.care.billing.decideAdjustment(csr('agent'), pending.id, 'approve');
    assert.equal(approved.approval, 'approved');
    assert.equal(approved.status, 'applied');
    assert.equal(approved.decidedBy?.csrId, 'csr-agent');
    assert.match(approved.approvalBasis, /csr-limit:agent:5000/);
    assert.equal((await billItem(FIBER))?.adjusted.amountMinor, -3000);
    assert.equal((await f.care.billing.decideAdjustment(csr('agent'), pending.id, 'approve')).id, pending.id, 'approving again is harmless');
    await assert.rejects(f.care.billing.decideAdjustment(csr('agent'), pending.id, 'reject'), refusedWith('CONFLICT'));
  });

  it('when the amount is above the approver’s role limit, then LIMIT_EXCEEDED, and a senior may approve it', async () => {
    const pending = await request(dana, { itemId: FIBER, reasonCode: 'billing-error', amountMinor: 6000 }, 'bigger');
    await assert.rejects(f.care.billing.decideAdjustment(csr('agent'), pending.id, 'approve'), refusedWith('LIMIT_EXCEEDED'));
    assert.equal((await f.stores.adjustments.get(pending.id))?.approval, 'pending-approval');
    const approved = await f.care.billing.decideAdjustment(csr('senior'), pending.id, 'approve');
    assert.equal(approved.status, 'applied');
  });

  it('when a customer tries to decide, or a CSR rejects, then only the CSR decision counts and a rejection submits nothing', async () => {
    const pending = await request(dana, { itemId: FIBER, reasonCode: 'billing-error', amountMinor: 3000 }, 'big');
    await assert.rejects(f.care.billing.decideAdjustment(dana, pending.id, 'approve'), refusedWith('NOT_VERIFIED'));
    const rejected = await f.care.billing.decideAdjustment(csr('agent'), pending.id, 'reject');
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.submission, undefined);
    assert.equal(f.backends.billing.effects.length, 0);
  });

  it('when a CSR adjusts within the role limit, then it is applied at once', async () => {
    const adjustment = await request(csr('agent'), { itemId: FIBER, reasonCode: 'billing-error', amountMinor: 4000 }, 'csr-1');
    assert.equal(adjustment.requestedBy.kind, 'csr');
    assert.equal(adjustment.status, 'applied');
  });

  it('when a customer asks a third time within 90 days, then the rules send it to a person', async () => {
    await request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 100 }, 'r1');
    await request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 100 }, 'r2');
    const third = await request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 100 }, 'r3');
    assert.equal(third.status, 'pending-approval');
    assert.equal(third.approvalBasis, 'rule:frequent-adjustments');
    assert.deepEqual((await f.care.billing.adjustments(dana)).map((a) => a.status).sort(), ['applied', 'applied', 'pending-approval']);
  });

  it('when three requests arrive at once (Promise.all), then only two are auto-applied and the third waits for a person', async () => {
    const asked = await Promise.all(
      ['p1', 'p2', 'p3'].map((key) => request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 100 }, key)),
    );
    assert.deepEqual(asked.map((a) => a.approval).sort(), ['auto-approved', 'auto-approved', 'pending-approval']);
    const stored = await f.stores.adjustments.find({ customerId: dana.customerId as string });
    assert.deepEqual(stored.map((a) => a.status).sort(), ['applied', 'applied', 'pending-approval']);
    assert.equal(stored.find((a) => a.status === 'pending-approval')?.approvalBasis, 'rule:frequent-adjustments');
    assert.equal(f.backends.billing.effects.length, 2, 'two credits reached billing');
    assert.equal((await billItem(INTL_CALLS))?.adjusted.amountMinor, -200);
  });

  it('when a repeat of one request races it, then it is reserved once and does not count as another adjustment', async () => {
    await Promise.all([
      request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 100 }, 'same'),
      request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 100 }, 'same'),
    ]);
    const second = await request(dana, { itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor: 100 }, 'other');
    assert.equal(second.approval, 'auto-approved', 'only one earlier adjustment counts');
    assert.equal(await f.stores.adjustments.count({ customerId: dana.customerId as string }), 2);
  });
});
