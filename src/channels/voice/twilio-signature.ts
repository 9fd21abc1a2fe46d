/**
 * X-Twilio-Signature: HMAC-SHA1 (auth token) of the URL Twilio requested followed by the POST
 * params sorted by name. The URL is rebuilt from config.publicBaseUrl + the path, so it holds
 * behind TLS-terminating proxies. The fast path computes it once; only a mismatch falls back to
 * twilio.validateRequest, which also tries the port and legacy query-string variants.
 */
import crypto from 'node:crypto';
import twilio from 'twilio';

export type FormParams = Record<string, string | string[]>;

export function expectedSignature(authToken: string, url: string, params: FormParams): string {
  const hmac = crypto.createHmac('sha1', authToken);
  hmac.update(url, 'utf8');
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (Array.isArray(value)) for (const v of [...new Set(value)].sort()) hmac.update(name + v, 'utf8');
    else hmac.update(name + value, 'utf8');
  }
  return hmac.digest('base64');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function isValidTwilioSignature(authToken: string, signature: string | undefined, url: string, params: FormParams): boolean {
  if (!signature) return false;
  if (sameText(signature, expectedSignature(authToken, url, params))) return true;
  return twilio.validateRequest(authToken, signature, url, params);
}
