/**
 * The one event port: what happened in the domain, published to every process that listens
 * (the console's live queue, Direct Line sockets, wallboards). Delivery is best effort and
 * at-most-once; durable deliveries go through the outbox, not here.
 */
import { z } from 'zod';
import { CHANNELS } from '../shared/actor';
import { SKILLS } from '../escalation/escalation';

const id = z.string().min(1).max(200);
const at = z.string().min(1).max(40);
/** Places of pricing components in a product's pricing. */
const places = z.array(z.number().int().min(0)).max(100);
const base = { at, escalationId: id, skill: z.enum(SKILLS) };

/** Events as they travel between processes; parsed again on receipt (another process is outside input). */
export const careEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('escalation.queued'), ...base, channel: z.enum(CHANNELS), priority: z.number().int(), interactionId: id, customerId: id.optional() }),
  z.strictObject({ type: z.literal('escalation.assigned'), ...base, staffId: id }),
  z.strictObject({ type: z.literal('escalation.resolved'), ...base, staffId: id.optional(), disposition: z.string().max(100).optional() }),
  z.strictObject({ type: z.literal('escalation.abandoned'), ...base }),
  z.strictObject({ type: z.literal('interaction.updated'), at, interactionId: id, status: z.string().max(40), customerId: id.optional(), outcome: z.string().max(200).optional() }),
  z.strictObject({
    type: z.literal('chat.activity'),
    at,
    conversationId: id,
    interactionId: id.optional(),
    from: z.enum(['customer', 'bot', 'csr']),
    text: z.string().max(4000).optional(),
    /** Its position in the conversation's log: a Direct Line socket elsewhere delivers it at once. */
    seq: z.number().int().min(1).optional(),
  }),
  /** A message relayed between the customer and the CSR in the conversation (redacted as transcripts are). */
  z.strictObject({
    type: z.literal('chat.message'),
    at,
    conversationId: id,
    interactionId: id.optional(),
    escalationId: id.optional(),
    from: z.enum(['customer', 'csr']),
    text: z.string().max(4000),
    staffId: id.optional(),
    name: z.string().max(100).optional(),
  }),
  /** An order was placed (once per order, on any channel): campaigns count a targeted customer who bought their offer. */
  z.strictObject({
    type: z.literal('order.placed'),
    at,
    orderId: id,
    customerId: id,
    channel: z.enum(CHANNELS),
    orderType: z.enum(['new', 'modify', 'disconnect']),
    /** Products the order adds or moves to. */
    productIds: z.array(z.string().max(100)).max(50),
  }),
  /** A person's conversation is over for the CSR: the customer closed it or left, or it was ended or handed back. */
  z.strictObject({
    type: z.literal('chat.ended'),
    at,
    conversationId: id,
    interactionId: id.optional(),
    escalationId: id.optional(),
    reason: z.enum(['customer-left', 'csr-ended', 'handed-back']),
  }),
  /** An order moved in its lifecycle (acknowledged, inProgress, completed, failed, cancelled): partners' listeners follow it. */
  z.strictObject({ type: z.literal('order.state'), at, orderId: id, customerId: id, status: z.enum(['acknowledged', 'inProgress', 'completed', 'failed', 'cancelled']) }),
  /** A repair ticket was opened or changed status (open, scheduled, resolved, cancelled). */
  z.strictObject({ type: z.literal('ticket.status'), at, ticketId: id, customerId: id, status: z.enum(['open', 'scheduled', 'resolved', 'cancelled']) }),
  /** Our copy of a bill changed: an applied adjustment credited it, or a payment extension moved its due date. */
  z.strictObject({ type: z.literal('bill.changed'), at, billId: id, customerId: id, cause: z.enum(['adjustment', 'extension']), causeId: id }),
  /**
   * The operator's catalog was reloaded and these offerings differ (catalog-changes.ts). `revision`
   * names the new catalog: a process that never held it has nothing to say about it.
   */
  z.strictObject({
    type: z.literal('catalog.changed'),
    at,
    revision: id,
    offerings: z
      .array(
        z.strictObject({
          id,
          change: z.enum(['created', 'changed', 'removed']),
          fields: z.array(z.string().max(60)).max(40),
          pricing: z.strictObject({ added: places, removed: places, changed: places, renamed: places }),
        }),
      )
      .max(5000),
  }),
]);

export type CareEvent = z.output<typeof careEventSchema>;
export type CareEventType = CareEvent['type'];
export type EscalationEvent = Extract<CareEvent, { type: `escalation.${string}` }>;

export type CareEventListener = (event: CareEvent) => void;

export interface EventPort {
  /**
   * Sends the event to every subscriber in every process (this one included, once). Never
   * throws: a failed delivery is the adapter's to report, the use case that published has
   * already done its work.
   */
  publish(event: CareEvent): Promise<void>;
  /** Listens until the returned function is called. A throwing listener never affects others. */
  subscribe(listener: CareEventListener): () => void;
  /** Resolves once subscriptions receive events (the Redis adapter subscribes on connect). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export const isEscalationEvent = (e: CareEvent): e is EscalationEvent => e.type.startsWith('escalation.');
