/**
 * Call state in Redis: one hash per CallSid ({v: version, d: JSON, k: last request hash,
 * t: last TwiML, kept apart so the XML is not JSON-escaped each step) with a TTL refreshed on
 * every write. Writes are a compare-and-set in one Lua script, so concurrent or retried
 * webhooks cannot overwrite each other. One HMGET plus one EVALSHA per call step, and a lock
 * (SET NX PX, released by a script) so a retry racing the first request in another process waits.
 */
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { CallState, CallStateStore, Versioned } from '../../channels/voice/call-state';

const CAS_SCRIPT = `
local cur = redis.call('HGET', KEYS[1], 'v')
if (cur or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[3], 'k', ARGV[5], 't', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/** Deletes the lock only if it is still ours (it may have expired and been taken by another). */
const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

type CasClient = Redis & {
  voiceCallCas(key: string, expected: string, next: string, json: string, ttlMs: string, lastKey: string, lastTwiml: string): Promise<number>;
  voiceCallUnlock(key: string, token: string): Promise<number>;
};

export interface RedisCallStateOptions {
  redis: Redis;
  /** e.g. config.redisKeyPrefix; keys are `${keyPrefix}voice:call:<CallSid>`. */
  keyPrefix: string;
  ttlSec: number;
  /** Close the client on close() (true when the store created it). */
  ownsClient?: boolean;
}

export function createRedisCallStateStore(opts: RedisCallStateOptions): CallStateStore {
  const redis = opts.redis as CasClient;
  if (typeof redis.voiceCallCas !== 'function') redis.defineCommand('voiceCallCas', { numberOfKeys: 1, lua: CAS_SCRIPT });
  if (typeof redis.voiceCallUnlock !== 'function') redis.defineCommand('voiceCallUnlock', { numberOfKeys: 1, lua: UNLOCK_SCRIPT });
  const ttlMs = String(opts.ttlSec * 1000);
  const key = (sid: string) => `${opts.keyPrefix}voice:call:${sid}`;
  return {
    async get(callSid): Promise<Versioned<CallState> | null> {
      const [v, d, k, t] = await redis.hmget(key(callSid), 'v', 'd', 'k', 't');
      if (v === null || d === null) return null;
      const value = JSON.parse(d) as CallState;
      if (k) value.lastKey = k;
      if (t) value.lastTwiml = t;
      return { version: Number(v), value };
    },
    async compareAndSet(callSid, expected, value) {
      const { lastKey, lastTwiml, ...rest } = value;
      const ok = await redis.voiceCallCas(key(callSid), String(expected), String(expected + 1), JSON.stringify(rest), ttlMs, lastKey ?? '', lastTwiml ?? '');
      return ok === 1;
    },
    async delete(callSid) {
      await redis.del(key(callSid));
    },
    async lock(callSid, lockTtlMs) {
      const lockKey = `${key(callSid)}:lock`;
      const token = randomBytes(9).toString('base64url');
      if ((await redis.set(lockKey, token, 'PX', lockTtlMs, 'NX')) !== 'OK') return null;
      return async () => {
        await redis.voiceCallUnlock(lockKey, token);
      };
    },
    async close() {
      if (opts.ownsClient) redis.disconnect();
    },
  };
}
