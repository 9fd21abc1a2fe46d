/**
 * The CSR's side of a chat they took: join the customer's conversation, write to the customer,
 * hand the conversation back to the assistant, or end it. Only the CSR the escalation is
 * assigned to may act, and only while it is assigned (the wrap-up resolves it); every action is
 * audited as 'message' (the text itself is never in the audit: it is in the transcript, where
 * the bot records it redacted).
 */
import type { Collection } from '../ports/store';
import type { Escalation } from '../escalation/escalation';
import type { Interaction, TranscriptEntry } from '../interactions/interaction';
import { fail } from '../shared/errors';
import type { AuditLog } from './audit';
import type { StaffView } from './staff';

/** Who the customer sees: the CSR's id and display name. */
export interface ChatAgent {
  csrId: string;
  name: string;
}

/** How a conversation is reached (the chat channel's handoff relay implements it). */
export interface ChatHandoffPort {
  join(conversationId: string, agent: ChatAgent): Promise<void>;
  say(conversationId: string, agent: ChatAgent, text: string): Promise<void>;
  handBack(conversationId: string, agent: ChatAgent): Promise<void>;
  end(conversationId: string, agent: ChatAgent): Promise<void>;
}

export type ChatAction = 'join' | 'say' | 'hand-back' | 'end' | 'read';

export interface ChatTarget {
  escalationId: string;
  interactionId: string;
  conversationId: string;
  customerId?: string;
}

export interface ChatDesk {
  /** The conversation behind an escalation this CSR may act on (audited as a 'read' when asked to). */
  open(staff: StaffView, escalationId: string): Promise<ChatTarget>;
  act(staff: StaffView, escalationId: string, action: Exclude<ChatAction, 'read'>, text?: string): Promise<ChatTarget>;
  /**
   * The conversation's transcript from position \`after\` (0: all of it; redacted as stored), and
   * the position to ask from next; also once the chat is over, until the wrap-up.
   */
  messages(staff: StaffView, escalationId: string, after: number): Promise<{ target: ChatTarget; items: (TranscriptEntry & { position: number })[]; next: number }>;
  /**
   * After the wrap-up: a chat this CSR took and did not end goes back to the bot (the customer is
   * told), so nobody is left talking to a person who has gone. Nothing for other channels or a
   * chat already over.
   */
  release(staff: StaffView, escalationId: string): Promise<void>;
}

export const MAX_CHAT_TEXT = 2000;
/** The step the chat channel notes on the interaction when the CSR's part ended (detail: escalationId, reason). */
export const CHAT_OVER_STEP = 'chat.csr-part-over';

export interface ChatDeskDeps {
  escalations: Collection<Escalation>;
  interactions: Collection<Interaction>;
  audit: AuditLog;
  handoff: ChatHandoffPort;
  /** An interaction's transcript, oldest first. */
  transcript: (interactionId: string) => Promise<TranscriptEntry[]>;
}

export function createChatDesk(deps: ChatDeskDeps): ChatDesk {
  async function target(staff: StaffView, escalationId: string, evenOver = false): Promise<ChatTarget> {
    const e = await deps.escalations.get(escalationId);
    if (!e) fail('NOT_FOUND', 'no such escalation', { escalationId });
    if (e.assignedTo !== staff.id) fail('NOT_PERMITTED', 'only the CSR who took this escalation acts in its conversation', {});
    if (e.channel !== 'chat' || !e.channelRef) fail('CONFLICT', 'this escalation is not a chat', { channel: e.channel });
    if (e.status !== 'assigned') fail('CONFLICT', `the escalation is ${e.status}`, { status: e.status });
    const i = await deps.interactions.get(e.interactionId);
    const over = i?.steps.find((s) => s.name === CHAT_OVER_STEP && s.detail?.escalationId === e.id);
    if (over && !evenOver) fail('CONFLICT', 'the chat is over for this escalation: wrap it up', { reason: over.detail?.reason });
    // The customer left the chat for a callback: the CSR calls them (the conversation so far stays readable).
    if (e.callback && !evenOver) fail('CONFLICT', `the customer left the chat to be called back at ${e.callback.number}: place the call (connect-call)`, { callback: true });
    return { escalationId: e.id, interactionId: e.interactionId, conversationId: e.channelRef, ...(e.customerId ? { customerId: e.customerId } : {}) };
  }

  async function audited<T>(staff: StaffView, escalationId: string, action: ChatAction, work: (t: ChatTarget) => Promise<T>, evenOver = false): Promise<T> {
    const known = await deps.escalations.get(escalationId);
    const who = { staffId: staff.id, username: staff.username, escalationId, ...(known?.customerId ? { customerId: known.customerId } : {}), ...(known ? { interactionId: known.interactionId } : {}) };
    return deps.audit.audited({ ...who, action: 'message', detail: { chat: action } }, async () => work(await target(staff, escalationId, evenOver)));
  }

  const agent = (staff: StaffView): ChatAgent => ({ csrId: staff.id, name: staff.displayName });

  return {
    open: (staff, escalationId) => audited(staff, escalationId, 'read', async (t) => t),
    messages: (staff, escalationId, after) =>
      audited(
        staff,
        escalationId,
        'read',
        async (target) => {
          const all = await deps.transcript(target.interactionId);
          const from = Math.max(0, Math.min(after, all.length));
          return { target, items: all.slice(from).map((e, k) => ({ ...e, position: from + k + 1 })), next: all.length };
        },
        true,
      ),
    async release(staff, escalationId) {
      const e = await deps.escalations.get(escalationId);
      if (!e || e.assignedTo !== staff.id || e.channel !== 'chat' || !e.channelRef || e.callback) return;
      const i = await deps.interactions.get(e.interactionId);
      if (i?.steps.some((st) => st.name === CHAT_OVER_STEP && st.detail?.escalationId === e.id)) return;
      // Best effort: the wrap-up is already recorded; a conversation that is gone has nobody to hand back to (the audit says refused).
      await deps.audit
        .audited(
          { staffId: staff.id, username: staff.username, escalationId, interactionId: e.interactionId, ...(e.customerId ? { customerId: e.customerId } : {}), action: 'message', detail: { chat: 'hand-back' } },
          () => deps.handoff.handBack(e.channelRef as string, agent(staff)),
        )
        .catch(() => undefined);
    },
    act: (staff, escalationId, action, text) =>
      audited(staff, escalationId, action, async (t) => {
        const a = agent(staff);
        if (action === 'join') await deps.handoff.join(t.conversationId, a);
        else if (action === 'say') {
          const words = (text ?? '').trim().slice(0, MAX_CHAT_TEXT);
          if (!words) fail('VALIDATION_FAILED', 'the message is empty', { field: 'text' });
          await deps.handoff.say(t.conversationId, a, words);
        } else if (action === 'hand-back') await deps.handoff.handBack(t.conversationId, a);
        else await deps.handoff.end(t.conversationId, a);
        return t;
      }),
  };
}
