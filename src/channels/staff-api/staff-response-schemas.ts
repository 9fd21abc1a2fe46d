/**
 * Response schemas of the staff API, as zod schemas: the staff OpenAPI document takes its
 * response bodies from here (staff-response-registry.ts), and the staff API tests validate every
 * response against that document. Objects are closed in the document (output mode): a field the
 * document does not describe fails the tests instead of leaking unnoticed.
 */
import { z } from 'zod';
import { CHANNELS, VERIFICATION_LEVELS } from '../../domain/shared/actor';
import { SKILLS } from '../../domain/escalation/escalation';
import { STAFF_ROLES } from '../../domain/staff/staff';
import type { CsrActionName } from '../../domain/staff/csr-actions';
import { iso, moneySchema, procedureName } from '../api/response-schemas';

const channel = z.enum(CHANNELS);
const skill = z.enum(SKILLS);
const escalationStatus = z.enum(['queued', 'assigned', 'resolved', 'abandoned']);

export const staffViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
  skills: z.array(skill),
  phone: z.string().optional().meta({ description: 'E.164: where a taken call is put through (else the Twilio Client identity, the username)' }),
});

export const staffSessionSchema = z.object({ token: z.string(), tokenType: z.literal('Bearer'), expiresAt: iso, staff: staffViewSchema });

export const dispositionsSchema = z.object({
  items: z.array(z.object({ code: z.string(), label: z.string(), outcome: z.string(), resolved: z.boolean(), noteRequired: z.boolean() })),
});

const callbackSchema = z.object({
  number: z.string().meta({ description: 'E.164: the number to call' }),
  requestedAt: iso,
  at: iso.optional().meta({ description: 'The time the customer asked to be called; absent: as soon as possible' }),
});

export const queueItemSchema = z.object({
  id: z.string(),
  interactionId: z.string(),
  channel,
  skill,
  priority: z.number().int().meta({ description: 'Lower is more urgent' }),
  reason: z.string(),
  createdAt: iso,
  waitingSec: z.number().int(),
  customer: z.object({ id: z.string(), name: z.string(), accountNumber: z.string() }).optional().meta({ description: 'Only when the customer proved who they are' }),
  callback: callbackSchema.optional().meta({ description: 'The customer asked to be called back instead of waiting; accepting places the call' }),
});
export const queueSchema = z.object({ items: z.array(queueItemSchema) });

const stepSchema = z.object({ at: iso, name: z.string(), procedure: procedureName.optional(), detail: z.record(z.string(), z.unknown()).optional() });
const transcriptEntrySchema = z.object({ at: iso, from: z.enum(['customer', 'system', 'csr']), text: z.string() });

const dialTargetSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('phone'), number: z.string() }), z.object({ kind: z.literal('client'), identity: z.string() })]);

export const callHandOffSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('connecting'), to: dialTargetSchema, message: z.string() }),
    z.object({ status: z.literal('calling-back'), to: dialTargetSchema, customerNumber: z.string(), message: z.string() }),
    z.object({ status: z.literal('routed-by-taskrouter'), message: z.string() }),
    z.object({ status: z.literal('not-moved'), reason: z.enum(['not-configured', 'call-ended', 'no-call', 'failed']), message: z.string() }),
  ])
  .meta({ description: 'What happened to the call: put through to the CSR, a callback placed, routed by TaskRouter, or not moved (and why)' });

