/**
 * When a discontinued service may end: today, or a requested day up to the end of the next
 * billing cycle, where the catalog allows it for the service's family (discontinuation.scheduledFamilies).
 * Billing cycles are calendar months (bills have a YYYY-MM period).
 */
import type { Catalog } from '../catalog/catalog-schema';
import type { ServiceInstance } from '../customers/customer';
import { findProduct } from '../catalog/pricing';
import { fail } from '../shared/errors';

const day = (d: Date): string => d.toISOString().slice(0, 10);
const plusDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);
/** Last day of the month `months` after the one `d` is in (0 = this month). */
const monthEnd = (d: Date, months: number): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months + 1, 0, 12));

export interface EndDates {
  today: string;
  /** The end of the next billing cycle. */
  latest: string;
  /** The days offered in a guided procedure: today, in a week, in two, the end of this and of the next cycle. */
  offered: string[];
}

/** The days this service may end on, or null when it can only end at once. */
export function endDates(catalog: Catalog, service: ServiceInstance, now: Date): EndDates | null {
  const family = findProduct(catalog, service.productId)?.family;
  if (!family || !(catalog.discontinuation.scheduledFamilies ?? []).includes(family)) return null;
  const today = day(now);
  const latest = day(monthEnd(now, 1));
  const offered = [...new Set([today, day(plusDays(now, 7)), day(plusDays(now, 14)), day(monthEnd(now, 0)), latest])].filter((d) => d <= latest).sort();
  return { today, latest, offered };
}

/** The requested day as stored on the order: undefined for today (at once); VALIDATION_FAILED outside the allowed range. */
export function requestedEnd(catalog: Catalog, service: ServiceInstance, now: Date, requested: string | undefined): string | undefined {
  if (requested === undefined) return undefined;
  const today = day(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(requested) || Number.isNaN(Date.parse(`${requested}T00:00:00Z`))) {
    fail('VALIDATION_FAILED', 'the date must be a day written YYYY-MM-DD', { field: 'requestedDate' });
  }
  if (requested === today) return undefined;
  const dates = endDates(catalog, service, now);
  if (!dates) fail('VALIDATION_FAILED', 'this service can only end at once', { field: 'requestedDate', latest: today });
  if (requested < today || requested > dates.latest) {
    fail('VALIDATION_FAILED', `the service can end today or on a day up to ${dates.latest}`, { field: 'requestedDate', earliest: today, latest: dates.latest });
  }
  return requested;
}
