import type { Bill, BillItem } from '../../../../src/domain/billing/billing';
import type { BillItemType } from '../../../../src/domain/catalog/catalog-schema';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

export const item = (id: string, type: BillItemType, amountMinor: number, adjustedMinor = 0): BillItem => ({
  id,
  type,
  description: `${type} ${id}`,
  amount: usd(amountMinor),
  adjusted: usd(adjustedMinor),
});

/** A bill whose total is the sum of its items, balance total − payments + adjustments. */
export function bill(overrides: Partial<Bill> & { id: string; items?: BillItem[]; paidMinor?: number }): Bill {
  const items = overrides.items ?? [item('i1', 'recurring', 5000), item('i2', 'usage', 1200), item('i3', 'tax', 400)];
  const total = items.reduce((n, i) => n + i.amount.amountMinor, 0);
  const adjusted = items.reduce((n, i) => n + i.adjusted.amountMinor, 0);
  const paid = overrides.paidMinor ?? 0;
  const { paidMinor: _p, ...rest } = overrides;
  void _p;
  return {
    version: 1,
    customerId: 'cust-1',
    accountNumber: '31000999',
    period: '2026-11',
    issuedAt: '2026-11-01T00:00:00.000Z',
    dueDate: '2026-11-25',
    originalDueDate: '2026-11-25',
    total: usd(total),
    payments: paid ? [{ id: 'pay-1', amount: usd(paid), receivedAt: '2026-11-10T12:00:00.000Z', method: 'card' }] : [],
    appliedAdjustmentIds: [],
    balance: usd(total - paid + adjusted),
    status: 'open',
    ...rest,
    items,
  };
}
