/**
 * Prices as the catalog defines them: pure functions of catalog data, a selection and a date.
 * Amounts are integer minor units in the operator's currency; dates are UTC (the operator's
 * billing day boundaries are close enough to UTC for quotes).
 */
import type { Bundle, Catalog, Product, Promotion } from './catalog-schema';
import type { ServiceInstance } from '../customers/customer';

/** What a service (held or quoted) is priced on. */
export type PricedService = Pick<ServiceInstance, 'productId' | 'config' | 'features' | 'addons'>;

export const todayOf = (now: Date): string => now.toISOString().slice(0, 10);

export const findProduct = (catalog: Catalog, productId: string): Product | undefined =>
  catalog.products.find((p) => p.id === productId);

/** Recurring components of a product, without configuration or features. */
export const recurringMinor = (product: Product): number =>
  product.pricing.reduce((total, c) => (c.type === 'recurring' ? total + c.amountMinor : total), 0);

export const oneTimeMinor = (product: Product): number =>
  product.pricing.reduce((total, c) => (c.type === 'one-time' ? total + c.amountMinor : total), 0);

/** Monthly delta of each chosen configuration value, with its labels. */
export function configDeltas(product: Product, config: Record<string, string>): { label: string; minor: number }[] {
  return product.config.flatMap((option) => {
    const value = option.values.find((v) => v.id === config[option.key]);
    return value ? [{ label: `${option.label}: ${value.label}`, minor: value.monthlyDeltaMinor }] : [];
  });
}

export function featureCharges(product: Product, features: readonly string[]): { label: string; minor: number }[] {
  return product.features.filter((f) => features.includes(f.id)).map((f) => ({ label: f.label, minor: f.monthlyMinor }));
}

/** The product's own monthly price with its configuration and switched-on features (no add-ons). */
export function productMonthlyMinor(product: Product, config: Record<string, string> = {}, features: readonly string[] = []): number {
  const extras = [...configDeltas(product, config), ...featureCharges(product, features)];
  return extras.reduce((total, e) => total + e.minor, recurringMinor(product));
}

/** A service's monthly price: product, configuration, features and its add-ons' recurring charges. */
export function serviceMonthlyMinor(catalog: Catalog, service: PricedService): number {
  const product = findProduct(catalog, service.productId);
  if (!product) return 0;
  return service.addons.reduce((total, addonId) => {
    const addon = findProduct(catalog, addonId);
    return addon ? total + recurringMinor(addon) : total;
  }, productMonthlyMinor(product, service.config, service.features));
}

/** The cheapest monthly price the product can be had for ("from $55.00 a month"). */
export function fromMonthlyMinor(product: Product): number {
  return product.config.reduce((total, option) => {
    if (!option.required) return total;
    return total + Math.min(...option.values.map((v) => v.monthlyDeltaMinor));
  }, recurringMinor(product));
}

/** Promotions on offer for a product on a date (YYYY-MM-DD), given whether the buyer is a new customer. */
export function validPromotions(catalog: Catalog, productId: string, today: string, opts: { newCustomer: boolean }): Promotion[] {
  return catalog.promotions.filter(
    (p) =>
      p.appliesTo.includes(productId) &&
      p.validFrom <= today &&
      today <= p.validTo &&
      (!p.newCustomersOnly || opts.newCustomer),
  );
}

/** Monthly saving of a promotion on a monthly price (0 for waivers); never more than the price. */
export function promotionMonthlyMinor(promo: Promotion, monthlyMinor: number): number {
  const d = promo.discount;
  if (d.type === 'percent') return Math.round((monthlyMinor * d.percent) / 100);
  if (d.type === 'fixed') return Math.min(d.monthlyMinor, monthlyMinor);
  return 0;
}

export const waivesOneTime = (promos: readonly Promotion[]): boolean => promos.some((p) => p.discount.type === 'waive-one-time');

/** Product ids an account holds (services and their add-ons), disconnected services excluded. */
export function heldProductIds(services: readonly ServiceInstance[]): string[] {
  return services.filter((s) => s.status !== 'disconnected').flatMap((s) => [s.productId, ...s.addons]);
}

