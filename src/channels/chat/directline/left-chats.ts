/**
 * Nothing waits in a queue after its customer left: a Direct Line customer who closed the page
 * without saying so (no endOfConversation) can no longer come back once the last token handed out
 * for their conversation has expired, or the conversation itself has. Their queued escalation is
 * then abandoned ('chat-ended'). Conversations this store never had (Bot Framework channels on
 * /api/messages) are left alone; callbacks stay queued (the customer is called, not chatted with).
 */
import type { EscalationsApi } from '../../../domain/care';
import type { DirectLineStore } from './ports';

export interface LeftChatsDeps {
  escalations: Pick<EscalationsApi, 'queue' | 'abandon'>;
  store: Pick<DirectLineStore, 'getConversation' | 'reachOf'>;
  /** Epoch ms, on the clock tokens are issued by. */
  now: () => number;
}

/** One pass; resolves with the ids of the escalations it took out of the queue. */
export async function sweepLeftChats(deps: LeftChatsDeps): Promise<string[]> {
  const waiting = (await deps.escalations.queue({ status: 'queued' })).filter((e) => e.channel === 'chat' && e.channelRef && !e.callback);
  const left: string[] = [];
  for (const e of waiting) {
    const conversationId = e.channelRef as string;
    const reach = await deps.store.reachOf(conversationId);
    if (reach === null) continue;
    const gone = reach <= deps.now() || (await deps.store.getConversation(conversationId)) === null;
    if (!gone) continue;
    const after = await deps.escalations.abandon(e.id, 'chat-ended');
    if (after.status === 'abandoned') left.push(e.id);
  }
  return left;
}
