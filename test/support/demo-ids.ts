/**
 * The demo seed gives customers, services and bills opaque ids (from the ids adapter), so tests
 * look them up by what they know: the account number, the service's place, the bill's period.
 */
import type { Stores } from '../../src/domain/ports/store';

export interface DemoIds {
  customerId(accountNumber: string): string;
  /** The n-th service (1-based) of the account, in seeding order. */
  serviceId(accountNumber: string, n: number): string;
  /** The account's bill for a period (YYYY-MM). */
  billId(accountNumber: string, period: string): string;
  /** The n-th item (1-based) of that bill. */
  itemId(accountNumber: string, period: string, n: number): string;
}

export async function demoIds(stores: Pick<Stores, 'customers' | 'bills'>): Promise<DemoIds> {
  const customers = await stores.customers.find({});
  const bills = await stores.bills.find({});
  const customer = (accountNumber: string) => {
    const found = customers.find((c) => c.accountNumber === accountNumber);
    if (!found) throw new Error(`no demo customer ${accountNumber}`);
    return found;
  };
  const bill = (accountNumber: string, period: string) => {
    const found = bills.find((b) => b.accountNumber === accountNumber && b.period === period);
    if (!found) throw new Error(`no demo bill ${accountNumber} ${period}`);
    return found;
  };
  return {
    customerId: (accountNumber) => customer(accountNumber).id,
    serviceId: (accountNumber, n) => {
      const service = customer(accountNumber).services[n - 1];
      if (!service) throw new Error(`demo customer ${accountNumber} has no service ${n}`);
      return service.id;
    },
    billId: (accountNumber, period) => bill(accountNumber, period).id,
    itemId: (accountNumber, period, n) => {
      const item = bill(accountNumber, period).items[n - 1];
      if (!item) throw new Error(`demo bill ${accountNumber} ${period} has no item ${n}`);
      return item.id;
    },
  };
}
