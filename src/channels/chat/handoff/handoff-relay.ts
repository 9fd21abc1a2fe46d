/**
 * The small internal port the CSR console uses to take over a chat: join it, relay messages
 * both ways, hand it back to the assistant or end it. Each call becomes an event turn in the
 * conversation (in order with the customer's own turns, on whichever process runs it: the lock
 * and the bot's state are shared), so the bot's state stays the single source of truth about who
 * is answering. What the customer says to the CSR, and the customer leaving, go out on the event
 * port (\`chat.message\`, \`chat.ended\`), redacted as transcripts are, so a console on any process
 * hears them.
 */
import type { EventPort } from '../../../domain/events/care-events';
import { redactText } from '../../../domain/interactions/redaction';
import type { ChatHandoffPort } from '../../../domain/staff/chat-desk';
/**
 * turnState key set only by the server when it runs a relay event (DirectLineService.inject):
 * the bot acts on handoff events only with it, so an event a client managed to post is ignored.
 */
export const HANDOFF_RELAYED = Symbol('telecare.chat.handoffRelayed');

/** Handoff event names; a client may never post one (refused at the Direct Line and /api/messages edges). */
export const HANDOFF_EVENT_NAME = /^\s*handoff\./i;

export interface AgentRef {
  csrId: string;
  /** Shown to the customer ("Alex from customer care has joined"). */
  name: string;
}

export interface CustomerMessage {
  conversationId: string;
  interactionId?: string;
  escalationId?: string;
  text: string;
  at: string;
}

export type HandoffEvent =
  | { name: 'handoff.join'; value: AgentRef }
  | { name: 'handoff.say'; value: AgentRef & { text: string } }
  | { name: 'handoff.back'; value: AgentRef }
  | { name: 'handoff.end'; value: AgentRef };

export type EventInjector = (conversationId: string, event: HandoffEvent) => Promise<void>;

export class HandoffRelay implements ChatHandoffPort {
  private readonly listeners = new Set<(m: CustomerMessage) => void>();
  private injector: EventInjector | undefined;

  constructor(private readonly events?: EventPort) {}

  /** Set by the channel: how to run an event turn in a conversation. */
  connect(injector: EventInjector): void {
    this.injector = injector;
  }

  /** The console hears what customers say while waiting for or talking with a CSR. */
  onCustomerMessage(listener: (m: CustomerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  join(conversationId: string, agent: AgentRef): Promise<void> {
    return this.inject(conversationId, { name: 'handoff.join', value: agent });
  }

  say(conversationId: string, agent: AgentRef, text: string): Promise<void> {
    if (!text.trim()) return Promise.resolve();
    return this.inject(conversationId, { name: 'handoff.say', value: { ...agent, text: text.slice(0, 2000) } });
  }

  handBack(conversationId: string, agent: AgentRef): Promise<void> {
    return this.inject(conversationId, { name: 'handoff.back', value: agent });
  }

  end(conversationId: string, agent: AgentRef): Promise<void> {
    return this.inject(conversationId, { name: 'handoff.end', value: agent });
  }

  /** Called by the bot when it has shown a CSR's message to the customer. */
  async csrSaid(m: { conversationId: string; interactionId?: string; escalationId?: string; agent: AgentRef; text: string }): Promise<void> {
    await this.events?.publish({ type: 'chat.message', at: new Date().toISOString(), conversationId: m.conversationId, ...ids(m), from: 'csr', text: redactText(m.text).slice(0, 4000), staffId: m.agent.csrId, name: m.agent.name.slice(0, 100) });
  }

  /** Called by the bot when the customer closed or left a conversation a CSR was in, or it was ended or handed back. */
  async conversationEnded(m: { conversationId: string; interactionId?: string; escalationId?: string; reason: 'customer-left' | 'csr-ended' | 'handed-back' }): Promise<void> {
    await this.events?.publish({ type: 'chat.ended', at: new Date().toISOString(), conversationId: m.conversationId, ...ids(m), reason: m.reason });
  }

  /** Called by the bot. */
  async customerSaid(m: CustomerMessage): Promise<void> {
    for (const l of this.listeners) {
      try {
        l(m);
      } catch {
        // a console listener's failure must not break the customer's turn
      }
    }
    await this.events?.publish({ type: 'chat.message', at: m.at, conversationId: m.conversationId, ...ids(m), from: 'customer', text: redactText(m.text).slice(0, 4000) });
  }

  private inject(conversationId: string, event: HandoffEvent): Promise<void> {
    if (!this.injector) return Promise.reject(new Error('chat handoff relay is not connected to a channel'));
    return this.injector(conversationId, event);
  }
}

const ids = (m: { interactionId?: string; escalationId?: string }) => ({ ...(m.interactionId ? { interactionId: m.interactionId } : {}), ...(m.escalationId ? { escalationId: m.escalationId } : {}) });
