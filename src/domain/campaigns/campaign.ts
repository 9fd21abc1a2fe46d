/**
 * Outbound campaigns as data: what is offered, to whom (a json-rules-engine rule over the
 * customer's facts), when calls may be made (a window in the customer's time zone), how often
 * and how hard (pacing, attempts), and what a machine is told. Each target is one document
 * holding every attempt made to reach it.
 */
import { z } from 'zod';
import type { StoredRecord } from '../shared/record';
import type { Channel } from '../shared/actor';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'lower-case letters, digits and dashes');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');
const isoInstant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

export const campaignOfferSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('new-service'), productId: id, config: z.record(z.string().max(60), z.string().max(60)).optional() }),
  /** Moves the customer's service that can change into `toProductId` (an upgrade). */
  z.strictObject({ kind: z.literal('modification'), toProductId: id }),
]);

export const campaignInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    offer: campaignOfferSchema,
    /** json-rules-engine conditions (all/any/not) over the target facts; checked by the rules adapter. */
    targetRule: z.strictObject({ conditions: z.record(z.string(), z.unknown()), description: z.string().max(500).optional() }),
    window: z.strictObject({
      from: hhmm,
      to: hhmm,
      /** ISO weekdays (1 = Monday … 7 = Sunday) calls may be made on. */
      days: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5, 6]),
      /** For customers without a time zone of their own (IANA name). */
      defaultTimeZone: z.string().min(1).max(60).default('America/Chicago'),
    }),
    maxAttempts: z.number().int().min(1).max(10),
    /** How long after an unanswered, busy or machine-answered call the target is tried again. */
    retryAfterMinutes: z.number().min(0.01).max(7 * 24 * 60).default(240),
    /** "Call me later": how long before the next try. */
    callLaterHours: z.number().min(0.001).max(24 * 30).default(24),
    pacing: z.strictObject({ callsPerMinute: z.number().min(0.1).max(600) }),
    voicemail: z.strictObject({ en: z.string().trim().min(1).max(600), es: z.string().trim().min(1).max(600).optional() }),
    startAt: isoInstant,
    endAt: isoInstant,
  })
  .refine((c) => c.endAt > c.startAt, { message: 'endAt must be after startAt', path: ['endAt'] })
  .refine((c) => c.window.from < c.window.to, { message: 'the window must start before it ends (same day)', path: ['window', 'to'] });

export type CampaignInput = z.input<typeof campaignInputSchema>;
export type CampaignDefinition = z.output<typeof campaignInputSchema>;
export type CampaignOffer = z.output<typeof campaignOfferSchema>;

export const CAMPAIGN_STATUSES = ['active', 'paused', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface Campaign extends StoredRecord, CampaignDefinition {
  status: CampaignStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** When the last call was placed: the next waits 60 / callsPerMinute seconds after it. */
  lastDialAt?: string;
  /** Pause/resume history (who, when). */
  history: { action: 'created' | 'paused' | 'resumed' | 'ended'; at: string; by: string }[];
}

export const TARGET_STATUSES = ['queued', 'dialing', 'converted', 'declined', 'do-not-call', 'exhausted', 'suppressed'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
/** Statuses after which a target is never called again. */
export const FINAL_TARGET_STATUSES: readonly TargetStatus[] = ['converted', 'declined', 'do-not-call', 'exhausted', 'suppressed'];

export const CALL_FINAL_STATUSES = ['completed', 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type CallFinalStatus = (typeof CALL_FINAL_STATUSES)[number];

export type AnsweredBy = 'human' | 'machine' | 'unknown';
export const CALL_OUTCOMES = ['sale', 'not-interested', 'call-later', 'do-not-call', 'hung-up', 'voicemail'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface CallAttempt {
  /** 1-based, its place in `attempts`. */
  n: number;
  at: string;
  status: 'placing' | 'placed' | 'not-placed' | CallFinalStatus;
  callSid?: string;
  answeredBy?: AnsweredBy;
  outcome?: CallOutcome;
  orderId?: string;
  /** The person gave the account PIN on this call (account details may be said from then on). */
  verifiedAt?: string;
  voicemailAt?: string;
  endedAt?: string;
  /** Why it could not be placed (the carrier's message). */
  error?: string;
}

export interface CampaignTarget extends StoredRecord {
  campaignId: string;
  customerId: string;
  /** The number called: the customer's contact number on file when selected. */
  phone: string;
  locale: 'en' | 'es';
  timeZone: string;
  status: TargetStatus;
  suppressedReason?: SuppressionReason;
  /** When it may be dialled next (queued only). */
  nextAttemptAt?: string;
  attempts: CallAttempt[];
  /** A machine was left the voicemail message (once per target). */
  voicemailLeft?: boolean;
  conversion?: { via: 'campaign-call' | Channel; orderId: string; at: string };
  createdAt: string;
  updatedAt: string;
}

export const SUPPRESSION_REASONS = ['do-not-call', 'suppression-list', 'suspended', 'said-no', 'bought', 'no-phone'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** The suppression list: a number, a customer, or both, never to be called by a campaign. */
export interface Suppression extends StoredRecord {
  phone?: string;
  customerId?: string;
  reason: string;
  addedBy: string;
  at: string;
}

/** The target without a next attempt (it is finished or being called). */
export function withoutNextAttempt(t: CampaignTarget): CampaignTarget {
  const { nextAttemptAt: _next, ...rest } = t;
  return rest;
}

/** The campaign's questionId in the customer's marketing answers. */
export const campaignQuestion = (campaignId: string): string => `campaign:${campaignId}`;
