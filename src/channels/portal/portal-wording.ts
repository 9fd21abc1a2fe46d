/**
 * The portal's words: web-portal/wording/<locale>.json, one flat object of ICU MessageFormat
 * strings (intl-messageformat), English and Spanish with the same keys (checked on load, so a
 * missing translation stops start-up rather than showing a key). Amounts and dates are formatted
 * here too: in the customer's locale, dates in the operator's time zone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as MessageFormatModule from 'intl-messageformat' with { 'resolution-mode': 'import' };

// intl-messageformat is ESM only; Node 20.19+ loads it with require (no top-level await in it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IntlMessageFormat } = require('intl-messageformat') as typeof MessageFormatModule;
type IntlMessageFormat = MessageFormatModule.IntlMessageFormat;
import type { Money } from '../../domain/shared/money';

export const PORTAL_LOCALES = ['en', 'es'] as const;
export type PortalLocale = (typeof PORTAL_LOCALES)[number];

/** The BCP 47 tag numbers and dates are formatted with (the operator serves the US). */
const FORMAT_TAG: Record<PortalLocale, string> = { en: 'en-US', es: 'es-US' };

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

export function loadWording(dir: string, timeZone: string): Wording {
  const catalogs = Object.fromEntries(PORTAL_LOCALES.map((l) => [l, JSON.parse(fs.readFileSync(path.join(dir, `${l}.json`), 'utf8')) as Record<string, string>])) as Record<PortalLocale, Record<string, string>>;
  const keys = new Set(Object.keys(catalogs.en));
  for (const l of PORTAL_LOCALES) {
    const missing = [...keys].filter((k) => typeof catalogs[l][k] !== 'string');
    const extra = Object.keys(catalogs[l]).filter((k) => !keys.has(k));
    if (missing.length || extra.length) throw new Error(`web-portal wording ${l}.json: ${missing.length ? `missing ${missing.join(', ')}` : `unknown ${extra.join(', ')}`}`);
  }
  new Intl.DateTimeFormat('en-US', { timeZone }); // an unknown zone throws here, at start-up
  const built = new Map<PortalLocale, Words>();
  const make = (locale: PortalLocale): Words => {
    const tag = FORMAT_TAG[locale];
    const formats = new Map<string, IntlMessageFormat>();
    for (const [key, text] of Object.entries(catalogs[locale])) formats.set(key, new IntlMessageFormat(text, tag));
    const moneyFormats = new Map<string, Intl.NumberFormat>();
    const dayFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
    const momentFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    const periodFormat = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    return {
      locale,
      tag,
      t(key, values) {
        const f = formats.get(key);
        if (!f) throw new Error(`no portal wording "${key}"`);
        return String(f.format(values));
      },
      money(m) {
        let f = moneyFormats.get(m.currency);
        if (!f) moneyFormats.set(m.currency, (f = new Intl.NumberFormat(tag, { style: 'currency', currency: m.currency })));
        return f.format(m.amountMinor / 100);
      },
      day: (d) => dayFormat.format(new Date(`${d.slice(0, 10)}T00:00:00Z`)),
      moment: (iso) => momentFormat.format(new Date(iso)),
      period: (p) => periodFormat.format(new Date(`${p}-01T00:00:00Z`)),
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
