/**
 * The small internal port the CSR console (a later issue) uses to take over a chat: join it,
 * relay messages both ways, and hand it back to the assistant. Each call becomes an event turn
 * in the conversation (in order with the customer's own turns), so the bot's state stays the
 * single source of truth about who is answering.
 */
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
  | { name: 'handoff.back'; value: AgentRef };

export type EventInjector = (conversationId: string, event: HandoffEvent) => Promise<void>;

export class HandoffRelay {
  private readonly listeners = new Set<(m: CustomerMessage) => void>();
  private injector: EventInjector | undefined;

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

  /** Called by the bot. */
  customerSaid(m: CustomerMessage): void {
    for (const l of this.listeners) {
      try {
        l(m);
      } catch {
        // a console listener's failure must not break the customer's turn
      }
    }
  }

  private inject(conversationId: string, event: HandoffEvent): Promise<void> {
    if (!this.injector) return Promise.reject(new Error('chat handoff relay is not connected to a channel'));
    return this.injector(conversationId, event);
  }
}
