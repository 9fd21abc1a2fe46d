import assert from 'node:assert/strict';
import {
  addDays,
  amountDue,
  applyAdjustment,
  applyExtension,
  computeBalance,
  daysBetween,
  daysPastDue,
  lastPayment,
  newestFirst,
  remainingAdjustable,
  statusOn,
} from '../../../../src/domain/billing/bill-math';
import { bill, item } from './bill-builders';

describe('bill math', () => {
  it('when an adjustment is applied, then the item is credited, the id recorded and the balance recomputed', () => {
    const before = bill({ id: 'b1' });
    const after = applyAdjustment(before, { id: 'adj-1', itemId: 'i2', amount: { amountMinor: 700, currency: 'USD' } }, '2026-11-20');
    assert.equal(after.items.find((i) => i.id === 'i2')?.adjusted.amountMinor, -700);
    assert.deepEqual(after.appliedAdjustmentIds, ['adj-1']);
    assert.equal(after.balance.amountMinor, before.balance.amountMinor - 700);
    assert.equal(before.items.find((i) => i.id === 'i2')?.adjusted.amountMinor, 0, 'the input is not mutated');
  });

  it('when the same adjustment is applied twice, then the second changes nothing', () => {
    const once = applyAdjustment(bill({ id: 'b1' }), { id: 'adj-1', itemId: 'i1', amount: { amountMinor: 500, currency: 'USD' } }, '2026-11-20');
    const twice = applyAdjustment(once, { id: 'adj-1', itemId: 'i1', amount: { amountMinor: 500, currency: 'USD' } }, '2026-11-20');
    assert.equal(twice, once);
    assert.equal(twice.balance.amountMinor, 6600 - 500);
  });

  it('when an adjustment names an item the bill lacks or another currency, then it is refused', () => {
    assert.throws(() => applyAdjustment(bill({ id: 'b1' }), { id: 'a', itemId: 'nope', amount: { amountMinor: 1, currency: 'USD' } }, '2026-11-20'), /no item nope/);
    assert.throws(() => applyAdjustment(bill({ id: 'b1' }), { id: 'a', itemId: 'i1', amount: { amountMinor: 1, currency: 'EUR' } }, '2026-11-20'), /currency/);
  });

  it('when credits cover the whole balance, then the bill is paid', () => {
    const b = bill({ id: 'b1', items: [item('i1', 'recurring', 1000)], paidMinor: 400 });
    const after = applyAdjustment(b, { id: 'a1', itemId: 'i1', amount: { amountMinor: 600, currency: 'USD' } }, '2026-11-20');
    assert.equal(after.balance.amountMinor, 0);
    assert.equal(after.status, 'paid');
  });

  it('when the balance is computed, then it is total − payments + adjustments', () => {
    const b = bill({ id: 'b1', items: [item('i1', 'recurring', 5000, -1000), item('i2', 'tax', 300)], paidMinor: 2000 });
    assert.equal(computeBalance(b).amountMinor, 5300 - 2000 - 1000);
  });

  it('when an item was partly credited, then only the rest may still be adjusted', () => {
    assert.equal(remainingAdjustable(item('i', 'usage', 1200, -200)).amountMinor, 1000);
    assert.equal(remainingAdjustable(item('i', 'usage', 1200, -1200)).amountMinor, 0);
    assert.equal(remainingAdjustable(item('i', 'usage', 1200, -1500)).amountMinor, 0);
  });

  it('when an extension is applied, then the due date moves forward and an overdue bill is open again', () => {
    const overdue = { ...bill({ id: 'b1', dueDate: '2026-11-15' }), status: 'overdue' as const };
    const after = applyExtension(overdue, { toDate: '2026-11-29' }, '2026-11-20');
    assert.equal(after.dueDate, '2026-11-29');
    assert.equal(after.originalDueDate, '2026-11-25');
    assert.equal(after.status, 'open');
  });

  it('when an older extension is acknowledged after a later one, then the due date is not moved back', () => {
    const b = bill({ id: 'b1', dueDate: '2026-12-05' });
    assert.equal(applyExtension(b, { toDate: '2026-11-29' }, '2026-11-20'), b);
  });

  it('when bills are listed, then the newest comes first and the summary adds overdue older balances', () => {
    const older = bill({ id: 'old', period: '2026-09', issuedAt: '2026-09-01T00:00:00Z', dueDate: '2026-09-25' });
    const paidOld = bill({ id: 'paid', period: '2026-10', issuedAt: '2026-10-01T00:00:00Z', dueDate: '2026-10-25', paidMinor: 6600 });
    const latest = bill({ id: 'new', period: '2026-11', issuedAt: '2026-11-01T00:00:00Z', dueDate: '2026-11-25' });
    const sorted = newestFirst([older, latest, paidOld]);
    assert.deepEqual(sorted.map((b) => b.id), ['new', 'paid', 'old']);
    assert.equal(amountDue(sorted, '2026-11-20')?.amountMinor, 6600 + 6600);
    assert.equal(amountDue([], '2026-11-20'), null);
    assert.equal(daysPastDue(sorted, '2026-11-20'), 56);
    assert.equal(lastPayment(sorted)?.amount.amountMinor, 6600);
    assert.equal(lastPayment([older]), null);
  });

  it('when dates are shifted or compared, then whole UTC days are used', () => {
    assert.equal(addDays('2026-12-28', 7), '2027-01-04');
    assert.equal(daysBetween('2026-11-20', '2026-12-04'), 14);
    assert.equal(statusOn({ balance: { amountMinor: 1, currency: 'USD' }, dueDate: '2026-11-19' }, '2026-11-20'), 'overdue');
    assert.equal(statusOn({ balance: { amountMinor: 1, currency: 'USD' }, dueDate: '2026-11-20' }, '2026-11-20'), 'open');
  });
});
