/**
 * The portal's words: the portal's messages of the wording catalog (wording/<locale>.yaml), ICU
 * MessageFormat (intl-messageformat), English and Spanish with the same keys (checked when the
 * catalog loads, so a missing translation stops start-up rather than showing a key). Amounts and
 * dates are formatted here too: in the customer's locale, dates in the operator's time zone.
 */
import { loadWordingCatalog } from '../../shared/wording/catalog';
import { formatDayShort, formatMoney, formatMomentShort, formatMonth } from '../../shared/format/locale-format';
import type * as MessageFormatModule from 'intl-messageformat' with { 'resolution-mode': 'import' };

// intl-messageformat is ESM only; Node 20.19+ loads it with require (no top-level await in it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IntlMessageFormat } = require('intl-messageformat') as typeof MessageFormatModule;
type IntlMessageFormat = MessageFormatModule.IntlMessageFormat;
import type { Money } from '../../domain/shared/money';
import { LOCALE_TAGS, LOCALES } from '../../shared/wording/locales';

export const PORTAL_LOCALES = LOCALES;
export type PortalLocale = (typeof PORTAL_LOCALES)[number];

/** The BCP 47 tag numbers and dates are formatted with (the operator serves the US). */
const FORMAT_TAG = LOCALE_TAGS;

export type MessageValues = Record<string, string | number>;

export interface Words {
  locale: PortalLocale;
  /** The BCP 47 tag for <html lang> and Web Chat. */
  tag: string;
  t(key: string, values?: MessageValues): string;
  money(m: Money): string;
  /** A calendar day (YYYY-MM-DD) as written in this locale (no time-zone shift). */
  day(isoDay: string): string;
  /** A moment (UTC ISO) as a date and time in the operator's time zone. */
  moment(iso: string): string;
  /** A bill period (YYYY-MM) as "November 2026". */
  period(yyyyMm: string): string;
}

export interface Wording {
  words(locale: PortalLocale): Words;
}

/** `wordingDir`: the wording catalog's folder (default: the project's wording/). */
export function loadWording(wordingDir: string | undefined, timeZone: string): Wording {
  const catalog = loadWordingCatalog(wordingDir);
  const catalogs = Object.fromEntries(PORTAL_LOCALES.map((l) => [l, catalog.messages('portal', l)])) as Record<PortalLocale, Readonly<Record<string, string>>>;
  new Intl.DateTimeFormat('en-US', { timeZone }); // an unknown zone throws here, at start-up
  const built = new Map<PortalLocale, Words>();
  const make = (locale: PortalLocale): Words => {
    const tag = FORMAT_TAG[locale];
    const formats = new Map<string, IntlMessageFormat>();
    for (const [key, text] of Object.entries(catalogs[locale])) formats.set(key, new IntlMessageFormat(text, tag, undefined, { ignoreTag: true }));
    return {
      locale,
      tag,
      t(key, values) {
        const f = formats.get(key);
        if (!f) throw new Error(`no portal wording "${key}"`);
        return String(f.format(values));
      },
      money: (m) => formatMoney(m, locale),
      day: (d) => formatDayShort(d, locale),
      moment: (iso) => formatMomentShort(iso, locale, timeZone),
      period: (p) => formatMonth(p, locale),
    };
  };
  return {
    words(locale) {
      let w = built.get(locale);
      if (!w) built.set(locale, (w = make(locale)));
      return w;
    },
  };
}

/** The locale a request asks for: the language cookie, else the best of Accept-Language, else English. */
export function negotiateLocale(cookie: unknown, acceptLanguage: string | undefined): PortalLocale {
  if (cookie === 'en' || cookie === 'es') return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [range, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
      return { lang: range.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) if (r.lang === 'en' || r.lang === 'es') return r.lang;
  return 'en';
}
