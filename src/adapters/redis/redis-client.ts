/**
 * The ioredis client, tuned to fail fast: a webhook (Twilio waits ~15 s, Bot Framework less)
 * must get an answer or a fallback, never hang on a queue of commands for a Redis that is down.
 */
import Redis from 'ioredis';

export type { Redis };

export interface RedisClientOptions {
  keyPrefix?: string;
  /** Connection name shown by CLIENT LIST. */
  name?: string;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

const MAX_RECONNECT_DELAY_MS = 2000;

export function createRedis(url: string, opts: RedisClientOptions = {}): Redis {
  const client = new Redis(url, {
    keyPrefix: opts.keyPrefix,
    connectionName: opts.name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: opts.connectTimeoutMs ?? 1000,
    commandTimeout: opts.commandTimeoutMs ?? 500,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), MAX_RECONNECT_DELAY_MS),
  });
  // Without a listener ioredis reports every failed reconnect as an unhandled 'error' event;
  // callers see failures through their commands and pingRedis.
  client.on('error', () => undefined);
  return client;
}

/** True when Redis answers PING now (readiness probe); never throws. */
export async function pingRedis(redis: Redis): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}

/** Resolves when the client is ready; rejects after `ms` (start-up waits for Redis briefly). */
export function waitForRedis(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis not ready after ${ms} ms (status ${redis.status})`));
    }, ms);
    redis.once('ready', onReady);
  });
}
