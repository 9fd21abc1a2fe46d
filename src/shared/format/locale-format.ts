/**
 * One formatter for values shown as text, per locale: money, dates, months, times (in the
 * operator's time zone), phone numbers, account numbers and counts. Chat and the portal show
 * these; the IVR says the same values in words (./speech). index.ts is the one entry to both.
 */
import type { Money } from '../../domain/shared/money';
import { LOCALE_TAGS, type Locale } from '../wording/locales';

export type TextLocale = Locale;

const INTL = LOCALE_TAGS;
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
export const ISO_MONTH = /^\d{4}-\d{2}$/;
export const E164 = /^\+\d{10,15}$/;

export const isMoney = (v: unknown): v is Money => typeof v === 'object' && v !== null && typeof (v as Money).amountMinor === 'number' && typeof (v as Money).currency === 'string';

export function formatMoney(m: Money, locale: TextLocale): string {
  return cached(`m|${locale}|${m.currency}`, () => new Intl.NumberFormat(INTL[locale], { style: 'currency', currency: m.currency })).format(m.amountMinor / 100);
}

/** "November 20, 2026" / "20 de noviembre de 2026" (a calendar day: no time zone applies). */
export function formatDate(isoDay: string, locale: TextLocale): string {
  return cached(`d|${locale}`, () => new Intl.DateTimeFormat(INTL[locale], { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' })).format(new Date(`${isoDay.slice(0, 10)}T12:00:00Z`));
}

/** "November 2026" / "noviembre de 2026" (a bill's period). */
export function formatMonth(isoMonth: string, locale: TextLocale): string {
  return cached(`mo|${locale}`, () => new Intl.DateTimeFormat(INTL[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' })).format(new Date(`${isoMonth}-15T12:00:00Z`));
}

/** "Tue, Dec 1, 8:00 AM CST" in the operator's time zone (never UTC unless the operator is). */
export function formatDateTime(iso: string, locale: TextLocale, timeZone: string): string {
  return cached(`dt|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(INTL[locale], { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' })).format(new Date(iso));
}

/** "8:05 AM CST": a time of today (a wallboard's "as of") in the operator's time zone. */
export function formatTime(iso: string, locale: TextLocale, timeZone: string): string {
  return cached(`t|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(INTL[locale], { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' })).format(new Date(iso));
}

/** "2026-11-26": the calendar day an instant falls on in the operator's time zone (not UTC's). */
export function isoDayIn(iso: string, timeZone: string): string {
  return cached(`day|${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })).format(new Date(iso));
}

/** "Tuesday, December 1, 8:00 AM – 12:00 PM CST": a window (a technician's visit) in the operator's time zone, the day said once. */
export function formatDateTimeRange(startIso: string, endIso: string, locale: TextLocale, timeZone: string): string {
  return cached(`dtr|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(INTL[locale], { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' })).formatRange(new Date(startIso), new Date(endIso));
}

/** "+16185550142" -> "(618) 555-0142" for North American numbers; others keep their digits grouped. */
export function formatPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (m) return `(${m[1]}) ${m[2]}-${m[3]}`;
  return e164.replace(/^(\+\d{1,3})(\d+)$/, (_x, cc: string, rest: string) => `${cc} ${rest.replace(/(\d{3,4})(?=\d)/g, '$1 ')}`);
}

/** An account number in groups of four, for reading back. */
export const formatAccount = (n: string): string => n.replace(/\s+/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');

/** A change in price with its sign ("+$20.00", "-$15.00"). */
export function formatSignedMoney(m: Money, locale: TextLocale): string {
  return cached(`ms|${locale}|${m.currency}`, () => new Intl.NumberFormat(INTL[locale], { style: 'currency', currency: m.currency, signDisplay: 'exceptZero' })).format(m.amountMinor / 100);
}

/** "Tuesday, November 24, 2026": a calendar day in full (a form's fact, an appointment's day). */
export function formatDayLong(isoDay: string, locale: TextLocale): string {
  return cached(`dl|${locale}`, () => new Intl.DateTimeFormat(INTL[locale], { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' })).format(new Date(`${isoDay.slice(0, 10)}T12:00:00Z`));
}

/** "Nov 24, 2026": a calendar day in a list or table. */
export function formatDayShort(isoDay: string, locale: TextLocale): string {
  return cached(`ds|${locale}`, () => new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'medium', timeZone: 'UTC' })).format(new Date(`${isoDay.slice(0, 10)}T00:00:00Z`));
}

/** "Tuesday, November 24, 1:00 PM CST": a moment in full, in the operator's time zone. */
export function formatMomentLong(iso: string, locale: TextLocale, timeZone: string): string {
  return cached(`ml|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(INTL[locale], { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' })).format(new Date(iso));
}

/** "Nov 24, 2026, 1:00 PM": a moment in a list, in the operator's time zone. */
export function formatMomentShort(iso: string, locale: TextLocale, timeZone: string): string {
  return cached(`mm|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(new Date(iso));
}

export function formatCount(n: number, locale: TextLocale): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(INTL[locale])).format(n);
}

/** Values inside a text (a label, a note): phone numbers, days and months written as people write them. */
export function formatInText(text: string, locale: TextLocale, timeZone: string): string {
  if (ISO_MONTH.test(text)) return formatMonth(text, locale);
  if (ISO_DATE.test(text)) return formatDate(text, locale);
  if (ISO_DATE_TIME.test(text)) return formatDateTime(text, locale, timeZone);
  return text
    .replace(/\+\d{10,15}\b/g, (n) => formatPhone(n))
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatDate(d, locale))
    .replace(/\b(\d{4}-\d{2})\b(?!-)/g, (mo) => formatMonth(mo, locale));
}
