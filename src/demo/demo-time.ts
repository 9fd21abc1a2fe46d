/** Date arithmetic for the demo data: everything is placed relative to the clock's now, in UTC. */
const DAY_MS = 86_400_000;

export const isoDay = (at: Date): string => at.toISOString().slice(0, 10);
export const daysAgo = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);
export const plusDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);
export const hoursAgo = (now: Date, hours: number): Date => new Date(now.getTime() - hours * 3_600_000);

/** The same day of month (clamped to 28) `months` months earlier, at 09:00 UTC. */
export function monthsAgo(now: Date, months: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, Math.min(now.getUTCDate(), 28), 9));
}

/** `at` plus whole calendar months (day clamped to 28), as YYYY-MM-DD. */
export function addMonthsDay(at: Date, months: number): string {
  return isoDay(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, Math.min(at.getUTCDate(), 28))));
}

/**
 * Bill k (0 = latest) is issued on the same day each month, the latest 8-11 days before now,
 * and is due 21 days after issue: the latest is still open, the one before is 17-21 days past due
 * if unpaid, the oldest 47-51 days.
 */
export function billDates(now: Date, k: number): { issuedAt: Date; period: string; dueDate: string } {
  const anchor = daysAgo(now, 8);
  const issuedAt = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - k, Math.min(anchor.getUTCDate(), 28), 6));
  return { issuedAt, period: issuedAt.toISOString().slice(0, 7), dueDate: isoDay(plusDays(issuedAt, 21)) };
}
