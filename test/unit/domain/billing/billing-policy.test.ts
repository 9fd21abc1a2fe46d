import assert from 'node:assert/strict';
import path from 'node:path';
import type { Actor } from '../../../../src/domain/shared/actor';
import type { BillAdjustment, PaymentExtension } from '../../../../src/domain/billing/billing';
import { loadCatalogFile } from '../../../../src/adapters/files/catalog-file';
import { adjustableItems, approvalLimit } from '../../../../src/domain/billing/adjustment-policy';
import { extensionVerdict } from '../../../../src/domain/billing/extension-policy';
import { bill, item } from './bill-builders';

const catalog = loadCatalogFile(path.resolve(__dirname, '../../../../catalog/catalog.json'));
const customer = (channel: Actor['channel']): Actor => ({ kind: 'customer', channel, verification: 'verified', customerId: 'cust-1' });

const inFlight = (itemId: string, amountMinor: number): BillAdjustment =>
  ({ id: `adj-${itemId}`, billId: 'b1', itemId, amount: { amountMinor, currency: 'USD' }, status: 'submitted' }) as BillAdjustment;

describe('billing policy', () => {
  describe('adjustable items', () => {
    it('when a bill has taxes, usage and late fees, then only catalog-adjustable types are offered with their own reasons', () => {
      const b = bill({ id: 'b1', items: [item('rec', 'recurring', 5000), item('use', 'usage', 1200), item('tax', 'tax', 400), item('fee', 'late-fee', 1500)] });
      const items = adjustableItems(b, catalog, []);
      assert.deepEqual(items.map((i) => i.id), ['rec', 'use', 'fee']);
      assert.deepEqual(items.find((i) => i.id === 'fee')?.reasons.map((r) => r.id), ['billing-error', 'late-fee-waiver']);
      assert.deepEqual(items.find((i) => i.id === 'use')?.reasons.map((r) => r.id), ['billing-error', 'usage-dispute']);
      assert.equal(items.find((i) => i.id === 'use')?.maxAdjustable.amountMinor, 1200);
    });

    it('when part of an item is credited or in flight, then only the rest is adjustable, and a used-up item disappears', () => {
      const b = bill({ id: 'b1', items: [item('rec', 'recurring', 5000, -1000), item('use', 'usage', 1200)] });
      const items = adjustableItems(b, catalog, [inFlight('rec', 1500), inFlight('use', 1200)]);
      assert.deepEqual(items.map((i) => [i.id, i.maxAdjustable.amountMinor]), [['rec', 2500]]);
    });
  });

  describe('approval limit', () => {
    it('when a customer asks on a channel, then that channel self-service limit applies; a CSR gets the role limit', () => {
      assert.equal(approvalLimit(customer('voice'), catalog).limitMinor, 2500);
      assert.match(approvalLimit(customer('chat'), catalog).basis, /self-service-limit:chat:2500/);
      const senior: Actor = { kind: 'csr', channel: 'csr', verification: 'verified', customerId: 'cust-1', csrId: 'csr-7', csrRole: 'senior' };
      assert.deepEqual(approvalLimit(senior, catalog), { limitMinor: 20000, basis: 'csr-limit:senior:20000' });
    });

    it('when a customer channel has no self-service limit, then the limit is zero (nothing auto-approved)', () => {
      assert.equal(approvalLimit(customer('system'), catalog).limitMinor, 0);
    });
  });

  describe('payment extension', () => {
    const now = new Date('2026-11-20T15:00:00Z');
    const ext = (billId: string, createdAt: string, status: PaymentExtension['status'] = 'applied') => ({ id: `e-${createdAt}`, billId, createdAt, status }) as PaymentExtension;

    it('when the latest bill is unpaid and in policy, then dates up to maxDays after the due date are offered', () => {
      const v = extensionVerdict({ bills: [bill({ id: 'b1', dueDate: '2026-11-25', originalDueDate: '2026-11-25' })], extensions: [], catalog, now });
      assert.ok(v.allowed);
      assert.equal(v.latestDate, '2026-12-09');
      assert.deepEqual(v.dates, ['2026-11-28', '2026-12-02', '2026-12-05', '2026-12-09']);
    });

    it('when nothing is owed, then there is nothing to extend', () => {
      const v = extensionVerdict({ bills: [bill({ id: 'b1', paidMinor: 6600 })], extensions: [], catalog, now });
      assert.deepEqual(v, { allowed: false, reason: 'nothing-due' });
    });

    it('when the yearly allowance is used, then it is refused with the reason', () => {
      const v = extensionVerdict({ bills: [bill({ id: 'b3' })], extensions: [ext('b1', '2026-03-01T00:00:00Z'), ext('b2', '2026-07-01T00:00:00Z')], catalog, now });
      assert.equal(v.allowed ? 'allowed' : v.reason, 'yearly-limit');
    });

    it('when the older extensions are over a year old or failed, then they do not count', () => {
      const v = extensionVerdict({ bills: [bill({ id: 'b3' })], extensions: [ext('b1', '2025-10-01T00:00:00Z'), ext('b2', '2026-07-01T00:00:00Z', 'failed')], catalog, now });
      assert.ok(v.allowed);
    });

    it('when the account is more than maxDaysPastDue behind, then it is refused', () => {
      const old = bill({ id: 'old', issuedAt: '2026-09-01T00:00:00Z', period: '2026-09', dueDate: '2026-10-10', originalDueDate: '2026-10-10' });
      const v = extensionVerdict({ bills: [old, bill({ id: 'b1' })], extensions: [], catalog, now });
      assert.equal(v.allowed ? 'allowed' : v.reason, 'too-far-past-due');
    });

    it('when the bill was already extended, then it cannot be extended again', () => {
      const v = extensionVerdict({ bills: [bill({ id: 'b1', dueDate: '2026-12-01', originalDueDate: '2026-11-25' })], extensions: [], catalog, now });
      assert.equal(v.allowed ? 'allowed' : v.reason, 'already-extended');
    });

    it('when the due date is long past, then only dates after today are offered', () => {
      const v = extensionVerdict({ bills: [bill({ id: 'b1', dueDate: '2026-11-10', originalDueDate: '2026-11-10' })], extensions: [], catalog, now });
      assert.ok(v.allowed);
      assert.deepEqual(v.dates, ['2026-11-24']);
    });
  });
});
