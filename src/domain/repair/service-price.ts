import type { Product } from '../catalog/catalog-schema';
import type { ServiceInstance } from '../customers/customer';
import type { Outage } from './ticket';
import { money, type Money } from '../shared/money';

const DAY_MS = 86_400_000;
/** Outage credits pro-rate over a 30-day month, so a day is worth the same in every month. */
export const DAYS_PER_MONTH = 30;

/** Monthly price of a service: the product's recurring charges, chosen config deltas and switched-on features. */
export function monthlyPriceOf(service: Pick<ServiceInstance, 'config' | 'features'>, product: Product, currency: string): Money {
  const recurring = product.pricing.reduce((n, c) => (c.type === 'recurring' ? n + c.amountMinor : n), 0);
  const config = product.config.reduce((n, option) => {
    const chosen = option.values.find((v) => v.id === (service.config[option.key] ?? option.default));
    return n + (chosen?.monthlyDeltaMinor ?? 0);
  }, 0);
  const features = product.features.reduce((n, f) => (service.features.includes(f.id) ? n + f.monthlyMinor : n), 0);
  return money(recurring + config + features, currency);
}

/** Whole days the outage has lasted so far, rounded up, at least one. */
export const outageDays = (outage: Pick<Outage, 'startedAt'>, now: Date): number =>
  Math.max(1, Math.ceil((now.getTime() - Date.parse(outage.startedAt)) / DAY_MS));

/** The monthly price pro-rated for the outage's days so far (never more than a month). */
export function outageCredit(monthly: Money, outage: Pick<Outage, 'startedAt'>, now: Date): Money {
  const days = Math.min(DAYS_PER_MONTH, outageDays(outage, now));
  return money(Math.ceil((monthly.amountMinor * days) / DAYS_PER_MONTH), monthly.currency);
}
