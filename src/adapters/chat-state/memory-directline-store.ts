/**
 * In-process Direct Line store (REDIS_URL unset): same contract as the Redis one, with TTLs.
 * Memory is bounded: a conversation holds at most `maxActivities` activities and `maxBytes` of
 * them (past either, appends are refused: the client starts a new conversation), expired
 * conversations are swept, and past `maxTotalBytes` for all of them the least recently active
 * conversations are dropped (their clients get 404 and start again) rather than the process.
 */
import { activityId, ConversationFullError, ConversationGoneError, REACH_KEPT_AFTER_MS, type AppendResult, type DirectLineStore, type DlConversation, type StoredActivity } from '../../channels/chat/directline/ports';

interface Entry {
  conversation: DlConversation;
  activities: string[];
  dedupe: Map<string, number>;
  bytes: number;
  expiresAt: number;
}

export interface MemoryDirectLineOptions {
  ttlMs?: number;
  maxActivities?: number;
  /** Activity JSON one conversation may hold (default 1 MB). */
  maxBytes?: number;
  /** Activity JSON all conversations together may hold (default 128 MB). */
  maxTotalBytes?: number;
  now?: () => number;
}

const SWEEP_EVERY_MS = 60_000;
/** What an empty conversation costs beyond its activities (ids, maps), counted against the total. */
const ENTRY_OVERHEAD = 512;
const MAX_REACH_RECORDS = 200_000;

export function createMemoryDirectLineStore(opts: MemoryDirectLineOptions = {}): DirectLineStore & { stats(): { conversations: number; bytes: number } } {
  const ttlMs = opts.ttlMs ?? 24 * 3600_000;
  const max = opts.maxActivities ?? 2000;
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const maxTotalBytes = opts.maxTotalBytes ?? 128 * 1024 * 1024;
  const now = opts.now ?? Date.now;
  // Kept in order of last activity (an append moves its conversation to the end): the first is the stalest.
  const conversations = new Map<string, Entry>();
  const tickets = new Map<string, { conversationId: string; expiresAt: number }>();
  const reach = new Map<string, { untilMs: number; keptUntil: number }>();
  // Last seen, in order of last update (the stalest first); forgotten with the conversation's TTL.
  const seen = new Map<string, { atMs: number; keptUntil: number }>();
  let totalBytes = 0;
  let sweptAt = now();

  const drop = (id: string, e: Entry) => {
    conversations.delete(id);
    totalBytes -= e.bytes + ENTRY_OVERHEAD;
  };
  const live = (id: string): Entry | undefined => {
    const e = conversations.get(id);
    if (e && e.expiresAt <= now()) {
      drop(id, e);
      return undefined;
    }
    return e;
  };
  const sweep = () => {
    const t = now();
    for (const [k, v] of tickets) if (v.expiresAt <= t) tickets.delete(k);
    if (t - sweptAt < SWEEP_EVERY_MS) return;
    sweptAt = t;
    for (const [k, v] of reach) if (v.keptUntil <= t) reach.delete(k);
    for (const [k, v] of seen) if (v.keptUntil <= t) seen.delete(k);
    for (const [id, e] of conversations) if (e.expiresAt <= t) drop(id, e);
  };
  /** Drops the stalest conversations (never `keep`) until everything fits again. */
  const makeRoom = (keep: string) => {
    for (const [id, e] of conversations) {
      if (totalBytes <= maxTotalBytes) return;
      if (id !== keep) drop(id, e);
    }
  };

  return {
    async createConversation(conversation) {
      sweep();
      if (live(conversation.id)) return false;
      conversations.set(conversation.id, { conversation: { ...conversation }, activities: [], dedupe: new Map(), bytes: 0, expiresAt: now() + ttlMs });
      totalBytes += ENTRY_OVERHEAD;
      makeRoom(conversation.id);
      return true;
    },
    async getConversation(id) {
      const e = live(id);
      return e ? { ...e.conversation } : null;
    },
    async append(conversationId, activityJson, dedupeKey): Promise<AppendResult> {
      const e = live(conversationId);
      if (!e) throw new ConversationGoneError(conversationId);
      if (dedupeKey) {
        const seen = e.dedupe.get(dedupeKey);
        if (seen !== undefined) return { seq: seen, duplicate: true };
      }
      if (e.activities.length >= max || e.bytes + activityJson.length > maxBytes) throw new ConversationFullError(conversationId);
      e.activities.push(activityJson);
      e.bytes += activityJson.length;
      totalBytes += activityJson.length;
      const seq = e.activities.length;
      if (dedupeKey) e.dedupe.set(dedupeKey, seq);
      e.expiresAt = now() + ttlMs;
      conversations.delete(conversationId);
      conversations.set(conversationId, e);
      makeRoom(conversationId);
      return { seq, duplicate: false };
    },
    async activitiesAfter(conversationId, watermark, limit) {
      const e = live(conversationId);
      if (!e) return { activities: [], watermark };
      const from = Math.max(0, watermark);
      const slice = e.activities.slice(from, from + limit);
      const activities = slice.map((json, i) => ({ ...(JSON.parse(json) as StoredActivity), id: activityId(conversationId, from + i + 1) }));
      return { activities, watermark: from + slice.length };
    },
    async recordReach(conversationId, untilMs) {
      sweep();
      reach.delete(conversationId);
      reach.set(conversationId, { untilMs, keptUntil: now() + ttlMs + REACH_KEPT_AFTER_MS });
      // Bounded like the conversations: the stalest records go first.
      for (const k of reach.keys()) {
        if (reach.size <= MAX_REACH_RECORDS) break;
        reach.delete(k);
      }
    },
    async reachOf(conversationId) {
      const r = reach.get(conversationId);
      return r && r.keptUntil > now() ? r.untilMs : null;
    },
    async markSeen(conversationIds, atMs) {
      sweep();
      for (const id of conversationIds) {
        seen.delete(id);
        seen.set(id, { atMs, keptUntil: now() + ttlMs });
      }
      for (const k of seen.keys()) {
        if (seen.size <= MAX_REACH_RECORDS) break;
        seen.delete(k);
      }
    },
    async lastSeen(conversationId) {
      const r = seen.get(conversationId);
      return r && r.keptUntil > now() ? r.atMs : null;
    },
    async issueTicket(ticket, conversationId, ticketTtlMs) {
      sweep();
      tickets.set(ticket, { conversationId, expiresAt: now() + ticketTtlMs });
    },
    async redeemTicket(ticket) {
      const t = tickets.get(ticket);
      tickets.delete(ticket);
      return t && t.expiresAt > now() ? t.conversationId : null;
    },
    stats: () => ({ conversations: conversations.size, bytes: totalBytes }),
  };
}
