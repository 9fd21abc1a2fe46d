/** Turns domain facts (money, dates, flags, lists) into words a caller understands. */
import type { Money } from '../../../domain/shared/money';
import { englishNumber, spanishNumber } from './number-words';
import { speakDigits, speakPhoneNumber } from './speak-identifier';

export type Locale = 'en' | 'es';

interface CurrencyWords {
  major: [string, string];
  minor: [string, string];
}
const CURRENCIES: Record<Locale, Record<string, CurrencyWords>> = {
  en: {
    USD: { major: ['dollar', 'dollars'], minor: ['cent', 'cents'] },
    CAD: { major: ['dollar', 'dollars'], minor: ['cent', 'cents'] },
    EUR: { major: ['euro', 'euros'], minor: ['cent', 'cents'] },
    MXN: { major: ['peso', 'pesos'], minor: ['centavo', 'centavos'] },
  },
  es: {
    USD: { major: ['dólar', 'dólares'], minor: ['centavo', 'centavos'] },
    CAD: { major: ['dólar', 'dólares'], minor: ['centavo', 'centavos'] },
    EUR: { major: ['euro', 'euros'], minor: ['céntimo', 'céntimos'] },
    MXN: { major: ['peso', 'pesos'], minor: ['centavo', 'centavos'] },
  },
};

export const isMoney = (v: unknown): v is Money =>
  typeof v === 'object' && v !== null && typeof (v as Money).amountMinor === 'number' && typeof (v as Money).currency === 'string';

/** "forty-two dollars and fifty cents" / "cuarenta y dos dólares con cincuenta centavos". */
export function speakMoney(m: Money, locale: Locale): string {
  const words = CURRENCIES[locale][m.currency] ?? { major: [m.currency, m.currency], minor: ['cent', 'cents'] };
  const negative = m.amountMinor < 0;
  const abs = Math.abs(m.amountMinor);
  const major = Math.floor(abs / 100);
  const minor = abs % 100;
  const say = (n: number, noun: [string, string]): string => {
    if (locale === 'en') return `${englishNumber(n)} ${n === 1 ? noun[0] : noun[1]}`;
    const de = n >= 1_000_000 && n % 1_000_000 === 0 ? ' de' : '';
    return `${spanishNumber(n, true)}${de} ${n === 1 ? noun[0] : noun[1]}`;
  };
  let text: string;
  if (major === 0 && minor > 0) text = say(minor, words.minor);
  else if (minor === 0) text = say(major, words.major);
  else text = `${say(major, words.major)} ${locale === 'en' ? 'and' : 'con'} ${say(minor, words.minor)}`;
  if (!negative) return text;
  return locale === 'en' ? `a credit of ${text}` : `un saldo a favor de ${text}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function englishOrdinal(day: number): string {
  const mod100 = day % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: Locale, timeZone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'es-MX', { timeZone, ...opts });
    formatters.set(key, f);
  }
  return f;
}

/** "November 20th" / "20 de noviembre"; a date-time adds the hour ("at 8:00 AM" / "a las 8:00"). */
export function speakDate(iso: string, locale: Locale, timeZone = 'UTC'): string {
  const withTime = ISO_DATE_TIME.test(iso);
  const date = new Date(withTime ? iso : `${iso}T12:00:00.000Z`);
  const zone = withTime ? timeZone : 'UTC';
  const parts = fmt(locale, zone, { month: 'long', day: 'numeric' }).formatToParts(date);
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  const day = Number(parts.find((p) => p.type === 'day')?.value ?? '1');
  const dayText = locale === 'en' ? `${month} ${englishOrdinal(day)}` : `${day} de ${month}`;
  if (!withTime) return dayText;
  const time = fmt(locale, zone, { hour: 'numeric', minute: '2-digit', hour12: locale === 'en' }).format(date).replace(/^0(\d)/, '$1');
  return locale === 'en' ? `${dayText} at ${time}` : `${dayText} a las ${time}`;
}

/** A bill's period (YYYY-MM) as its month: "November 2026" / "noviembre de 2026". */
export function speakMonth(period: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}$/.test(period)) return period;
  const month = fmt(locale, 'UTC', { month: 'long' }).format(new Date(`${period}-15T12:00:00.000Z`));
  const year = period.slice(0, 4);
  return locale === 'en' ? `${month} ${year}` : `${month} de ${year}`;
}

/** One fact as words; null/undefined/'' give '' (the prompt's optional segment then drops). */
export function speakFact(value: unknown, locale: Locale, timeZone = 'UTC'): string {
  if (value === null || value === undefined) return '';
  if (isMoney(value)) return speakMoney(value, locale);
  if (typeof value === 'boolean') return value ? (locale === 'en' ? 'yes' : 'sí') : '';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => speakFact(v, locale, timeZone)).filter(Boolean);
    if (items.length <= 1) return items.join('');
    // Whole sentences (notes) are read one after another, not as a list.
    if (items.some((i) => /[.!?]$/.test(i))) return items.map((i) => (/[.!?]$/.test(i) ? i : `${i}.`)).join(' ');
    return `${items.slice(0, -1).join(', ')} ${locale === 'en' ? 'and' : 'y'} ${items[items.length - 1]}`;
  }
  if (typeof value === 'string') {
    if (ISO_DATE.test(value) || ISO_DATE_TIME.test(value)) return speakDate(value, locale, timeZone);
    // A phone number or a long run of digits names something: read digit by digit, never as an amount.
    if (/^\+\d{7,15}$/.test(value)) return speakPhoneNumber(value);
    if (/^\d{6,}$/.test(value)) return speakDigits(value);
    return value;
  }
  return '';
}

const KEY_NAMES: Record<Locale, Record<string, string>> = {
  en: { '*': 'star', '#': 'pound' },
  es: { '*': 'asterisco', '#': 'la tecla de número' },
};

/** A keypad key as said aloud ("star", "asterisco"). */
export const keyName = (key: string, locale: Locale): string => KEY_NAMES[locale][key] ?? key;
