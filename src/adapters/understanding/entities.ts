/**
 * Values inside what the customer said: dates (chrono-node, English and Spanish, in the operator's
 * time zone), amounts of money, ordinals ("the second one", "el último"), yes/no and a bare number.
 */
import * as chrono from 'chrono-node';
import type { DayPart, Entities, NamedDate, Ordinal, UnderstandingLocale } from '../../domain/understanding/language-understanding';
import { stripAccents, wordsToDigits } from './number-words';

const norm = (s: string): string => stripAccents(s.toLowerCase()).replace(/[’']/g, "'").replace(/[^a-z0-9'$.,: ]+/g, ' ').replace(/\s+/g, ' ').trim();

const ORDINALS: Record<UnderstandingLocale, [string, Ordinal][]> = {
  en: [
    ['first', 1], ['1st', 1], ['second', 2], ['2nd', 2], ['third', 3], ['3rd', 3], ['fourth', 4], ['4th', 4], ['fifth', 5], ['5th', 5],
    ['sixth', 6], ['6th', 6], ['seventh', 7], ['7th', 7], ['eighth', 8], ['8th', 8], ['ninth', 9], ['9th', 9], ['tenth', 10],
    ['last', 'last'], ['latest', 'last'], ['most recent', 'last'], ['newest', 'last'], ['final', 'last'], ['bottom', 'last'], ['top', 1], ['earliest', 1], ['soonest', 1],
  ],
  es: [
    ['primero', 1], ['primera', 1], ['primer', 1], ['segundo', 2], ['segunda', 2], ['tercero', 3], ['tercera', 3], ['tercer', 3],
    ['cuarto', 4], ['cuarta', 4], ['quinto', 5], ['quinta', 5], ['sexto', 6], ['sexta', 6], ['septimo', 7], ['septima', 7],
    ['octavo', 8], ['octava', 8], ['noveno', 9], ['novena', 9], ['decimo', 10], ['decima', 10],
    ['ultimo', 'last'], ['ultima', 'last'], ['mas reciente', 'last'], ['mas nuevo', 'last'], ['mas nueva', 'last'], ['mas pronto', 1], ['mas temprano', 1],
  ],
};

const YES: Record<UnderstandingLocale, string[]> = {
  en: ['yes', 'yeah', 'yep', 'yup', 'ya', 'sure', 'ok', 'okay', 'correct', 'right', 'absolutely', 'definitely', 'certainly', 'please do', 'go ahead', 'do it', 'confirm', 'confirmed', 'sounds good', 'that works', "that's fine", 'that is fine', 'fine by me', 'works for me', 'go for it', 'you bet', 'for sure', 'yes i do', 'i would', "that's right", 'of course', 'affirmative', 'i do', 'yes please', 'let s do it', "let's do it", 'why not', 'alright', 'all right', 'fine'],
  es: ['si', 'claro', 'vale', 'ok', 'okay', 'de acuerdo', 'correcto', 'adelante', 'confirmo', 'confirmar', 'por supuesto', 'desde luego', 'perfecto', 'esta bien', 'dale', 'hazlo', 'bueno', 'exacto', 'afirmativo', 'eso es', 'me parece bien', 'por favor', 'asi es', 'va', 'sale', 'cierto', 'esta bien asi'],
};
const NO: Record<UnderstandingLocale, string[]> = {
  en: ['no', 'nope', 'nah', 'negative', 'not now', 'no thanks', 'no thank you', 'not really', 'rather not', "i'd rather not", 'not yet', 'not today', "that's wrong", 'incorrect', 'not at all'],
  es: ['no', 'nel', 'no gracias', 'para nada', 'todavia no', 'mejor no', 'ahora no', 'de ninguna manera', 'negativo', 'incorrecto', 'esta mal', 'prefiero que no', 'ni hablar', 'eso no es correcto', 'no es correcto', 'ahorita no'],
};
const NO_FOLLOWERS: Record<UnderstandingLocale, Set<string>> = {
  en: new Set(['thanks', 'thank', 'way', 'i', 'not', 'sir', 'maam', 'that', 'it', 'please', 'need', 'don', "don't", 'dont', 'just', 'nothing', 'thats', "that's", 'problem', 'worries', 'wrong']),
  es: new Set(['gracias', 'quiero', 'lo', 'por', 'mejor', 'todavia', 'ahora', 'para', 'hace', 'es', 'esta', 'eso', 'senor', 'senora', 'nada', 'problema', 'hay', 'me', 'necesito', 'gracia']),
};
const FILLERS = new Set(['um', 'uh', 'uhm', 'er', 'well', 'oh', 'ah', 'hmm', 'eh', 'pues', 'este', 'mmm', 'bueno,', 'hey', 'oye', 'mira']);

/** A yes or no from how the message starts ("yes please", "no, not now", "sí claro"); undefined when neither. */
export function yesNo(text: string, locale: UnderstandingLocale): boolean | undefined {
  const words = norm(text).replace(/[.,:]/g, ' ').split(' ').filter((w) => w && !FILLERS.has(w));
  const t = words.join(' ');
  const starts = (list: string[]) => list.some((p) => t === p || t.startsWith(`${p} `));
  // A bare "no" begins statements too ("no internet", "no tengo tono"): it is an answer only alone,
  // before a pause, or before words that go with a refusal ("no thanks", "no i don't").
  const bareNo = words[0] === 'no' && words.length > 1 && !NO_FOLLOWERS[locale].has(words[1]) && !/^(no|nope|nah)\s*[,.!]/.test(norm(text));
  const noFirst = !bareNo && starts(NO[locale]);
  const yesFirst = starts(YES[locale]);
  // "no problem, go ahead" / "no hay problema": a yes that starts with no
  if (noFirst && /^no (problem|worries|problema|hay problema)/.test(t)) return true;
  // "no tengo internet" is a statement, not an answer: only a short no counts, or one followed by a pause
  if (noFirst && (words.length <= 4 || /^(no|nope|nah)[,.]/.test(norm(text)))) return false;
  if (yesFirst && !(locale === 'es' && t.startsWith('bueno ') && words.length > 3)) return true;
  return undefined;
}

export function ordinal(text: string, locale: UnderstandingLocale): Ordinal | undefined {
  const t = norm(text).replace(/[.,:]/g, ' ');
  let found: { at: number; value: Ordinal } | undefined;
  for (const [word, value] of ORDINALS[locale]) {
    const at = ` ${t} `.indexOf(` ${word} `);
    if (at >= 0 && (!found || at < found.at)) found = { at, value };
  }
  return found?.value;
}

const PARTS: Record<UnderstandingLocale, [RegExp, DayPart][]> = {
  en: [[/\bmorning\b|\bam\b|\ba\.m\b/, 'morning'], [/\bafternoon\b|\bpm\b|\bp\.m\b|after lunch/, 'afternoon'], [/\bevening\b|\bnight\b|after work/, 'evening']],
  es: [[/por la manana|en la manana|de la manana|temprano/, 'morning'], [/por la tarde|en la tarde|de la tarde|despues de comer/, 'afternoon'], [/por la noche|en la noche|de la noche/, 'evening']],
};

/** YYYY-MM-DD of an instant in a time zone. */
export const dayIn = (instant: Date, timeZone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

const pad = (n: number) => String(n).padStart(2, '0');

export function dates(text: string, locale: UnderstandingLocale, now: Date, timeZone: string): NamedDate[] {
  const plain = stripAccents(text.toLowerCase());
  let part: DayPart | undefined;
  for (const [re, p] of PARTS[locale]) if (re.test(plain)) part ??= p;
  // "el martes por la mañana": "mañana" there is the morning, not tomorrow
  let cleaned = locale === 'es' ? text.replace(/(por|en|de) la mañana/giu, ' ').replace(/(por|en|de) la (tarde|noche)/giu, ' ') : text;
  if (locale === 'es') cleaned = cleaned.replace(/la semana que viene|la pr[oó]xima semana/giu, 'el próximo lunes').replace(/\bel mes que viene\b/giu, 'el próximo mes').replace(/\b(?:el )?(lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo) que viene\b/giu, 'el próximo $1');
  else cleaned = cleaned.replace(/\bnext week\b/gi, 'next monday').replace(/\bthe (\d{1,2})(?:st|nd|rd|th)\b(?! of)/gi, (_m, d) => ordinalDay(Number(d), now, timeZone)).replace(new RegExp(`\\bthe (${Object.keys(DAY_WORDS).join('|')})\\b(?! of)`, 'gi'), (_m, w: string) => ordinalDay(DAY_WORDS[w.toLowerCase()], now, timeZone));
  const parser = locale === 'es' ? chrono.es : chrono.en;
  const ref = { instant: now, timezone: offsetMinutes(now, timeZone) };
  const out: NamedDate[] = [];
  for (const r of parser.parse(cleaned, ref, { forwardDate: true })) {
    const c = r.start;
    const dayKnown = c.isCertain('day') || c.isCertain('weekday');
    const date = `${c.get('year')}-${pad(c.get('month') ?? 1)}-${pad(c.get('day') ?? 1)}`;
    const hour = c.isCertain('hour') ? (c.get('hour') ?? undefined) : undefined;
    const p = part ?? (hour === undefined ? undefined : hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening');
    out.push({ date, dayKnown, ...(p ? { part: p } : {}) });
  }
  return out;
}

const DAY_WORDS: Record<string, number> = Object.fromEntries(
  ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth']
    .map((w, i) => [w, i + 1] as [string, number])
    .concat([['twenty first', 21], ['twenty second', 22], ['twenty third', 23], ['twenty fourth', 24], ['twenty fifth', 25], ['twenty sixth', 26], ['twenty seventh', 27], ['twenty eighth', 28], ['twenty ninth', 29], ['thirtieth', 30], ['thirty first', 31]])
    .filter(([w]) => !['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'].includes(w as string)),
);

/** "the 17th" alone: that day of this month, or of next month when it has passed. */
function ordinalDay(day: number, now: Date, timeZone: string): string {
  const [y, m, d] = dayIn(now, timeZone).split('-').map(Number);
  const month = day >= d ? m : m + 1;
  const year = month > 12 ? y + 1 : y;
  return `${year}-${pad(((month - 1) % 12) + 1)}-${pad(day)}`;
}

/** The zone's offset from UTC at that instant, in minutes (chrono's reference time zone). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

const CURRENCY_WORDS: Record<UnderstandingLocale, string> = { en: 'dollars?|bucks?|usd', es: 'dolares|dolar|pesos?|usd' };
const CENT_WORDS: Record<UnderstandingLocale, string> = { en: 'cents?', es: 'centavos?|centimos?' };

/** Amounts of money in minor units: "$12.50", "12.50", "12 dollars and 50 cents", "twelve fifty", "veinte dólares". */
export function amounts(text: string, locale: UnderstandingLocale): number[] {
  const t = wordsToDigits(norm(text), locale).replace(/(\d),(\d{2})\b/g, '$1.$2');
  const cur = CURRENCY_WORDS[locale];
  const cents = CENT_WORDS[locale];
  const found: number[] = [];
  const patterns: [RegExp, (m: RegExpExecArray) => number][] = [
    [new RegExp(`\\$?\\s?(\\d{1,7}) (?:${cur}) (?:and |y |con )?(\\d{1,2}) (?:${cents})`, 'g'), (m) => Number(m[1]) * 100 + Number(m[2])],
    [new RegExp(`\\$?\\s?(\\d{1,7}) (?:${cur}) (?:and |y |con )?(\\d{2})\\b`, 'g'), (m) => Number(m[1]) * 100 + Number(m[2])],
    [/\$\s?(\d{1,7})(?:\.(\d{1,2}))?/g, (m) => Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))],
    [new RegExp(`(\\d{1,7})(?:\\.(\\d{1,2}))? ?(?:${cur})\\b`, 'g'), (m) => Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))],
    [new RegExp(`\\b(\\d{1,2}) (?:${cents})\\b`, 'g'), (m) => Number(m[1])],
    [/\b(\d{1,7})\.(\d{1,2})\b/g, (m) => Number(m[1]) * 100 + Number(m[2].padEnd(2, '0'))],
  ];
  const taken: [number, number][] = [];
  for (const [re, value] of patterns) {
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const span: [number, number] = [m.index, m.index + m[0].length];
      if (taken.some(([a, b]) => span[0] < b && a < span[1])) continue;
      taken.push(span);
      found.push(value(m));
    }
  }
  // "twelve fifty" / "doce cincuenta" / "12": a lone number (or a pair, dollars then cents) is the amount
  if (found.length === 0) {
    const lone = /^(?:(?:about|around|only|just|unos|solo|como) )?(\d{1,7})(?: (\d{2}))?$/.exec(t.replace(/[.,]/g, '').trim());
    if (lone) found.push(Number(lone[1]) * 100 + Number(lone[2] ?? 0));
  }
  return found;
}

/** A number said alone or as "option 2", "number two", "la opción dos". */
export function bareNumber(text: string, locale: UnderstandingLocale): number | undefined {
  const t = wordsToDigits(norm(text).replace(/[.,]/g, ''), locale);
  const m = /^(?:(?:option|number|press(?:ing)?|la opcion|opcion|el numero|numero|el|la) )?(\d{1,2})$/.exec(t);
  return m ? Number(m[1]) : undefined;
}

export function extractEntities(text: string, locale: UnderstandingLocale, now: Date, timeZone: string): Entities {
  const entities: Entities = { dates: dates(text, locale, now, timeZone), amountsMinor: amounts(text, locale) };
  const o = ordinal(text, locale);
  if (o !== undefined) entities.ordinal = o;
  const yn = yesNo(text, locale);
  if (yn !== undefined) entities.yesNo = yn;
  const n = bareNumber(text, locale);
  if (n !== undefined) entities.number = n;
  return entities;
}
