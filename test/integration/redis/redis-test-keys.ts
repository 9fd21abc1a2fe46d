/** A key prefix per test run, and cleanup of exactly the keys under it. */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

export const REDIS_URL = 'redis://127.0.0.1:6379';
/** A port nothing listens on: a Redis that is down. */
export const DOWN_REDIS_URL = 'redis://127.0.0.1:6390';

export const testPrefix = (area: string): string => `test:${area}:${randomBytes(4).toString('hex')}:`;

export async function deleteKeys(prefix: string): Promise<void> {
  const raw = new Redis(REDIS_URL, { lazyConnect: true });
  try {
    await raw.connect();
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    if (keys.length > 0) await raw.del(...keys);
  } finally {
    raw.disconnect();
  }
}

export async function countKeys(prefix: string): Promise<number> {
  const raw = new Redis(REDIS_URL);
  try {
    return (await raw.keys(`${prefix}*`)).length;
  } finally {
    raw.disconnect();
  }
}