export const screenPopSchema = z.object({
  escalation: z.object({
    id: z.string(),
    status: escalationStatus,
    channel,
    channelRef: z.string().optional(),
    skill,
    priority: z.number().int(),
    reason: z.string(),
    createdAt: iso,
    waitingSec: z.number().int(),
    assignedTo: z.string().optional(),
    callback: callbackSchema.optional().meta({ description: 'A callback item: the number to call and when the customer asked to be called' }),
  }),
  customer: z.object({ id: z.string(), name: z.string(), accountNumber: z.string(), phones: z.array(z.string()), locale: z.string(), accountStatus: z.string() }).optional(),
  verification: z.object({ level: z.enum(VERIFICATION_LEVELS), how: z.string() }),
  why: z.object({
    reason: z.string(),
    intent: procedureName.optional(),
    recommendedAction: z.string(),
    refusal: z.object({ code: z.string().optional(), reasonCode: z.string(), reason: z.string(), nextSteps: z.array(z.string()) }).optional(),
  }),
  stepsDone: z.array(stepSchema),
  draft: z.object({ procedure: procedureName, status: z.string(), completed: z.array(z.string()), dataCollected: z.record(z.string(), z.unknown()) }).optional(),
  transcript: z.array(transcriptEntrySchema),
  sections: z
    .array(z.object({ key: z.enum(['bills', 'adjustments', 'orders', 'tickets', 'services', 'previousInteractions']), relevant: z.boolean(), items: z.array(z.record(z.string(), z.unknown())) }))
    .meta({ description: 'The account: what relates to the reason first (relevant: true), then the rest' }),
});
export const acceptSchema = screenPopSchema.extend({ call: callHandOffSchema.optional().meta({ description: 'Only on the accept that took a call or a callback' }) });

export const wrapUpSchema = z.object({
  escalation: z.object({ id: z.string(), status: escalationStatus, resolution: z.object({ by: z.string().optional(), disposition: z.string().optional(), note: z.string().optional() }).optional(), closedAt: iso.optional() }),
  interaction: z.object({ id: z.string(), status: z.enum(['open', 'completed', 'escalated', 'abandoned']), outcome: z.string().optional() }),
});

const chatTarget = { escalationId: z.string(), interactionId: z.string(), conversationId: z.string() };
export const chatStateSchema = (state: string) => z.object({ ...chatTarget, state: z.literal(state) });
export const chatMessagesSchema = z.object({
  ...chatTarget,
  state: z.literal('open'),
  items: z.array(transcriptEntrySchema.extend({ position: z.number().int().meta({ description: '1-based position in the conversation' }) })),
  next: z.number().int().meta({ description: 'Ask again with ?after=<next> for what follows' }),
});

/** The answer of one CSR action; `result` is the record its use case returned, described as the customer API describes it. */
export const csrActionResultSchema = <A extends CsrActionName, R extends z.ZodType>(action: A, result: R) =>
  z.object({
    action: z.literal(action),
    procedure: procedureName,
    escalationId: z.string(),
    interactionId: z.string(),
    customerId: z.string(),
    status: z.string().meta({ description: 'The record\'s status (an order\'s, an adjustment\'s) or the repair\'s resolution' }),
    pendingApproval: z.boolean().meta({ description: 'Above this CSR\'s limit: waits for a supervisor' }),
    message: z.string().meta({ description: 'What to tell the customer' }),
    result,
  });

export const pendingApprovalsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['adjustment', 'extension']),
      customer: z.object({ id: z.string(), name: z.string(), accountNumber: z.string() }).nullable(),
      amount: moneySchema.meta({ description: "The credit asked for (adjustment), or the bill's balance whose due date moves (extension)" }),
      reason: z.object({ code: z.string(), label: z.string() }),
      billId: z.string(),
      itemId: z.string().optional().meta({ description: 'Adjustments: the bill item credited' }),
      extension: z.object({ fromDate: z.string(), toDate: z.string() }).optional().meta({ description: 'Extensions: the due date now and the date asked for' }),
      requestedBy: z.discriminatedUnion('kind', [z.object({ kind: z.literal('self-service'), channel: z.string() }), z.object({ kind: z.literal('csr'), csrId: z.string(), name: z.string() })]),
      rule: z.string(),
      requestedAt: iso,
      interactionId: z.string().optional(),
    }),
  ),
});

export const connectCallSchema = z.object({ call: callHandOffSchema });
