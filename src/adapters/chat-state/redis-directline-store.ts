/**
 * Direct Line conversations, activity logs and stream tickets in Redis. An activity log is a
 * list whose length is the watermark; append, dedupe and TTL refresh run in one Lua script, so a
 * re-posted clientActivityID can never be appended twice, even from two processes.
 */
import type { Redis } from 'ioredis';
import { activityId, ConversationFullError, ConversationGoneError, REACH_KEPT_AFTER_MS, type AppendResult, type DirectLineStore, type StoredActivity } from '../../channels/chat/directline/ports';

const APPEND = `
if ARGV[4] == '1' then
  local seen = redis.call('GET', KEYS[2])
  if seen then return {tonumber(seen), 1} end
end
if redis.call('EXISTS', KEYS[3]) == 0 then return {-2, 0} end
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[3]) then return {-1, 0} end
local n = redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[3], ARGV[2])
if ARGV[4] == '1' then redis.call('SET', KEYS[2], n, 'EX', ARGV[2]) end
return {n, 0}`;

export interface RedisDirectLineOptions {
  /** Key prefix under the client's own prefix, e.g. 'chat:'. */
  prefix?: string;
  ttlSec?: number;
  maxActivities?: number;
}

type AppendFn = (k1: string, k2: string, k3: string, json: string, ttl: number, max: number, dedupe: string) => Promise<[number, number]>;

export function createRedisDirectLineStore(redis: Redis, opts: RedisDirectLineOptions = {}): DirectLineStore {
  const p = opts.prefix ?? 'chat:';
  const ttl = opts.ttlSec ?? 24 * 3600;
  const max = opts.maxActivities ?? 2000;
  const convKey = (id: string) => `${p}dl:conv:${id}`;
  const listKey = (id: string) => `${p}dl:acts:${id}`;
  const dedupeKey = (id: string, k: string) => `${p}dl:dedupe:${id}:${k}`;
  if (!(redis as unknown as { dlAppend?: AppendFn }).dlAppend) redis.defineCommand('dlAppend', { numberOfKeys: 3, lua: APPEND });
  const appendCmd = (redis as unknown as { dlAppend: AppendFn }).dlAppend.bind(redis);

  return {
    async createConversation(conversation) {
      const ok = await redis.set(convKey(conversation.id), JSON.stringify(conversation), 'EX', ttl, 'NX');
      return ok === 'OK';
    },
    async getConversation(id) {
      const raw = await redis.get(convKey(id));
      return raw ? JSON.parse(raw) : null;
    },
    async append(conversationId, activityJson, dedupe): Promise<AppendResult> {
      const [seq, dup] = await appendCmd(
        listKey(conversationId),
        dedupeKey(conversationId, dedupe ?? '-'),
        convKey(conversationId),
        activityJson,
        ttl,
        max,
        dedupe ? '1' : '0',
      );
      if (seq === -2) throw new ConversationGoneError(conversationId);
      if (seq < 0) throw new ConversationFullError(conversationId);
      return { seq, duplicate: dup === 1 };
    },
    async activitiesAfter(conversationId, watermark, limit) {
      const from = Math.max(0, watermark);
      const rows = await redis.lrange(listKey(conversationId), from, from + limit - 1);
      const activities = rows.map((json, i) => ({ ...(JSON.parse(json) as StoredActivity), id: activityId(conversationId, from + i + 1) }));
      return { activities, watermark: from + rows.length };
    },
    async recordReach(conversationId, untilMs) {
      await redis.set(`${p}dl:reach:${conversationId}`, String(untilMs), 'EX', ttl + Math.round(REACH_KEPT_AFTER_MS / 1000));
    },
    async reachOf(conversationId) {
      const raw = await redis.get(`${p}dl:reach:${conversationId}`);
      return raw === null ? null : Number(raw);
    },
    async markSeen(conversationIds, atMs) {
      if (conversationIds.length === 0) return;
      const batch = redis.pipeline();
      for (const id of conversationIds) batch.set(`${p}dl:seen:${id}`, String(atMs), 'EX', ttl);
      const results = (await batch.exec()) ?? [];
      const failed = results.find(([err]) => err);
      if (failed) throw failed[0];
    },
    async lastSeen(conversationId) {
      const raw = await redis.get(`${p}dl:seen:${conversationId}`);
      return raw === null ? null : Number(raw);
    },
    async issueTicket(ticket, conversationId, ttlMs) {
      await redis.set(`${p}dl:ticket:${ticket}`, conversationId, 'PX', ttlMs);
    },
    async redeemTicket(ticket) {
      return redis.getdel(`${p}dl:ticket:${ticket}`);
    },
  };
}
