/** Troubleshooting and technician appointments. */
import type { RepairOutcome } from '../../../domain/care';
import type { Outcome } from '../../../domain/procedures/procedure';
import { recordOutcome } from '../../../shared/metrics';
import { defineRoute, type AnyRoute } from '../route-kit';
import { appointmentSchema, idParams, repairSchema } from '../schemas';

const OUTCOME: Record<RepairOutcome['resolution'], Outcome> = {
  resolved: 'resolved',
  outage: 'outage',
  ticket: 'ticket',
  suspended: 'informed',
  'pending-order': 'informed',
};

export const repairRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/services/:id/symptoms',
    operationId: 'listSymptoms',
    summary: 'Symptoms that may be reported for a service',
    tag: 'repair',
    auth: 'customer',
    idempotency: 'none',
    params: idParams,
    status: 200,
    problems: [404],
    handle: ({ actor, params }, { care }) => care.repair.symptoms(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/repairs',
    operationId: 'troubleshoot',
    summary: 'Diagnose a service, fix it automatically where possible, else open a ticket with free slots',
    tag: 'repair',
    auth: 'customer',
    idempotency: 'required',
    body: repairSchema,
    status: 201,
    problems: [404, 409, 422, 503],
    handle: async ({ actor, body, idempotencyKey }, { care }) => {
      const { interactionId, ...input } = body;
      const outcome = await care.repair.troubleshoot(actor, input, { idempotencyKey: idempotencyKey as string, interactionId });
      recordOutcome('portal', 'repair', OUTCOME[outcome.resolution]);
      return outcome;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/tickets/:id/appointment',
    operationId: 'bookAppointment',
    summary: 'Book a technician slot for a ticket',
    tag: 'repair',
    auth: 'customer',
    idempotency: 'optional',
    params: idParams,
    body: appointmentSchema,
    status: 200,
    problems: [404, 409, 422, 503],
    handle: ({ actor, params, body }, { care }) => care.repair.bookAppointment(actor, params.id, body.slotId),
  }),
];
