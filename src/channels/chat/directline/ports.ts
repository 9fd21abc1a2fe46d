/**
 * What the Direct Line endpoint needs from storage. Implemented in src/adapters/chat-state
 * (Redis, or in-process when REDIS_URL is unset) and injected by the composition root.
 */
export interface DlConversation {
  id: string;
  /** The user id minted into the token (never taken from the client). */
  userId: string;
  createdAt: string;
}

/** An activity as kept in the conversation's log; `id` is derived from its position. */
export type StoredActivity = { type: string; id?: string } & Record<string, unknown>;

export interface AppendResult {
  /** 1-based position in the conversation (the watermark after it). */
  seq: number;
  /** True when the dedupe key had been seen: nothing was appended, seq is the first one's. */
  duplicate: boolean;
}

export interface DirectLineStore {
  /** Creates the conversation unless it exists; false when it already did. */
  createConversation(conversation: DlConversation): Promise<boolean>;
  getConversation(id: string): Promise<DlConversation | null>;
  /**
   * Appends an activity, given as its JSON (without id: the id comes from the position),
   * atomically with an optional dedupe key; rejects with ConversationFullError past the cap.
   */
  append(conversationId: string, activityJson: string, dedupeKey?: string): Promise<AppendResult>;
  /** Activities after `watermark` (exclusive), each with its id, and the new watermark. */
  activitiesAfter(conversationId: string, watermark: number, limit: number): Promise<{ activities: StoredActivity[]; watermark: number }>;
  /**
   * A token for the conversation was handed out, good until `untilMs` (epoch ms): the customer can
   * come back until then. Remembered for a while after the conversation itself expires, so an
   * expired conversation of ours is told apart from one this store never had (Bot Framework's).
   */
  recordReach(conversationId: string, untilMs: number): Promise<void>;
  /** The expiry of the latest token recorded for the conversation; null when none is remembered. */
  reachOf(conversationId: string): Promise<number | null>;
  /**
   * The customers of these conversations were seen at `atMs` (epoch ms): a stream socket of theirs
   * was open (opened, still open at a heartbeat, or just closed) or they polled or posted. Shared by
   * every web process, so a queued chat is known to have been left only when no process sees it.
   */
  markSeen(conversationIds: readonly string[], atMs: number): Promise<void>;
  /** When the conversation's customer was last seen; null when never recorded (or forgotten with the conversation). */
  lastSeen(conversationId: string): Promise<number | null>;
  issueTicket(ticket: string, conversationId: string, ttlMs: number): Promise<void>;
  /** Single use: the ticket is gone after this call. */
  redeemTicket(ticket: string): Promise<string | null>;
}

/** One turn at a time per conversation (across processes when backed by Redis). */
export interface ConversationLock {
  run<T>(conversationId: string, work: () => Promise<T>): Promise<T>;
}

export class ConversationFullError extends Error {
  constructor(readonly conversationId: string) {
    super(`conversation ${conversationId} holds the maximum number of activities`);
    this.name = 'ConversationFullError';
  }
}

/** How long a conversation's reach is remembered after the conversation's own expiry. */
export const REACH_KEPT_AFTER_MS = 7 * 24 * 3600_000;

export const activityId = (conversationId: string, seq: number): string => `${conversationId}|${String(seq).padStart(7, '0')}`;

/** A stored activity's JSON (an object without `id`) with its id put first, without parsing it again. */
export const withId = (activityJson: string, id: string): string => `{"id":${JSON.stringify(id)}${activityJson.length > 2 ? ',' : ''}${activityJson.slice(1)}`;

export class ConversationGoneError extends Error {
  constructor(readonly conversationId: string) {
    super(`conversation ${conversationId} does not exist or has expired`);
    this.name = 'ConversationGoneError';
  }
}
