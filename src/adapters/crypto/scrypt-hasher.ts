/**
 * PINs and passwords hashed with scrypt and a random salt, encoded as
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url) so the parameters can be raised later
 * without invalidating stored hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { SecretHasher } from '../../domain/shared/ports';

const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const DEFAULT_COST = 16384;
/** Upper bounds for parameters read from a stored hash, so a forged hash cannot exhaust memory. */
const MAX_COST = 1 << 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function derive(secret: string, salt: Buffer, keyLength: number, params: Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>>): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), salt, keyLength, { ...params, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parse(encoded: string): ParsedHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, nText, rText, pText, saltText, hashText] = parts as [string, string, string, string, string, string];
  if (![nText, rText, pText].every((t) => /^[1-9][0-9]{0,7}$/.test(t))) return null;
  const [N, r, p] = [Number(nText), Number(rText), Number(pText)];
  if (!isPowerOfTwo(N) || N > MAX_COST || r > MAX_BLOCK_SIZE || p > MAX_PARALLELISM) return null;
  if (!BASE64URL.test(saltText) || !BASE64URL.test(hashText)) return null;
  const salt = Buffer.from(saltText, 'base64url');
  const hash = Buffer.from(hashText, 'base64url');
  if (salt.length < 8 || hash.length < 16 || hash.length > 128) return null;
  return { N, r, p, salt, hash };
}

export function createScryptHasher(opts: { cost?: number } = {}): SecretHasher {
  const cost = opts.cost ?? DEFAULT_COST;
  if (!isPowerOfTwo(cost) || cost > MAX_COST) throw new Error(`scrypt cost must be a power of two up to ${MAX_COST}, got ${cost}`);
  const params = { N: cost, r: BLOCK_SIZE, p: PARALLELISM };

  return {
    async hash(secret: string): Promise<string> {
      const salt = randomBytes(SALT_BYTES);
      const key = await derive(secret, salt, KEY_BYTES, params);
      return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
    },

    async verify(secret: string, encoded: string): Promise<boolean> {
      if (typeof secret !== 'string' || typeof encoded !== 'string') return false;
      const parsed = parse(encoded);
      if (!parsed) return false;
      try {
        const key = await derive(secret, parsed.salt, parsed.hash.length, parsed);
        return timingSafeEqual(key, parsed.hash);
      } catch {
        return false;
      }
    },
  };
}
