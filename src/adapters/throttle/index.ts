/**
 * The Throttle port on rate-limiter-flexible: shared across instances through Redis when given,
 * in-process otherwise. If Redis fails, an in-memory insurance limiter takes over, so our
 * outage neither locks callers out nor lifts the limit entirely.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import type { Throttle } from '../../domain/shared/ports';

export interface ThrottleOptions {
  /** Consumptions allowed per key in each window. */
  points: number;
  durationSec: number;
  redis?: Redis;
  /** Namespace of the keys (within the client's own key prefix). */
  keyPrefix?: string;
}

export function createThrottle(opts: ThrottleOptions): Throttle {
  const keyPrefix = opts.keyPrefix ?? 'throttle';
  const memory = new RateLimiterMemory({ points: opts.points, duration: opts.durationSec, keyPrefix });
  const limiter: RateLimiterAbstract = opts.redis
    ? new RateLimiterRedis({
        storeClient: opts.redis,
        points: opts.points,
        duration: opts.durationSec,
        keyPrefix,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      })
    : memory;

  return {
    async consume(key: string): Promise<boolean> {
      try {
        await limiter.consume(key, 1);
        return true;
      } catch (e) {
        if (e instanceof RateLimiterRes) return false;
        throw e;
      }
    },
  };
}
