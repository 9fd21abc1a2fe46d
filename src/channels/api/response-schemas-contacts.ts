/** Response schemas for repair, interactions, guided procedures and escalation (see response-schemas.ts). */
import { z } from 'zod';
import { VERIFICATION_LEVELS } from '../../domain/shared/actor';
import { OUTCOMES } from '../../domain/procedures/procedure';
import { SKILLS } from '../../domain/escalation/escalation';
import { OFFER_ANSWERS } from '../../domain/offers/next-best-offer';
import { channel, choiceSchema, day, iso, moneySchema, procedureName, record, submissionSchema } from './response-schemas';

const lineTestSchema = z.object({ lineId: z.string(), result: z.enum(['pass', 'fail', 'degraded', 'no-sync', 'device-offline']), detail: z.string(), testedAt: iso });
const outageSchema = z.object({ id: z.string(), area: z.string(), families: z.array(z.string()), startedAt: iso, eta: iso, description: z.string() });
const diagnosticsSchema = z.object({
  serviceId: z.string(),
  productId: z.string(),
  family: z.string(),
  symptom: z.string(),
  serviceStatus: z.string(),
  suspendedReason: z.string().optional(),
  recentOrders: z.array(z.object({ id: z.string(), type: z.string(), status: z.string(), createdAt: iso })),
  lineTest: lineTestSchema.optional(),
  retest: lineTestSchema.optional(),
  outage: outageSchema.optional(),
  overdueBalanceMinor: z.number().int(),
  gatheredAt: iso,
});
const diagnosisSchema = z.object({
  cause: z.string(),
  action: z.enum(['inform-outage', 'offer-payment', 'remote-reset', 'pending-order', 'dispatch', 'none']),
  explanation: z.string(),
});
export const appointmentSchema = z.object({ slotId: z.string(), start: iso, end: iso });

export const ticketSchema = z.object({
  ...record,
  customerId: z.string(),
  serviceId: z.string(),
  symptom: z.string(),
  diagnostics: diagnosticsSchema,
  diagnosis: diagnosisSchema,
  status: z.enum(['open', 'scheduled', 'resolved', 'cancelled']),
  appointment: appointmentSchema.optional(),
  channel,
  interactionId: z.string().optional(),
  idempotencyKey: z.string(),
  createdAt: iso,
  resolvedAt: iso.optional(),
  submission: submissionSchema,
});

export const repairOutcomeSchema = z.object({
  diagnostics: diagnosticsSchema,
  diagnosis: diagnosisSchema,
  resolution: z.enum(['resolved', 'outage', 'suspended', 'pending-order', 'ticket']),
  ticket: ticketSchema.optional(),
  slots: z.array(appointmentSchema).optional(),
  outageCredit: moneySchema.optional(),
});

const factsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), moneySchema, z.null(), z.array(z.string())]));
const refsSchema = z.object({ orderId: z.string().optional(), adjustmentId: z.string().optional(), extensionId: z.string().optional(), ticketId: z.string().optional(), escalationId: z.string().optional() });
const outcome = z.enum(OUTCOMES);
const step = { procedure: procedureName, prompt: z.string(), facts: factsSchema };
const doneStepSchema = z.object({ kind: z.literal('done'), ...step, outcome, refs: refsSchema });
export const stepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choose'), ...step, field: z.string(), options: z.array(choiceSchema), optional: z.boolean() }),
  z.object({ kind: z.literal('input'), ...step, field: z.string(), input: z.enum(['text', 'digits', 'date', 'amount']), optional: z.boolean() }),
  z.object({ kind: z.literal('confirm'), ...step, field: z.string() }),
  doneStepSchema,
]);

const procedureStateSchema = z.object({
  name: procedureName,
  status: z.enum(['open', 'done', 'declined']),
  answers: z.record(z.string(), z.unknown()),
  completed: z.array(z.string()),
  startedAt: iso,
  updatedAt: iso,
  result: z.object({ outcome, refs: refsSchema }).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  given: z.record(z.string(), z.unknown()).optional(),
  final: doneStepSchema.optional(),
  closed: z.object({ reason: z.enum(['moved', 'escalated']), at: iso, to: z.string().optional() }).optional(),
});

export const nextBestOfferSchema = z
  .object({
    productId: z.string(),
    productName: z.string(),
    pitch: z.string(),
    rule: z.string(),
    kind: z.enum(['new', 'upgrade']),
    serviceId: z.string().optional(),
    modificationId: z.string().optional(),
    fromMonthly: moneySchema.optional(),
    after: procedureName,
    channel,
    madeAt: iso,
    answer: z.enum(OFFER_ANSWERS).optional(),
    answeredAt: iso.optional(),
  })
  .meta({ description: 'The one product offered at the end of a successful contact, and the answer' });

export const interactionSchema = z.object({
  ...record,
  channel,
  channelRef: z.string().optional(),
  customerId: z.string().optional(),
  verification: z.enum(VERIFICATION_LEVELS),
  status: z.enum(['open', 'completed', 'escalated', 'abandoned']),
  startedAt: iso,
  endedAt: iso.optional(),
  durationSec: z.number().optional(),
  intents: z.array(procedureName),
  steps: z.array(z.object({ at: iso, name: z.string(), procedure: procedureName.optional(), detail: z.record(z.string(), z.unknown()).optional() })),
  procedure: procedureStateSchema.optional(),
  resumedFrom: z.string().optional(),
  outcome: z.string().optional(),
  links: z.object({ orderIds: z.array(z.string()), ticketIds: z.array(z.string()), adjustmentIds: z.array(z.string()), extensionIds: z.array(z.string()), escalationId: z.string().optional() }),
  marketing: z.array(z.object({ questionId: z.string(), answerId: z.string() })),
  offer: nextBestOfferSchema.optional(),
});

export const resumableSchema = z.object({
  resumable: z.object({ interactionId: z.string(), procedure: procedureName, channel, updatedAt: iso, completed: z.array(z.string()) }).nullable(),
});
export const availableProcedureSchema = z.object({ name: procedureName, allowed: z.boolean(), requires: z.string() });
export const escalationReceiptSchema = z.object({ id: z.string(), status: z.enum(['queued', 'assigned', 'resolved', 'abandoned']), skill: z.enum(SKILLS), position: z.number().int(), createdAt: iso });
export const oneTimeCodeSentSchema = z.object({ sentTo: z.string().optional().meta({ description: 'Where the code went, masked; only when the request named that phone or email (an account number gets no hint, so real and unknown accounts answer alike)' }) });
export { day };

export const offerReplySchema = z.object({ offer: nextBestOfferSchema.nullable() });
export const offerAnswerReplySchema = z.object({ offer: nextBestOfferSchema, step: stepSchema.nullable().meta({ description: 'Accepted: the order procedure\'s next step' }) });
