/**
 * One turn at a time per conversation. In-process turns queue on a promise chain (no spinning);
 * with Redis the head of that queue also takes a short lease (SET NX PX) so a second process
 * serving the same conversation waits its turn.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ConversationLock } from '../../channels/chat/directline/ports';

export function createMemoryConversationLock(): ConversationLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(id: string, work: () => Promise<T>): Promise<T> {
      const prev = tails.get(id) ?? Promise.resolve();
      const next = prev.then(work, work);
      const settled = next.then(
        () => undefined,
        () => undefined,
      );
      tails.set(id, settled);
      void settled.then(() => {
        if (tails.get(id) === settled) tails.delete(id);
      });
      return next;
    },
  };
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface RedisLockOptions {
  prefix?: string;
  leaseMs?: number;
  waitMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(id: string) {
    super(`conversation ${id} stayed locked`);
    this.name = 'LockTimeoutError';
  }
}

export function createRedisConversationLock(redis: Redis, opts: RedisLockOptions = {}): ConversationLock {
  const local = createMemoryConversationLock();
  const prefix = opts.prefix ?? 'chat:';
  const leaseMs = opts.leaseMs ?? 15_000;
  const waitMs = opts.waitMs ?? 10_000;

  async function acquire(key: string, token: string): Promise<void> {
    const deadline = Date.now() + waitMs;
    let delay = 2;
    for (;;) {
      if ((await redis.set(key, token, 'PX', leaseMs, 'NX')) === 'OK') return;
      if (Date.now() > deadline) throw new LockTimeoutError(key);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 50);
    }
  }

  return {
    run<T>(id: string, work: () => Promise<T>): Promise<T> {
      return local.run(id, async () => {
        const key = `${prefix}lock:${id}`;
        const token = randomUUID();
        await acquire(key, token);
        try {
          return await work();
        } finally {
          await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
        }
      });
    },
  };
}
