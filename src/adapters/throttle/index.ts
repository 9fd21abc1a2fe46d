/**
 * The Throttle and RateLimit ports on rate-limiter-flexible: shared across instances through
 * Redis when given, in-process otherwise. If Redis fails, an in-memory insurance limiter takes
 * over, so our outage neither locks callers out nor lifts the limit entirely.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import type { RateLimit, RateLimitState, Throttle } from '../../domain/shared/ports';

export interface ThrottleOptions {
  /** Consumptions allowed per key in each window. */
  points: number;
  durationSec: number;
  /** Once over budget, the key stays refused this long (default: until the window ends). */
  blockDurationSec?: number;
  redis?: Redis;
  /** Namespace of the keys (within the client's own key prefix). */
  keyPrefix?: string;
}

export type Limiter = Throttle & RateLimit;

export function createThrottle(opts: ThrottleOptions): Limiter {
  const keyPrefix = opts.keyPrefix ?? 'throttle';
  const base = { points: opts.points, duration: opts.durationSec, blockDuration: opts.blockDurationSec ?? 0, keyPrefix };
  const memory = new RateLimiterMemory(base);
  const limiter: RateLimiterAbstract = opts.redis ? new RateLimiterRedis({ ...base, storeClient: opts.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory }) : memory;

  const state = (res: RateLimiterRes, allowed: boolean): RateLimitState => ({ allowed, consumed: res.consumedPoints, retryAfterMs: Math.max(0, res.msBeforeNext) });

  async function hit(key: string): Promise<RateLimitState> {
    try {
      return state(await limiter.consume(key, 1), true);
    } catch (e) {
      if (e instanceof RateLimiterRes) return state(e, false);
      throw e;
    }
  }

  return {
    hit,
    async consume(key) {
      return (await hit(key)).allowed;
    },
    async peek(key) {
      const res = await limiter.get(key);
      return res ? state(res, res.consumedPoints <= opts.points) : null;
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}
