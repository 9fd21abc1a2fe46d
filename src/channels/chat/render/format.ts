/** Chat renders values for reading on a screen through the one formatter (src/shared/format): money with its sign, dates in words, times in the operator's zone. */
import type { Money } from '../../../domain/shared/money';
import { formatInText, formatMoney, isMoney } from '../../../shared/format/locale-format';
import { renderMessage } from '../../../shared/wording/render';
import type { Locale } from '../dialogs-data/schema';

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

/** A catalog message with the step's facts, through the one ICU engine; a fact the step lacks says nothing. */
export function fill(template: string, values: Record<string, FactValue>, locale: Locale, words: { yes: string; no: string }, timeZone = 'UTC'): string {
  return renderMessage(template, values, { locale, medium: 'text', format: (v) => formatValue(v as FactValue, locale, words, timeZone) });
}
