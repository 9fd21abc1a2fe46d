import type { Catalog } from '../catalog/catalog-schema';
import type { Customer } from '../customers/customer';
import { findProduct } from '../catalog/pricing';

/** The facts the next-best-offer rules read (rule-file-schema.ts lists the same names). */
export function offerFacts(catalog: Catalog, customer: Pick<Customer, 'services'>): Record<string, unknown> {
  const held = customer.services.filter((s) => s.status !== 'disconnected');
  const productIds = [...new Set(held.flatMap((s) => [s.productId, ...s.addons]))];
  const families: string[] = [...new Set(productIds.flatMap((id) => findProduct(catalog, id)?.family ?? []))];
  return {
    productIds,
    families,
    hasBroadband: families.includes('broadband'),
    hasTv: families.includes('tv'),
    hasMobile: families.includes('mobile'),
    hasPhone: families.includes('phone'),
  };
}

/** Good standing: an active account, nothing suspended for non-payment, no overdue bill. */
export const inGoodStanding = (customer: Pick<Customer, 'accountStatus' | 'services'>, overdue: boolean): boolean =>
  customer.accountStatus === 'active' && !overdue && !customer.services.some((s) => s.status === 'suspended' && s.suspendedReason === 'non-payment');
