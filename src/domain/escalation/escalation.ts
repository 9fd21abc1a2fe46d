import type { Channel, VerificationLevel } from '../shared/actor';
import type { StoredRecord } from '../shared/record';
import type { Diagnostics } from '../repair/ticket';
import type { InteractionStep, TranscriptEntry } from '../interactions/interaction';
import type { ProcedureName } from '../procedures/procedure';

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
  idempotencyKey: string;
}
