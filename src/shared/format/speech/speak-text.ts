/**
 * The last pass over every spoken sentence: values that reach speech as written text (a note
 * from the domain, a catalog label, an option's period) are said as a person says them.
 * "$9.62" -> "nine dollars and sixty-two cents"; "2028-11-27" -> "November 27th, 2028";
 * "the 2026-11 bill" -> "the November 2026 bill"; "+16185550142" -> "ending in 0 1 4 2";
 * a run of six or more digits (an account number, a reference) -> "3 1 0 0, 0 1 0 1", and the
 * ZIP code closing an address ("Riverton, IL, 62701") digit by digit, as a person reads them out.
 */
import { speakDate, speakMoney, type Locale } from './speak-facts';
import { speakDigits } from './speak-identifier';

const MONEY = /([+-])?\$\s?(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{2}))?/g;
const ISO_DAY_TIME = /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;
const ISO_MONTH = /\b(\d{4})-(\d{2})\b(?!-)/g;
const E164 = /\+\d{10,15}\b/g;
/** Digits that are no amount: not part of a decimal or a thousands-separated number. */
const DIGIT_RUN = /(?<![\d.,$])\b\d{6,}\b(?![.,]\d)/g;
/** The ZIP code closing an address, after its state ("Riverton, IL, 62701", "Lakeview, Illinois, 62705-1234"). */
const ZIP = /(?<=[A-Za-z], )(\d{5})(?:-(\d{4}))?(?=[.,;)](?:\s|$)|$)/g;

const monthName = (year: number, month: number, locale: Locale): string =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'es-MX', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 15)));

const digits = (s: string): string => s.split('').join(' ');

export function speakText(text: string, locale: Locale, timeZone = 'UTC'): string {
  if (!/[$+]|\d{4}-\d{2}|\d{5}/.test(text)) return text;
  return text
    .replace(MONEY, (_m, sign: string | undefined, major: string, minor: string | undefined) => {
      const amountMinor = Number(major.replace(/,/g, '')) * 100 + Number(minor ?? 0);
      const words = speakMoney({ amountMinor, currency: 'USD' }, locale);
      if (sign === '-') return locale === 'en' ? `minus ${words}` : `menos ${words}`;
      return sign === '+' ? (locale === 'en' ? `plus ${words}` : `más ${words}`) : words;
    })
    .replace(ISO_DAY_TIME, (iso) => {
      const said = speakDate(iso, locale, timeZone);
      const year = iso.slice(0, 4);
      return iso.length === 10 ? (locale === 'en' ? `${said}, ${year}` : `${said} de ${year}`) : said;
    })
    .replace(ISO_MONTH, (_m, y: string, mo: string) => {
      const month = monthName(Number(y), Number(mo), locale);
      return locale === 'en' ? `${month} ${y}` : `${month} de ${y}`;
    })
    .replace(E164, (n) => (locale === 'en' ? `ending in ${digits(n.slice(-4))}` : `terminado en ${digits(n.slice(-4))}`))
    .replace(ZIP, (_m, zip: string, plus4: string | undefined) => `${digits(zip)}${plus4 ? `, ${digits(plus4)}` : ''}`)
    .replace(DIGIT_RUN, (run) => speakDigits(run));
}
