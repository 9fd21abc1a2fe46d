/**
 * Picks the call-state store: Redis when a URL is given, else in-process. The Redis client is
 * tuned for webhooks: no offline queue (fail fast when Redis is down, the IVR then apologises
 * and queues the caller), short command timeout, one retry, auto-pipelining under load.
 */
import Redis from 'ioredis';
import type { CallStateStore } from '../../channels/voice/call-state';
import { createMemoryCallStateStore } from './memory-call-state';
import { createRedisCallStateStore } from './redis-call-state';

export const CALL_STATE_TTL_SEC = 2 * 60 * 60;

export function createVoiceRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    commandTimeout: 800,
    connectTimeout: 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

export function createCallStateStore(opts: { redisUrl?: string; redis?: Redis; keyPrefix: string; ttlSec?: number }): CallStateStore {
  const ttlSec = opts.ttlSec ?? CALL_STATE_TTL_SEC;
  if (opts.redis) return createRedisCallStateStore({ redis: opts.redis, keyPrefix: opts.keyPrefix, ttlSec });
  if (opts.redisUrl) return createRedisCallStateStore({ redis: createVoiceRedis(opts.redisUrl), keyPrefix: opts.keyPrefix, ttlSec, ownsClient: true });
  return createMemoryCallStateStore({ ttlSec });
}
