/** Chat renders values for reading on a screen through the one formatter (src/shared/format): money with its sign, dates in words, times in the operator's zone. */
import type { Money } from '../../../domain/shared/money';
import { formatInText, formatMoney, isMoney } from '../../../shared/format/locale-format';
import type { Locale } from '../dialogs-data/schema';
import { applyIcu } from '../../../shared/format/icu-plurals';

type FactValue = string | number | boolean | Money | null | string[] | undefined;

export { formatMoney };

export function formatValue(v: FactValue, locale: Locale, words: { yes: string; no: string }, timeZone = 'UTC'): string {
  if (v === null || v === undefined) return '';
  if (isMoney(v)) return formatMoney(v, locale);
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  if (Array.isArray(v)) return v.map((x) => formatInText(x, locale, timeZone)).join('; ');
  if (typeof v === 'string') return formatInText(v, locale, timeZone);
  return String(v);
}

/** Fills {name} placeholders; unknown names become empty, never "{name}". */
export function fill(template: string, values: Record<string, FactValue>, locale: Locale, words: { yes: string; no: string }, timeZone = 'UTC'): string {
  return applyIcu(template, values, locale).replace(/\{([a-zA-Z0-9_]+)\}/g, (_, name: string) => formatValue(values[name], locale, words, timeZone)).replace(/ {2,}/g, ' ').trim();
}
