/**
 * Channels pass text as spoken or typed; secrets (PINs, one-time codes, card data) must never be
 * stored. Card data goes first and whole: a card number (13 to 19 digits, spaces or dashes between),
 * with the expiry and security code written next to it, becomes "[card redacted]"; an expiry or a
 * security code named as such ("exp 12/27", "CVV: 123", "security code is 4321") anywhere becomes
 * "[redacted]" after its label. Then any run of 4 or more digits, optionally separated by single
 * spaces or dashes ("1-2-3-4"), has each digit replaced by '*'.
 */
const DIGIT_RUN = /\d(?:[ -]?\d){3,}/g;

export const maskDigitRuns = (text: string): string => text.replace(DIGIT_RUN, (run) => run.replace(/\d/g, '*'));

/** 13-19 digits, single spaces or dashes between; not part of an id (`bill-31000105-2026-11`) or a longer run (an expiry may come just before). */
const PAN = /(?<![\w/.-]|(?<![/.]\d{1,3})\d[ -])\d(?:[ -]?\d){12,18}(?![ -]?\d)(?![\w-]*\w)/g;
const EXPIRY = String.raw`(?:0?[1-9]|1[0-2])\s?[/.-]\s?(?:20\d{2}|\d{2})(?!\d)`;
const EXPIRY_LABEL = String.raw`(?:exp(?:iry|ires|iration)?(?:\s+date)?|valid\s+(?:thru|through|until)|good\s+thru|vence|vencimiento|caduca|expira)`;
const CODE_LABEL = String.raw`(?:cvv2?|cvc2?|cv2|cid|csc|security\s+code|card\s+verification(?:\s+(?:value|code))?|code\s+on\s+the\s+back|c[oó]digo\s+de\s+seguridad|c[oó]digo)`;
/** Between parts of a card: separators, a label, "and", "is". */
const GLUE = String.raw`(?:[\s,;:.()#=-]|\b(?:and|y|is|es|the|el|${EXPIRY_LABEL}|${CODE_LABEL})\b)*`;
/** What may follow a card number and belongs to it: expiries and 3-4 digit codes, with glue between. */
const CARD_TAIL = new RegExp(String.raw`^(?:${GLUE}(?:${EXPIRY}|\d{3,4}(?![\d/])))+`, 'i');
/** An expiry just before the number ("12/27 4111 ..."). */
const CARD_HEAD = new RegExp(String.raw`(?:${EXPIRY})[\s,;:]*$`, 'i');
const LABELLED_EXPIRY = new RegExp(String.raw`\b(${EXPIRY_LABEL})(\.?\s*(?:date\s*)?(?:is|es|:|=|-)?\s*)${EXPIRY}`, 'gi');
const LABELLED_CODE = new RegExp(String.raw`\b(${CODE_LABEL})(\.?\s*(?:number\s*)?(?:is|es|:|=|#|-)?\s*)\d{3,4}(?!\d)`, 'gi');

const REDACTED_CARD = '[card redacted]';

/** A run that ends in "NN/" had its last group taken for an expiry month: give it back. */
function trimExpiryMonth(text: string, start: number, end: number): number {
  if (!/^\s?[/.]\s?\d{2}/.test(text.slice(end))) return end;
  const cut = text.slice(start, end).search(/[ -]?\d{1,2}$/);
  const kept = text.slice(start, start + cut).replace(/\D/g, '').length;
  return cut > 0 && kept >= 13 ? start + cut : end;
}

/** Card numbers with their expiry and code, and labelled expiries and codes, taken out of free text. */
export function redactCardData(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(PAN)) {
    const start = m.index ?? 0;
    if (start < from) continue;
    const end = trimExpiryMonth(text, start, start + m[0].length);
    const before = text.slice(from, start);
    const head = CARD_HEAD.exec(before);
    const tail = CARD_TAIL.exec(text.slice(end));
    out += (head ? before.slice(0, head.index) : before) + REDACTED_CARD;
    from = end + (tail ? tail[0].replace(/[\s,;:.]+$/, '').length : 0);
  }
  out += text.slice(from);
  return out.replace(LABELLED_EXPIRY, '$1$2[redacted]').replace(LABELLED_CODE, '$1$2[redacted]');
}

/** Free text as stored: card data out, then digit runs masked. */
export const redactText = (text: string): string => maskDigitRuns(redactCardData(text));

const SECRET_KEY = /^(pin|newpin|currentpin|password|passcode|otp|onetimecode|code|secret|cardnumber|card|pan|cvv|cvc|expiry|dtmf|digits)$/i;

/** Step details are structured; drop values under keys that name a secret, take card data out of text values. */
export function redactDetail(detail: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!detail) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : typeof value === 'string' ? redactCardData(value) : value;
  }
  return out;
}
