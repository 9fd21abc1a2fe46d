/**
 * The procedure forms' words: the portal's messages of the wording catalog (wording/<locale>.yaml),
 * ICU MessageFormat strings (intl-messageformat) keyed by the domain's step prompt keys (`bill-adjustment.amount`),
 * fact names (`fact.monthlyDelta`), refusal reason codes (`refusal.account-suspended`) and error
 * codes (`error.AMOUNT_NOT_VALID`). English and Spanish hold the same keys (checked on load, so a
 * missing translation stops start-up instead of showing a key). Facts are formatted before they
 * reach a message: amounts in the customer's locale, days as calendar days, moments in the
 * operator's time zone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as MessageFormatModule from 'intl-messageformat' with { 'resolution-mode': 'import' };
import type { Money } from '../../../domain/shared/money';
import { loadWordingCatalog } from '../../../shared/wording/catalog';
import { formatCount, formatDayLong, formatMoney, formatMomentLong, formatDateTimeRange, formatMonth, formatSignedMoney } from '../../../shared/format/locale-format';
import { LOCALE_TAGS, LOCALES } from '../../../shared/wording/locales';

// intl-messageformat is ESM only; Node 20.19+ loads it with require (it has no top-level await).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IntlMessageFormat } = require('intl-messageformat') as typeof MessageFormatModule;

export const PROCEDURE_LOCALES = LOCALES;
export type ProcedureLocale = (typeof PROCEDURE_LOCALES)[number];

const TAG = LOCALE_TAGS;

export type FactValue = string | number | boolean | Money | null | string[] | undefined;
export type MessageValues = Record<string, string | number>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const isMoney = (v: unknown): v is Money =>
  typeof v === 'object' && v !== null && typeof (v as Money).amountMinor === 'number' && typeof (v as Money).currency === 'string';

export interface ProcedureWords {
  locale: ProcedureLocale;
  tag: string;
  has(key: string): boolean;
  /** The message, or `fallback` (else the key) when there is none. */
  t(key: string, values?: MessageValues, fallback?: string): string;
  /** A fact as text: money, calendar day, moment (operator's time zone), yes/no, lists. */
  value(v: FactValue): string;
  /** Every fact formatted for a message (booleans as 'true'/'false' for `select`). */
  values(facts: Record<string, FactValue>): MessageValues;
  /** A bill period (YYYY-MM) as "November 2026". */
  month(yyyyMm: string): string;
  /** Two moments as one range in the operator's time zone ("Monday, November 23, 8:00 AM – 12:00 PM CST"). */
  range(startIso: string, endIso: string): string;
  /** An amount with its sign (+$20.00, -$15.00): a change in price. */
  signed(m: Money): string;
}

export interface ProcedureWording {
  words(locale: ProcedureLocale): ProcedureWords;
}

/** The project's web-portal/ folder, found by walking up (works from src/ and dist/src/). */
export function webPortalDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'web-portal');
    if (fs.existsSync(path.join(candidate, 'views', 'procedures'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no web-portal/views/procedures above ${from}`);
  }
}

/** `wordingDir`: the wording catalog's folder (default: the project's wording/). */
export function loadProcedureWording(opts: { wordingDir?: string; timeZone: () => string }): ProcedureWording {
  const catalog = loadWordingCatalog(opts.wordingDir);
  const catalogs = Object.fromEntries(PROCEDURE_LOCALES.map((l) => [l, catalog.messages('portal', l)])) as Record<ProcedureLocale, Readonly<Record<string, string>>>;
  // Compiled once per message: a syntax error stops start-up with the key.
  const compiled = Object.fromEntries(
    PROCEDURE_LOCALES.map((l) => [
      l,
      new Map(Object.entries(catalogs[l]).map(([k, text]) => {
        try {
          return [k, new IntlMessageFormat(text, TAG[l], undefined, { ignoreTag: true })];
        } catch (e) {
          throw new Error(`${catalog.file(l)} "${k}": ${(e as Error).message}`);
        }
      })),
    ]),
  ) as Record<ProcedureLocale, Map<string, MessageFormatModule.IntlMessageFormat>>;

  function words(locale: ProcedureLocale): ProcedureWords {
    const tag = TAG[locale];
    const messages = compiled[locale];
    const t = (key: string, values: MessageValues = {}, fallback?: string): string => {
      const m = messages.get(key);
      if (!m) return fallback ?? key;
      try {
        return String(m.format(values));
      } catch {
        // A value the message names is missing (a fact the domain left out): the fallback, never a broken page.
        return fallback ?? key;
      }
    };
    const value = (v: FactValue): string => {
      if (v === null || v === undefined) return '';
      if (isMoney(v)) return formatMoney(v, locale);
      if (typeof v === 'boolean') return t(v ? 'ui.yes' : 'ui.no');
      if (Array.isArray(v)) return v.join('; ');
      if (typeof v === 'number') return formatCount(v, locale);
      if (DAY.test(v)) return formatDayLong(v, locale);
      if (MOMENT.test(v)) return formatMomentLong(v, locale, opts.timeZone());
      return v;
    };
    const values = (facts: Record<string, FactValue>): MessageValues =>
      Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : typeof v === 'number' ? v : value(v)]));
    const month = (yyyyMm: string): string => formatMonth(yyyyMm, locale);
    const range = (startIso: string, endIso: string): string => formatDateTimeRange(startIso, endIso, locale, opts.timeZone());
    const signed = (m: Money): string => formatSignedMoney(m, locale);
    return { locale, tag, has: (key) => messages.has(key), t, value, values, month, range, signed };
  }

  return { words };
}
