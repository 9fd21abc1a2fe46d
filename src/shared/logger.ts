/**
 * The one pino logger factory. Secrets never reach a log line: PINs, passwords, one-time codes,
 * tokens, card data and what a caller typed or said (Twilio Digits/SpeechResult) are redacted
 * wherever they appear in the first levels of a logged object, and request bodies are never
 * logged whole.
 */
import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

const SECRET_KEYS = [
  'pin',
  'newPin',
  'password',
  'code',
  'otp',
  'oneTimeCode',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'sessionSecret',
  'authToken',
  'twilioAuthToken',
  'microsoftAppPassword',
  'cardNumber',
  'card',
  'pan',
  'cvv',
  'cvc',
  'expiry',
  'Digits',
  'SpeechResult',
  'UnstableSpeechResult',
  'pinHash',
  'passwordHash',
  'credentials',
];

/** Paths for fast-redact: each key at the top level and up to three levels down. */
export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'body.*',
  'req.body.*',
  '*.body.*',
  'query.*',
  'req.query.*',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]),
];

export interface LoggerConfig {
  level: LoggerOptions['level'];
  /** Extra fields on every line (service name, process role). */
  base?: Record<string, unknown>;
}

/** Error codes (ECONNREFUSED, DomainError codes) are not secrets: keep them out of the `*.code` redaction. */
function serializeError(e: unknown): unknown {
  const out = pino.stdSerializers.err(e as Error) as unknown as Record<string, unknown>;
  if (out && typeof out === 'object' && 'code' in out) {
    const { code, ...rest } = out;
    return { ...rest, errorCode: code };
  }
  return out;
}

export function createLogger(config: LoggerConfig, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.level ?? 'info',
    base: { service: 'telecare', ...config.base },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError, error: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing (tests, library defaults). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
