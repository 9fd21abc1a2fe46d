import type { Stores } from '../ports/store';
import type { Bill, BillAdjustment, PaymentExtension } from './billing';
import { updateWithRetry } from '../submissions/insert-once';
import { applyAdjustment, applyExtension, isoDay } from './bill-math';

/**
 * What the billing system's acknowledgement does to our copy of the bill. Each write is
 * idempotent, so a repeated acknowledgement (a retry after a crash) changes nothing more.
 */
export async function creditBill(stores: Pick<Stores, 'bills'>, adjustment: Pick<BillAdjustment, 'id' | 'billId' | 'itemId' | 'amount'>, now: Date): Promise<Bill | null> {
  const today = isoDay(now);
  return updateWithRetry(stores.bills, adjustment.billId, (bill) => {
    const next = applyAdjustment(bill, adjustment, today);
    return next === bill ? null : next;
  });
}

export async function extendBill(stores: Pick<Stores, 'bills'>, extension: Pick<PaymentExtension, 'billId' | 'toDate'>, now: Date): Promise<Bill | null> {
  const today = isoDay(now);
  return updateWithRetry(stores.bills, extension.billId, (bill) => {
    const next = applyExtension(bill, extension, today);
    return next === bill ? null : next;
  });
}
