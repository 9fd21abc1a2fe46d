import type { Catalog } from '../../catalog/catalog-schema';
import type { PostalAddress, ServiceInstance } from '../../customers/customer';
import type { Money } from '../../shared/money';
import type { QuoteLine } from '../../orders/order';
import { fail } from '../../shared/errors';

/** "Fiber 500 (+1 555 010 2233)": the product name, and the number for phone and mobile lines. */
export function serviceLabel(catalog: Catalog, service: Pick<ServiceInstance, 'productId' | 'number'>): string {
  const name = catalog.products.find((p) => p.id === service.productId)?.name ?? service.productId;
  return service.number ? `${name} ${service.number}` : name;
}

export const addressLine = (a: PostalAddress): string => [a.line1, a.line2, a.city, a.region, a.postalCode].filter(Boolean).join(', ');

/** The total of a quote's lines of some kinds (e.g. the pro-rated charge). */
export function linesTotal(lines: readonly QuoteLine[], kinds: readonly QuoteLine['kind'][], currency: string): Money {
  const amountMinor = lines.filter((l) => kinds.includes(l.kind)).reduce((n, l) => n + l.amount.amountMinor, 0);
  return { amountMinor, currency };
}

/** Looks up what a step offered by id; the runner has already refused ids that were not offered. */
export function pick<T extends { id: string }>(items: readonly T[], id: unknown, what: string): T {
  const found = items.find((x) => x.id === id);
  if (!found) fail('VALIDATION_FAILED', `that ${what} is no longer available`);
  return found;
}
