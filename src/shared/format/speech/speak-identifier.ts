/**
 * Identifiers (account numbers, references, ZIP codes, phone numbers) said the way a person
 * reads them out: digit by digit, in small groups with a pause between ("3 1 0 0, 0 1 0 1"),
 * never as a quantity ("thirty-one million one hundred one").
 *
 * Spaced digits rather than SSML <say-as interpret-as="digits">: <Say> carries plain, escaped
 * text everywhere today (the plan cache, the TwiML reader, the prompt sweep), and the voice is
 * the operator's choice in prompts.<locale>.yaml. Polly neural voices would read <say-as>, but
 * Twilio's basic voices read SSML tags as nothing at all; "3 1 0 0" sounds the same on every voice.
 */
import type { Locale } from './speak-facts';

/** Groups of three and four, never a lone digit or pair at the end: 6 -> 3+3, 8 -> 4+4, 10 -> 3+3+4. */
export function digitGroups(digits: string): string[] {
  const n = digits.length;
  if (n <= 5) return [digits];
  let fours = Math.floor(n / 4);
  while (fours > 0 && (n - fours * 4) % 3 !== 0) fours -= 1;
  const threes = (n - fours * 4) / 3;
  const sizes = [...Array<number>(threes).fill(3), ...Array<number>(fours).fill(4)];
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    out.push(digits.slice(at, at + size));
    at += size;
  }
  return out;
}

const spaced = (s: string): string => s.split('').join(' ');

/** "31000101" -> "3 1 0 0, 0 1 0 1". */
export function speakDigits(digits: string): string {
  return digitGroups(digits).map(spaced).join(', ');
}

const E164 = /^\+(\d{7,15})$/;

/** "+12175550142" -> "2 1 7, 5 5 5, 0 1 4 2" (the North American +1 is not said); other countries keep their code. */
export function speakPhoneNumber(e164: string): string {
  const m = E164.exec(e164);
  if (!m) return e164;
  const digits = m[1];
  if (digits.length === 11 && digits.startsWith('1')) return [digits.slice(1, 4), digits.slice(4, 7), digits.slice(7)].map(spaced).join(', ');
  return speakDigits(digits);
}

const ENDING: Record<Locale, string> = { en: 'ending in', es: 'terminado en' };
/** Longer references are told by their end, as a card or a phone number is. */
const MAX_CHARACTERS_READ = 10;

/**
 * An identifier as words: digits grouped, a phone number as one, letters one by one. A typed
 * id's prefix ("ord_", "LN-") is not said; a long reference is told by its last six characters.
 */
export function speakIdentifier(value: string, locale: Locale): string {
  const v = value.trim();
  if (!v) return '';
  if (E164.test(v)) return speakPhoneNumber(v);
  if (/^\d+$/.test(v)) return speakDigits(v);
  const body = v.replace(/^[A-Za-z]{1,5}[_-](?=[A-Za-z0-9])/, '').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  if (!body) return v;
  if (body.length > MAX_CHARACTERS_READ) return `${ENDING[locale]} ${digitGroups(body.slice(-6)).map(spaced).join(', ')}`;
  return digitGroups(body).map(spaced).join(', ');
}

/** Facts that name something rather than count it: read as identifiers wherever a prompt says them. */
export const IDENTIFIER_FACTS: ReadonlySet<string> = new Set([
  'accountNumber',
  'orderId',
  'ticketId',
  'adjustmentId',
  'extensionId',
  'escalationId',
  'reference',
  'lineId',
  'postalCode',
  'ending',
  'number',
]);

/** The facts with every identifier among them already in words (other facts untouched). */
export function identifiersSpoken<F extends Record<string, unknown>>(facts: F, locale: Locale): F {
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(facts)) {
    if (!IDENTIFIER_FACTS.has(key) || typeof value !== 'string' || !value.trim()) continue;
    out ??= { ...facts };
    out[key] = speakIdentifier(value, locale);
  }
  return (out ?? facts) as F;
}
