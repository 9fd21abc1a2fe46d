import type { Customer } from './customer';
import type { Stores } from '../ports/store';
import { toE164 } from './phone';

/** How a caller says who they are; exactly one is used (first present in this order). */
export interface CustomerKey {
  customerId?: string;
  accountNumber?: string;
  phone?: string;
  email?: string;
}

/** The customer a key names, or null (also for a malformed phone number). */
export async function findCustomer(stores: Pick<Stores, 'customers'>, key: CustomerKey): Promise<Customer | null> {
  if (key.customerId) return stores.customers.get(key.customerId);
  if (key.accountNumber) return stores.customers.findOne({ accountNumber: key.accountNumber.trim() });
  if (key.phone) {
    const phone = toE164(key.phone);
    return phone ? stores.customers.findOne({ phones: phone }) : null;
  }
  if (key.email) return stores.customers.findOne({ email: key.email.trim().toLowerCase() });
  return null;
}
