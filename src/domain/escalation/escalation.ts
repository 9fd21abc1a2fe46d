import type { Channel, VerificationLevel } from '../shared/actor';
import type { StoredRecord } from '../shared/record';
import type { Diagnostics } from '../repair/ticket';
import type { InteractionStep, TranscriptEntry } from '../interactions/interaction';
import type { ProcedureName } from '../procedures/procedure';

/** hung-up: the call ended while waiting; chat-ended: the chat was closed; left-queue: the customer went back to self-service. */
export const ABANDON_REASONS = ['hung-up', 'chat-ended', 'left-queue'] as const;
export type AbandonReason = (typeof ABANDON_REASONS)[number];

export const SKILLS = ['billing', 'sales', 'retention', 'repair', 'general', 'verification'] as const;
export type Skill = (typeof SKILLS)[number];

/** Everything a CSR needs so the customer never repeats themselves. */
export interface ContextPack {
  customer?: { id: string; name: string; accountNumber: string; phones: string[]; locale: string; accountStatus: string };
  verification: VerificationLevel;
  /** Why the customer contacted us, as far as we know. */
  intent?: ProcedureName;
  stepsDone: InteractionStep[];
  /** Answers collected so far in the procedure, labelled (no secrets). */
  dataCollected: Record<string, unknown>;
  diagnostics?: Diagnostics;
  transcript: TranscriptEntry[];
  recommendedAction: string;
  /** The refusal the customer met just before the hand-off: why self-service could not do it. */
  refusal?: { code?: string; reasonCode: string; reason: string; nextSteps: string[] };
  skill: Skill;
  /** Services, balance and open orders at the time of escalation. */
  snapshot?: { services: { id: string; productId: string; status: string }[]; balanceMinor: number; currency: string; openOrderIds: string[] };
}

export interface Escalation extends StoredRecord {
  interactionId: string;
  customerId?: string;
  channel: Channel;
  channelRef?: string;
  skill: Skill;
  /** Lower is more urgent. */
  priority: number;
  reason: string;
  status: 'queued' | 'assigned' | 'resolved' | 'abandoned';
  context: ContextPack;
  createdAt: string;
  assignedTo?: string;
  assignedAt?: string;
  /** When it was resolved or abandoned. */
  closedAt?: string;
  /** The wrap-up: who closed it, the disposition code (from data) and a note. */
  resolution?: { by?: string; disposition?: string; note?: string };
  /** Why and when a queued escalation left the queue before a CSR took it (status 'abandoned'). */
  abandoned?: { reason: AbandonReason; at: string };
  /** The caller chose to be called back instead of holding: the item keeps its place in the queue. */
  callback?: CallbackRequest;
  idempotencyKey: string;
}

/**
 * `number`: whom to call back (E.164: the caller's number, or the one a chat customer left);
 * `via`: the operator's number they called (our caller ID; absent for chat: the configured one);
 * `at`: when the customer asked to be called (absent: as soon as a CSR is free). A callback item
 * waits out of sight of the CSRs and of the line's positions until then.
 */
export interface CallbackRequest {
  number: string;
  via?: string;
  requestedAt: string;
  at?: string;
  /** When a callback booked for later reached the queue (escalation.queued was published again then). */
  announcedAt?: string;
}

/** How far ahead a callback may be booked. */
export const CALLBACK_HORIZON_DAYS = 7;

/** A callback booked for later is not in the queue yet. */
export const dueNow = (e: Pick<Escalation, 'callback'>, nowIso: string): boolean => !e.callback?.at || e.callback.at <= nowIso;
