import type { Money } from '../shared/money';
import type { VerificationLevel } from '../shared/actor';

/**
 * Guided procedures: the tutorial's "guiding from one step to the next", written once.
 * A procedure is a sequence of steps; each step offers only what the domain allows
 * (the customer's own services, adjustable items, allowed modifications) and validates
 * the answer. Voice, chat and portal render the same steps in their own words.
 */
export const PROCEDURES = [
  'bill-inquiry',
  'bill-adjustment',
  'payment-extension',
  'new-service',
  'modify-service',
  'discontinue-service',
  'repair',
  /** Someone who is not a customer yet becomes one (identity proved by a one-time code). */
  'new-customer',
] as const;
export type ProcedureName = (typeof PROCEDURES)[number];

export interface Choice {
  id: string;
  label: string;
  detail?: string;
  amount?: Money;
}

/** Facts a channel may read out or print with a prompt (amounts, dates, names). */
export type Facts = Record<string, string | number | boolean | Money | null | string[]>;

/** What the customer is asked next, or how the procedure ended. */
export type Step =
  | { kind: 'choose'; procedure: ProcedureName; field: string; prompt: string; options: Choice[]; optional: boolean; facts: Facts }
  | { kind: 'input'; procedure: ProcedureName; field: string; prompt: string; input: 'text' | 'digits' | 'date' | 'amount'; optional: boolean; facts: Facts }
  | { kind: 'confirm'; procedure: ProcedureName; field: string; prompt: string; facts: Facts }
  | { kind: 'done'; procedure: ProcedureName; outcome: Outcome; prompt: string; facts: Facts; refs: ResultRefs };

/**
 * Stable outcome codes channels branch on (ivr-flows and chat-dialogs name them).
 * completed: done and effective now; submitted: accepted, completes later;
 * pending-approval: needs a person's approval; declined: the customer said no;
 * retained: the customer took a retention offer; resolved: repair fixed automatically;
 * ticket: a repair ticket was opened; outage: known outage, ETA told; escalate: needs a CSR.
 */
export const OUTCOMES = ['completed', 'submitted', 'pending-approval', 'declined', 'retained', 'resolved', 'ticket', 'outage', 'escalate', 'informed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ResultRefs {
  orderId?: string;
  adjustmentId?: string;
  extensionId?: string;
  ticketId?: string;
  escalationId?: string;
  /** The customer a sign-up created. */
  customerId?: string;
}

/** The draft kept on the interaction: what was answered, so it can be resumed anywhere. */
export interface ProcedureState {
  name: ProcedureName;
  status: 'open' | 'done' | 'declined';
  answers: Record<string, unknown>;
  /** Fields answered, in order. */
  completed: string[];
  startedAt: string;
  updatedAt: string;
  result?: { outcome: Outcome; refs: ResultRefs };
  /** Labels of the options chosen, by field (what a CSR reads in the context pack). */
  labels?: Record<string, string>;
  /** The values as the channel sent them, by field: a repeated answer is compared with these. */
  given?: Record<string, unknown>;
  /** The ending step, returned again when a final answer is repeated. */
  final?: Extract<Step, { kind: 'done' }>;
  /**
   * Set when the open draft must no longer be offered for resuming: resumed elsewhere ('moved',
   * with the interaction it moved to) or handed to a CSR ('escalated').
   */
  closed?: { reason: 'moved' | 'escalated'; at: string; to?: string };
}

export interface ProcedureInfo {
  name: ProcedureName;
  requires: VerificationLevel;
}
