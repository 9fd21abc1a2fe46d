import type { Actor, Channel, VerificationLevel } from '../shared/actor';
import type { StoredRecord } from '../shared/record';
import type { ProcedureName, ProcedureState } from '../procedures/procedure';
import type { NextBestOffer } from '../offers/next-best-offer';

export type InteractionStatus = 'open' | 'completed' | 'escalated' | 'abandoned';

export interface InteractionStep {
  at: string;
  /** e.g. 'verified', 'procedure.started', 'answer.reason', 'order.submitted'. Never a secret. */
  name: string;
  procedure?: ProcedureName;
  detail?: Record<string, unknown>;
}

export interface TranscriptEntry {
  at: string;
  from: 'customer' | 'system' | 'csr';
  text: string;
}

/** One record per contact, whatever the channel. */
export interface Interaction extends StoredRecord {
  channel: Channel;
  /** The channel's own reference: CallSid, conversation id, portal session id. */
  channelRef?: string;
  customerId?: string;
  verification: VerificationLevel;
  status: InteractionStatus;
  startedAt: string;
  endedAt?: string;
  durationSec?: number;
  intents: ProcedureName[];
  steps: InteractionStep[];
  /** The guided procedure under way (the draft that can be resumed). */
  procedure?: ProcedureState;
  /** Interaction this one resumed. */
  resumedFrom?: string;
  outcome?: string;
  links: { orderIds: string[]; ticketIds: string[]; adjustmentIds: string[]; extensionIds: string[]; escalationId?: string };
  marketing: { questionId: string; answerId: string }[];
  /** The next-best offer made at the end of this contact, and the answer (at most one per contact). */
  offer?: NextBestOffer;
  /** Sign-up: the one-time code sent to the phone being proved (hash only), until it is entered. */
  signUpCode?: { phone: string; hash: string; expiresAt: string; attempts: number };
}

/**
 * Part of an interaction's transcript (the entries of one write), stored apart from the
 * interaction: appending is an insert that never rewrites the interaction, however long the
 * conversation, and never conflicts with its other changes. Read back in `seq` order.
 */
export interface TranscriptPage extends StoredRecord {
  interactionId: string;
  /** Increasing per write (clock milliseconds x 1000, then +1 within the same millisecond). */
  seq: number;
  entries: TranscriptEntry[];
}

export type ActorRef = Pick<Actor, 'kind' | 'channel' | 'csrId'>;
export type { Channel };
