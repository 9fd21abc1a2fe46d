/**
 * The add-on step of a new service, priced like the product step: each add-on choice carries its
 * monthly price from the catalog (the domain's choice has the name and description only), so the
 * customer sees what it costs before the quote. "No add-on" stays unpriced.
 */
import type { Catalog } from '../../../domain/catalog/catalog-schema';
import type { Step } from '../../../domain/procedures/procedure';
import { findProduct, fromMonthlyMinor } from '../../../domain/catalog/pricing';

export function withAddonPrices<S extends Step>(step: S, catalog: Catalog): S {
  if (step.kind !== 'choose' || step.procedure !== 'new-service' || step.field !== 'addon') return step;
  const options = step.options.map((o) => {
    const addon = o.amount ? undefined : findProduct(catalog, o.id);
    return addon?.kind === 'addon' ? { ...o, amount: { amountMinor: fromMonthlyMinor(addon), currency: catalog.operator.currency } } : o;
  });
  return { ...step, options };
}
