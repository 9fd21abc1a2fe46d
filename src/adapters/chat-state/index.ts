/**
 * Chat state for the composition root: botbuilder Storage, the Direct Line store and the
 * per-conversation lock — on Redis when a client is given, in-process otherwise.
 */
import type { Redis } from 'ioredis';
import type { Storage } from 'botbuilder';
import type { ConversationLock, DirectLineStore } from '../../channels/chat/directline/ports';
import { createMemoryDirectLineStore } from './memory-directline-store';
import { createRedisDirectLineStore } from './redis-directline-store';
import { createMemoryConversationLock, createRedisConversationLock } from './conversation-locks';
import { RedisStorage } from './redis-storage';
import { BoundedMemoryStorage } from './bounded-memory-storage';

export interface ChatState {
  storage: Storage;
  directLine: DirectLineStore;
  lock: ConversationLock;
  kind: 'redis' | 'memory';
  /** Closes what this module opened (the pipelined Redis connection). */
  close(): Promise<void>;
}

export function createChatState(opts: { redis?: Redis; prefix?: string; maxActivities?: number } = {}): ChatState {
  const prefix = opts.prefix ?? 'chat:';
  const maxActivities = opts.maxActivities;
  if (!opts.redis) {
    return { storage: new BoundedMemoryStorage(), directLine: createMemoryDirectLineStore({ maxActivities }), lock: createMemoryConversationLock(), kind: 'memory', close: async () => undefined };
  }
  // A turn is ~7 small Redis commands; with many conversations at once, auto-pipelining sends
  // each tick's commands in one write instead of one syscall each (same prefix and timeouts).
  const redis = opts.redis.duplicate({ enableAutoPipelining: true });
  redis.on('error', () => undefined);
  return {
    storage: new RedisStorage(redis, { prefix: `${prefix}bot:` }),
    directLine: createRedisDirectLineStore(redis, { prefix, maxActivities }),
    lock: createRedisConversationLock(redis, { prefix }),
    kind: 'redis',
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export { RedisStorage, ETagConflictError } from './redis-storage';
export { createMemoryDirectLineStore } from './memory-directline-store';
export { createRedisDirectLineStore } from './redis-directline-store';
export { createMemoryConversationLock, createRedisConversationLock } from './conversation-locks';
