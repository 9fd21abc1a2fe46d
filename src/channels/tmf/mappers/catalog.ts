/** The catalog as TMF620 productOfferings and productOfferingPrices (one price per pricing component). */
import type { Product } from '../../../domain/catalog/catalog-schema';
import { tmfMoney, type Hrefs } from './refs';

/** A price's id: `<productId>.<n>` (its place in the product's pricing). */
export const priceIdOf = (productId: string, n: number): string => `${productId}.${n + 1}`;

export function offeringPricesOf(product: Product, href: Hrefs, currency: string): Record<string, unknown>[] {
  return product.pricing.map((component, n) => {
    const id = priceIdOf(product.id, n);
    const base = { '@type': 'ProductOfferingPrice', id, href: href('TMF620', 'productOfferingPrice', id), name: component.label, lifecycleStatus: 'Active', isBundle: false };
    if (component.type === 'recurring') return { ...base, priceType: 'recurring', recurringChargePeriodType: 'month', recurringChargePeriodLength: 1, price: tmfMoney({ amountMinor: component.amountMinor, currency }) };
    if (component.type === 'one-time') return { ...base, priceType: 'oneTime', price: tmfMoney({ amountMinor: component.amountMinor, currency }) };
    const first = component.tiers[0]!;
    return {
      ...base,
      priceType: 'usage',
      unitOfMeasure: { amount: 1, units: component.unit },
      price: tmfMoney({ amountMinor: first.unitPriceMinor, currency }),
      description: component.tiers.map((t) => `${t.upTo === null ? 'beyond' : `up to ${t.upTo}`}: ${(t.unitPriceMinor / 100).toFixed(2)} ${currency} per ${component.unit}`).join('; '),
    };
  });
}

export function productOfferingOf(product: Product, href: Hrefs): Record<string, unknown> {
  return {
    '@type': 'ProductOffering',
    id: product.id,
    href: href('TMF620', 'productOffering', product.id),
    name: product.name,
    description: product.description,
    isBundle: false,
    isSellable: product.sellable,
    lifecycleStatus: product.sellable ? 'Launched' : 'Retired',
    category: [{ '@type': 'CategoryRef', id: product.family, name: product.family }],
    productOfferingPrice: product.pricing.map((c, n) => ({ '@type': 'ProductOfferingPriceRef', id: priceIdOf(product.id, n), href: href('TMF620', 'productOfferingPrice', priceIdOf(product.id, n)), name: c.label })),
    productOfferingCharacteristic: product.config.map((o) => ({
      '@type': 'CharacteristicSpecification',
      name: o.key,
      description: o.label,
      valueType: 'string',
      minCardinality: o.required ? 1 : 0,
      maxCardinality: 1,
      characteristicValueSpecification: o.values.map((v) => ({ '@type': 'CharacteristicValueSpecification', valueType: 'string', value: v.id, isDefault: v.id === o.default })),
    })),
    ...(product.contract ? { productOfferingTerm: [{ '@type': 'ProductOfferingTerm', name: 'contract', duration: { amount: product.contract.termMonths, units: 'month' } }] } : {}),
    ...(product.addons.length > 0 ? { productOfferingRelationship: product.addons.map((a) => ({ '@type': 'ProductOfferingRelationship', id: a, href: href('TMF620', 'productOffering', a), relationshipType: 'addOn' })) } : {}),
  };
}
