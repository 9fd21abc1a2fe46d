/**
 * Channels pass text as spoken or typed; secrets (PINs, one-time codes, card numbers) must never
 * be stored. Any run of 4 or more digits, optionally separated by single spaces or dashes
 * ("4111 1111 1111 1111", "1-2-3-4"), has each digit replaced by '*'.
 */
const DIGIT_RUN = /\d(?:[ -]?\d){3,}/g;

export const maskDigitRuns = (text: string): string => text.replace(DIGIT_RUN, (run) => run.replace(/\d/g, '*'));

const SECRET_KEY = /^(pin|newpin|password|passcode|otp|onetimecode|code|secret|cardnumber|card|cvv|cvc|dtmf|digits)$/i;

/** Step details are structured; drop values under keys that name a secret, mask digit runs in free text. */
export function redactDetail(detail: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!detail) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : value;
  }
  return out;
}
