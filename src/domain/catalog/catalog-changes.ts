/**
 * What changed between two catalogs, offering by offering (a product is an offering): created,
 * removed, or changed with the product's fields that differ and, for its pricing, which
 * components (by their place in the product's pricing) were added, removed, changed or renamed.
 * A change of the operator's currency changes every price. Nothing else in the catalog
 * (bundles, promotions, policies) is an offering.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Catalog, Product } from './catalog-schema';

export interface PricingChanges {
  added: number[];
  removed: number[];
  /** Amount, type, unit, tiers or label differ (renamed ones included). */
  changed: number[];
  /** The component's label differs. */
  renamed: number[];
}

export interface OfferingChange {
  id: string;
  change: 'created' | 'changed' | 'removed';
  /** The product's top-level fields that differ ('changed' only; empty otherwise). */
  fields: string[];
  pricing: PricingChanges;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function pricingChanges(before: Product['pricing'], after: Product['pricing'], currencyChanged: boolean): PricingChanges {
  const common = Math.min(before.length, after.length);
  const changed = range(common).filter((i) => currencyChanged || !isDeepStrictEqual(before[i], after[i]));
  return {
    added: range(after.length).slice(common),
    removed: range(before.length).slice(common),
    changed,
    renamed: changed.filter((i) => before[i]!.label !== after[i]!.label),
  };
}

const NO_PRICING: PricingChanges = { added: [], removed: [], changed: [], renamed: [] };

/** The offerings that differ, in the order of the new catalog (removed ones last). */
export function catalogChanges(before: Catalog, after: Catalog): OfferingChange[] {
  const currencyChanged = before.operator.currency !== after.operator.currency;
  const old = new Map(before.products.map((p) => [p.id, p]));
  const changes: OfferingChange[] = [];
  for (const product of after.products) {
    const was = old.get(product.id);
    if (!was) {
      changes.push({ id: product.id, change: 'created', fields: [], pricing: { ...NO_PRICING, added: range(product.pricing.length) } });
      continue;
    }
    const keys = [...new Set([...Object.keys(was), ...Object.keys(product)])] as (keyof Product)[];
    const fields = keys.filter((k) => !isDeepStrictEqual(was[k], product[k]));
    const pricing = pricingChanges(was.pricing, product.pricing, currencyChanged);
    if (pricing.changed.length > 0 && !fields.includes('pricing')) fields.push('pricing');
    if (fields.length > 0) changes.push({ id: product.id, change: 'changed', fields, pricing });
  }
  const now = new Set(after.products.map((p) => p.id));
  for (const product of before.products) {
    if (!now.has(product.id)) changes.push({ id: product.id, change: 'removed', fields: [], pricing: { ...NO_PRICING, removed: range(product.pricing.length) } });
  }
  return changes;
}
