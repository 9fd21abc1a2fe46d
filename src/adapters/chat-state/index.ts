/**
 * Chat state for the composition root: botbuilder Storage, the Direct Line store and the
 * per-conversation lock — on Redis when a client is given, in-process otherwise.
 */
import type { Redis } from 'ioredis';
import { MemoryStorage, type Storage } from 'botbuilder';
import type { ConversationLock, DirectLineStore } from '../../channels/chat/directline/ports';
import { createMemoryDirectLineStore } from './memory-directline-store';
import { createRedisDirectLineStore } from './redis-directline-store';
import { createMemoryConversationLock, createRedisConversationLock } from './conversation-locks';
import { RedisStorage } from './redis-storage';

export interface ChatState {
  storage: Storage;
  directLine: DirectLineStore;
  lock: ConversationLock;
  kind: 'redis' | 'memory';
}

export function createChatState(opts: { redis?: Redis; prefix?: string } = {}): ChatState {
  const prefix = opts.prefix ?? 'chat:';
  if (!opts.redis) {
    return { storage: new MemoryStorage(), directLine: createMemoryDirectLineStore(), lock: createMemoryConversationLock(), kind: 'memory' };
  }
  return {
    storage: new RedisStorage(opts.redis, { prefix: `${prefix}bot:` }),
    directLine: createRedisDirectLineStore(opts.redis, { prefix }),
    lock: createRedisConversationLock(opts.redis, { prefix }),
    kind: 'redis',
  };
}

export { RedisStorage, ETagConflictError } from './redis-storage';
export { createMemoryDirectLineStore } from './memory-directline-store';
export { createRedisDirectLineStore } from './redis-directline-store';
export { createMemoryConversationLock, createRedisConversationLock } from './conversation-locks';
