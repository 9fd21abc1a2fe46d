/** In-process Direct Line store (REDIS_URL unset): same contract as the Redis one, with TTLs. */
import { activityId, ConversationFullError, ConversationGoneError, type AppendResult, type DirectLineStore, type DlConversation, type StoredActivity } from '../../channels/chat/directline/ports';

interface Entry {
  conversation: DlConversation;
  activities: string[];
  dedupe: Map<string, number>;
  expiresAt: number;
}

export interface MemoryDirectLineOptions {
  ttlMs?: number;
  maxActivities?: number;
  now?: () => number;
}

export function createMemoryDirectLineStore(opts: MemoryDirectLineOptions = {}): DirectLineStore {
  const ttlMs = opts.ttlMs ?? 24 * 3600_000;
  const max = opts.maxActivities ?? 2000;
  const now = opts.now ?? Date.now;
  const conversations = new Map<string, Entry>();
  const tickets = new Map<string, { conversationId: string; expiresAt: number }>();

  const live = (id: string): Entry | undefined => {
    const e = conversations.get(id);
    if (e && e.expiresAt <= now()) {
      conversations.delete(id);
      return undefined;
    }
    return e;
  };
  const sweep = () => {
    const t = now();
    for (const [k, v] of tickets) if (v.expiresAt <= t) tickets.delete(k);
  };

  return {
    async createConversation(conversation) {
      if (live(conversation.id)) return false;
      conversations.set(conversation.id, { conversation: { ...conversation }, activities: [], dedupe: new Map(), expiresAt: now() + ttlMs });
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
      if (e.activities.length >= max) throw new ConversationFullError(conversationId);
      e.activities.push(activityJson);
      const seq = e.activities.length;
      if (dedupeKey) e.dedupe.set(dedupeKey, seq);
      e.expiresAt = now() + ttlMs;
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
    async issueTicket(ticket, conversationId, ticketTtlMs) {
      sweep();
      tickets.set(ticket, { conversationId, expiresAt: now() + ticketTtlMs });
    },
    async redeemTicket(ticket) {
      const t = tickets.get(ticket);
      tickets.delete(ticket);
      return t && t.expiresAt > now() ? t.conversationId : null;
    },
  };
}
