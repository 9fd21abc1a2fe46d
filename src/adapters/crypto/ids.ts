/**
 * Ids like `ord_01J9ZK3M8QX4T7VBN2CD`: an optional prefix, then 20 Crockford base32 characters,
 * 9 of time (milliseconds, so ids sort by creation until the year 3084) and 11 random
 * (55 bits from the CSPRNG).
 */
import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '../../domain/shared/ports';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 9;
const RANDOM_CHARS = 11;
const PREFIX = /^[a-z][a-z0-9]{0,15}$/;

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < TIME_CHARS; i += 1) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomChars(): string {
  const bytes = randomBytes(RANDOM_CHARS);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

export function createIds(now: () => number = Date.now): IdGenerator {
  return {
    next(prefix?: string): string {
      if (prefix !== undefined && !PREFIX.test(prefix)) throw new Error(`id prefix must be lowercase letters and digits: ${prefix}`);
      const body = encodeTime(now()) + randomChars();
      return prefix ? `${prefix}_${body}` : body;
    },
  };
}
