import type { CareDeps } from '../deps';
import type { BillingApi } from '../care';
import type { Actor } from '../shared/actor';
import type { Bill, BillAdjustment } from './billing';
import { requireLevel } from '../shared/guards';
import { fail } from '../shared/errors';
import { zero } from '../shared/money';
import { amountDue, isOverdue, isoDay, lastPayment, newestFirst } from './bill-math';

type QueryDeps = Pick<CareDeps, 'stores' | 'clock' | 'catalog'>;

/** Every bill of the actor's customer, newest first (bills are private: verified only). */
export async function billsOf(deps: QueryDeps, actor: Actor): Promise<Bill[]> {
  requireLevel(actor, 'verified');
  return newestFirst(await deps.stores.bills.find({ customerId: actor.customerId as string }));
}

/** One of the actor's bills; NOT_FOUND for someone else's, so ids cannot be probed. */
export async function billOf(deps: QueryDeps, actor: Actor, billId: string): Promise<Bill> {
  requireLevel(actor, 'verified');
  const bill = await deps.stores.bills.get(billId);
  if (!bill || bill.customerId !== actor.customerId) fail('NOT_FOUND', 'no such bill', { billId });
  return bill;
}

export const todayOf = (deps: Pick<CareDeps, 'clock'>): string => isoDay(deps.clock.now());

export function createBillQueries(deps: QueryDeps): Pick<BillingApi, 'bills' | 'bill' | 'summary' | 'adjustments'> {
  return {
    bills: (actor) => billsOf(deps, actor),
    bill: (actor, billId) => billOf(deps, actor, billId),

    async summary(actor) {
      const bills = await billsOf(deps, actor);
      const today = todayOf(deps);
      const latest = bills[0];
      return {
        balance: amountDue(bills, today) ?? zero(deps.catalog().operator.currency),
        dueDate: latest?.dueDate ?? null,
        lastPayment: lastPayment(bills),
        latestBillId: latest?.id ?? null,
        overdue: bills.some((b) => isOverdue(b, today)),
      };
    },

    async adjustments(actor): Promise<BillAdjustment[]> {
      requireLevel(actor, 'verified');
      const list = await deps.stores.adjustments.find({ customerId: actor.customerId as string }, { sort: { createdAt: -1 } });
      return list;
    },
  };
}
