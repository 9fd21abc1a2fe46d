/** Chat renders values for reading on a screen: money with its currency sign, dates in words. */
import type { Money } from '../../../domain/shared/money';
import type { Locale } from '../dialogs-data/schema';

type FactValue = string | number | boolean | Money | null | string[] | undefined;

const isMoney = (v: unknown): v is Money => typeof v === 'object' && v !== null && 'amountMinor' in v && 'currency' in v;

export function formatMoney(m: Money, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US', { style: 'currency', currency: m.currency }).format(m.amountMinor / 100);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function formatValue(v: FactValue, locale: Locale, words: { yes: string; no: string }): string {
  if (v === null || v === undefined) return '';
  if (isMoney(v)) return formatMoney(v, locale);
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  if (Array.isArray(v)) return v.join('; ');
  if (typeof v === 'string' && DATE.test(v)) {
    return new Date(`${v}T12:00:00Z`).toLocaleDateString(locale === 'es' ? 'es-US' : 'en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  }
  if (typeof v === 'string' && DATETIME.test(v)) {
    return new Date(v).toLocaleString(locale === 'es' ? 'es-US' : 'en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
  }
  return String(v);
}

/** Fills {name} placeholders; unknown names become empty, never "{name}". */
export function fill(template: string, values: Record<string, FactValue>, locale: Locale, words: { yes: string; no: string }): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (_, name: string) => formatValue(values[name], locale, words)).replace(/ {2,}/g, ' ').trim();
}