export interface AppliedBundle {
  bundle: Bundle;
  /** Monthly saving, positive. */
  minor: number;
}

/**
 * Bundle discounts for an account holding these services. A bundle applies when every one of its
 * products is held; a bundle no longer sold keeps applying only where it applied already
 * (`grandfathered`). Bundles sharing a product do not stack: the larger saving wins.
 */
export function bundleDiscounts(catalog: Catalog, services: readonly PricedService[], grandfathered: readonly string[] = []): AppliedBundle[] {
  const held = new Set(services.flatMap((s) => [s.productId, ...s.addons]));
  const monthlyOf = (productId: string): number =>
    services.reduce((total, s) => {
      if (s.productId === productId) {
        const product = findProduct(catalog, productId);
        return product ? total + productMonthlyMinor(product, s.config, s.features) : total;
      }
      const addon = s.addons.includes(productId) ? findProduct(catalog, productId) : undefined;
      return addon ? total + recurringMinor(addon) : total;
    }, 0);
  const candidates = catalog.bundles
    .filter((b) => b.products.every((id) => held.has(id)) && (b.sellable || grandfathered.includes(b.id)))
    .map((bundle) => {
      const listMinor = bundle.products.reduce((total, id) => total + monthlyOf(id), 0);
      const d = bundle.discount;
      const minor = d.type === 'percent' ? Math.round((listMinor * d.percent) / 100) : Math.min(d.monthlyMinor, listMinor);
      return { bundle, minor };
    })
    .sort((a, b) => b.minor - a.minor || a.bundle.id.localeCompare(b.bundle.id));
  const used = new Set<string>();
  const applied: AppliedBundle[] = [];
  for (const c of candidates) {
    if (c.bundle.products.some((id) => used.has(id))) continue;
    c.bundle.products.forEach((id) => used.add(id));
    applied.push(c);
  }
  return applied;
}

/** Account monthly total: services plus add-ons, minus bundle discounts. */
export function accountMonthlyMinor(catalog: Catalog, services: readonly PricedService[], grandfathered: readonly string[] = []): number {
  const list = services.reduce((total, s) => total + serviceMonthlyMinor(catalog, s), 0);
  return list - bundleDiscounts(catalog, services, grandfathered).reduce((total, b) => total + b.minor, 0);
}

const daysInMonth = (now: Date): number => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();

/** Days left in the current month, today included, and the month's length. */
export function monthDays(now: Date): { remaining: number; used: number; inMonth: number } {
  const inMonth = daysInMonth(now);
  const day = now.getUTCDate();
  return { remaining: inMonth - day + 1, used: day, inMonth };
}

/** A monthly amount pro-rated for the rest of this month (today included) or for the days already used. */
export function proRatedMinor(monthlyMinor: number, now: Date, part: 'remaining' | 'used' = 'remaining'): number {
  const days = monthDays(now);
  const ratio = days[part] / days.inMonth;
  return Math.sign(monthlyMinor) * Math.round(Math.abs(monthlyMinor) * ratio);
}

/** YYYY-MM-DD plus whole months; the day is clamped to the target month's length (Jan 31 + 1 = Feb 28). */
export function addMonths(ymd: string, months: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/** Months left until the contract ends, a started month counting whole; 0 once it has ended. */
export function remainingContractMonths(today: string, contractEnd: string): number {
  if (contractEnd <= today) return 0;
  const [y1, m1, d1] = today.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = contractEnd.split('-').map(Number) as [number, number, number];
  const months = (y2 - y1) * 12 + (m2 - m1) + (d2 > d1 ? 1 : 0);
  return Math.max(1, months);
}

export const underContract = (service: Pick<ServiceInstance, 'contractEnd'>, today: string): boolean =>
  service.contractEnd !== undefined && service.contractEnd > today;

/** Early-termination fee for leaving the product's contract today (0 when not under contract). */
export function earlyTerminationFeeMinor(product: Product, contractEnd: string | undefined, today: string): number {
  if (!product.contract || !contractEnd || contractEnd <= today) return 0;
  const fee = product.contract.earlyTerminationFee;
  return fee.type === 'fixed' ? fee.amountMinor : fee.amountMinor * remainingContractMonths(today, contractEnd);
}
