/**
 * The reporting port: one aggregation per report, over the contact records (interactions and
 * escalations) of a time range. Each store adapter answers it its own way (MongoDB with
 * aggregation pipelines, the embedded store by folding the matching documents), and both pass
 * the same contract suite with known data. Rows are raw counts and millisecond totals; shares
 * and averages are the domain's (reports-api.ts), so adapters cannot round differently.
 */

/** [from, to): ISO instants, `from` included, `to` excluded. */
export interface ReportRange {
  from: string;
  to: string;
  /** The IANA zone whose calendar days `containment` rows are by; UTC's when absent. */
  timeZone?: string;
}

/** Interactions started in the range, by day (YYYY-MM-DD, in the range's zone, else UTC), channel and procedure (the last one asked for, or 'none'). */
export interface ContainmentRow {
  day: string;
  channel: string;
  procedure: string;
  contacts: number;
  /** Completed without a person (no escalation). */
  contained: number;
  /** Handed to a person (status escalated, or an escalation linked). */
  escalated: number;
  /** Left before the end, without a person. */
  abandoned: number;
}

/** Escalations created in the range, by their reason and the refusal rule (reason code) the customer met before, or 'none'. */
export interface EscalationReasonRow {
  reason: string;
  rule: string;
  count: number;
}

/** Escalations created in the range, by skill and channel. Times are totals in milliseconds. */
export interface QueueRow {
  skill: string;
  channel: string;
  queued: number;
  /** Taken by a CSR (assignedAt set). */
  answered: number;
  /** Left the queue before a CSR took them. */
  abandoned: number;
  /** Sum of assignedAt − createdAt over the answered ones. */
  answerMs: number;
  /** Resolved after being taken (handle time known). */
  handled: number;
  /** Sum of closedAt − assignedAt over the handled ones. */
  handleMs: number;
}

/** Interactions started in the range that reached a step of a procedure: 'procedure.started', 'answer.<field>' or 'procedure.done'. Each interaction counts once per step. */
export interface FunnelRow {
  procedure: string;
  step: string;
  interactions: number;
}

/** Marketing answers given on interactions started in the range (discontinuation questions, the next-best offer). */
export interface MarketingRow {
  questionId: string;
  answerId: string;
  count: number;
}

/** Queued escalations now (the live wallboard), by skill. */
export interface WaitingRow {
  skill: string;
  waiting: number;
  /** createdAt of the one waiting longest. */
  oldestAt: string;
  /** Waiting with a callback requested. */
  callbacks: number;
}

/** Assigned (in progress) escalations now, by skill and CSR. */
export interface BusyRow {
  skill: string;
  staffId: string;
  count: number;
}

export interface ReportStore {
  containment(range: ReportRange): Promise<ContainmentRow[]>;
  escalationReasons(range: ReportRange): Promise<EscalationReasonRow[]>;
  queue(range: ReportRange): Promise<QueueRow[]>;
  funnel(range: ReportRange): Promise<FunnelRow[]>;
  marketing(range: ReportRange): Promise<MarketingRow[]>;
  waiting(): Promise<WaitingRow[]>;
  busy(): Promise<BusyRow[]>;
}

/** The funnel's step names, as interactions record them. */
export const FUNNEL_STARTED = 'procedure.started';
export const FUNNEL_DONE = 'procedure.done';
export const FUNNEL_ANSWER_PREFIX = 'answer.';
