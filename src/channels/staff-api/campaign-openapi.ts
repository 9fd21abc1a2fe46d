/**
 * Response schemas of the supervisor's campaign and suppression routes, for the staff OpenAPI
 * document (staff-response-registry.ts checks them at compile time against what the campaign use
 * cases return; the tests validate every response against the published document).
 */
import { z } from 'zod';
import { CALL_FINAL_STATUSES, CALL_OUTCOMES, CAMPAIGN_STATUSES, SUPPRESSION_REASONS, TARGET_STATUSES } from '../../domain/campaigns/campaign';

const iso = z.string().meta({ description: 'UTC ISO 8601 instant' });
const stored = { id: z.string(), version: z.number().int() };

const offer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new-service'), productId: z.string(), config: z.record(z.string(), z.string()).optional() }),
  z.object({ kind: z.literal('modification'), toProductId: z.string() }),
]);

const campaignFields = {
  ...stored,
  name: z.string(),
  offer,
  targetRule: z.object({ conditions: z.record(z.string(), z.unknown()), description: z.string().optional() }),
  window: z.object({ from: z.string(), to: z.string(), days: z.array(z.number().int()), defaultTimeZone: z.string() }),
  maxAttempts: z.number().int(),
  retryAfterMinutes: z.number(),
  callLaterHours: z.number(),
  pacing: z.object({ callsPerMinute: z.number() }),
  voicemail: z.object({ en: z.string(), es: z.string().optional() }),
  startAt: iso,
  endAt: iso,
  status: z.enum(CAMPAIGN_STATUSES),
  createdBy: z.string(),
  createdAt: iso,
  updatedAt: iso,
  lastDialAt: iso.optional(),
  history: z.array(z.object({ action: z.enum(['created', 'paused', 'resumed', 'ended']), at: iso, by: z.string() })),
};

const count = z.number().int();
export const campaignReportSchema = z.object({
  targets: count, queued: count, dialing: count, suppressed: count, dialed: count, human: count, machine: count, noAnswer: count,
  voicemails: count, sales: count, inboundConversions: count, declined: count, doNotCall: count, callLater: count, exhausted: count,
  suppressedBy: z.record(z.string(), count),
});

export const campaignSchema = z.object(campaignFields);
export const campaignViewSchema = z.object({ ...campaignFields, offerName: z.string(), report: campaignReportSchema });

const attempt = z.object({
  n: z.number().int(),
  at: iso,
  status: z.enum(['placing', 'placed', 'not-placed', ...CALL_FINAL_STATUSES]),
  callSid: z.string().optional(),
  answeredBy: z.enum(['human', 'machine', 'unknown']).optional(),
  outcome: z.enum(CALL_OUTCOMES).optional(),
  orderId: z.string().optional(),
  verifiedAt: iso.optional(),
  voicemailAt: iso.optional(),
  endedAt: iso.optional(),
  error: z.string().optional(),
});

export const campaignTargetSchema = z.object({
  ...stored,
  campaignId: z.string(),
  customerId: z.string(),
  phone: z.string(),
  locale: z.enum(['en', 'es']),
  timeZone: z.string(),
  status: z.enum(TARGET_STATUSES),
  suppressedReason: z.enum(SUPPRESSION_REASONS).optional(),
  nextAttemptAt: iso.optional(),
  attempts: z.array(attempt),
  voicemailLeft: z.boolean().optional(),
  conversion: z.object({ via: z.string(), orderId: z.string(), at: iso }).optional(),
  createdAt: iso,
  updatedAt: iso,
});

export const suppressionSchema = z.object({ ...stored, phone: z.string().optional(), customerId: z.string().optional(), reason: z.string(), addedBy: z.string(), at: iso });
