/**
 * Nothing waits in a queue after its customer left. A Direct Line customer who closed the page
 * without saying so (no endOfConversation) is taken out of the queue when either
 * - no web process has seen them for the grace: no stream socket of theirs open (sockets are
 *   marked seen on open, on close and at every process's heartbeat), no poll, no post — Web Chat
 *   reconnects well within it after a network blip, and a reloaded page reconnects to the same
 *   conversation; or
 * - they can no longer come back: the last token handed out for the conversation has expired, or
 *   the conversation itself has.
 * Their queued escalation is then abandoned ('chat-ended': the escalation.abandoned event, the
 * live queues), and the conversation gets a closing turn (the bot ends the contact as when the
 * customer closes the chat: the interaction's outcome, the transcript). Conversations this store
 * never had (Bot Framework channels on /api/messages) are left alone, and so are chats a CSR took
 * and callbacks (the customer is called, not chatted with).
 */
import type { EscalationsApi } from '../../../domain/care';
import type { DirectLineStore } from './ports';

/** The server-side event that runs the bot's "the customer left" turn for a swept conversation (value: { escalationId }). */
export const CUSTOMER_GONE_EVENT = 'handoff.customer-gone';

export interface LeftChatsDeps {
  escalations: Pick<EscalationsApi, 'queue' | 'abandon'>;
  store: Pick<DirectLineStore, 'getConversation' | 'reachOf' | 'lastSeen'>;
  /** Epoch ms, on the clock tokens are issued by. */
  now: () => number;
  /** How long a queued customer may go unseen (CHAT_LEFT_GRACE_SECONDS). */
  graceMs: number;
  /** Runs the conversation's closing turn after its escalation was abandoned (must not throw). */
  closeChat?: (conversationId: string, escalationId: string) => Promise<void>;
}

/** One pass; resolves with the ids of the escalations it took out of the queue. */
export async function sweepLeftChats(deps: LeftChatsDeps): Promise<string[]> {
  const waiting = (await deps.escalations.queue({ status: 'queued' })).filter((e) => e.channel === 'chat' && e.channelRef && !e.callback);
  const left: string[] = [];
  for (const e of waiting) {
    const conversationId = e.channelRef as string;
    const reach = await deps.store.reachOf(conversationId);
    if (reach === null) continue;
    const now = deps.now();
    const seen = await deps.store.lastSeen(conversationId);
    const gone = reach <= now || (seen !== null && seen + deps.graceMs <= now) || (await deps.store.getConversation(conversationId)) === null;
    if (!gone) continue;
    const after = await deps.escalations.abandon(e.id, 'chat-ended');
    if (after.status !== 'abandoned' || after.abandoned?.reason !== 'chat-ended') continue;
    left.push(e.id);
    await deps.closeChat?.(conversationId, e.id);
  }
  return left;
}
