/**
 * Times in the console and the supervisor's pages are the operator's (the catalog's
 * operator.timezone), never UTC: a CSR telling a customer "we'll call you back at 10:30" reads the
 * customer's clock. Each one carries its zone ("Tue, Dec 1, 8:00 AM CST") so nobody has to guess;
 * <time datetime> keeps the ISO instant. The browser scripts format with the same options from the
 * zone the page gives them (data-time-zone).
 */
import { formatDateTime, formatDateTimeRange, formatTime, isoDayIn } from '../../shared/format/locale-format';

/** The operator's IANA time zone, read when a page is rendered (the catalog may be reloaded). */
export type TimeZoneOf = () => string;

const valid = (iso: string): boolean => !Number.isNaN(Date.parse(iso));

/** "Tue, Dec 1, 8:00 AM CST". */
export const when = (iso: string, timeZone: string): string => (valid(iso) ? formatDateTime(iso, 'en', timeZone) : iso);

/** "8:05 AM CST". */
export const clockTime = (iso: string, timeZone: string): string => (valid(iso) ? formatTime(iso, 'en', timeZone) : iso);

/** "Tuesday, December 1, 8:00 AM – 12:00 PM CST". */
export const timeWindow = (startIso: string, endIso: string, timeZone: string): string =>
  valid(startIso) && valid(endIso) ? formatDateTimeRange(startIso, endIso, 'en', timeZone) : `${startIso} – ${endIso}`;

/** "Central Time (America/Chicago)": the zone in words, for a page whose days are in it. */
export function zoneName(timeZone: string): string {
  const generic = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
  return generic && generic !== timeZone ? `${generic} (${timeZone})` : timeZone;
}

/** "2026-11-26": the operator's day an instant falls on. */
export const dayOf = (iso: string, timeZone: string): string => (valid(iso) ? isoDayIn(iso, timeZone) : iso.slice(0, 10));
