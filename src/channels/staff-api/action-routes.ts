/**
 * POST /api/v1/staff/escalations/:id/actions/{action}: the CSR who accepted an escalation does
 * the job for its customer, with the portal API's bodies (the interaction is the escalation's,
 * so `interactionId` is not taken; modification and discontinuation name the `serviceId` the
 * portal has in its path). An Idempotency-Key is required: a retry returns the first answer and
 * the use case dedupes on the same key, so an order is never placed twice.
 */
import { z } from 'zod';
import type { Request, Response } from 'express';
import { CSR_ACTIONS, type CsrActionName, type CsrActionRequest } from '../../domain/staff/csr-actions';
import { HttpProblem } from '../../shared/http/problem';
import { adjustmentSchema, discontinuationSchema, extensionSchema, idSchema, modificationSubmitSchema, repairSchema, serviceChoiceSchema } from '../api/schemas';
import { parseIdempotencyKey, requestHash } from '../api/idempotency';
import type { StaffApiDeps, StaffRoute } from './staff-routes';
import type { StaffSession } from './staff-auth';

const escalationParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not an escalation id') });

/** The bodies of the actions (the portal API's): the console's forms are checked against them too. */
export const CSR_ACTION_BODIES: Record<CsrActionName, z.ZodType> = {
  adjustment: adjustmentSchema.omit({ interactionId: true }),
  extension: extensionSchema.omit({ interactionId: true }),
  'order-new': serviceChoiceSchema,
  modification: modificationSubmitSchema.omit({ interactionId: true }).extend({ serviceId: idSchema }),
  discontinuation: discontinuationSchema.omit({ interactionId: true }).extend({ serviceId: idSchema }),
  repair: repairSchema.omit({ interactionId: true }),
};

const SUMMARIES: Record<CsrActionName, string> = {
  adjustment: 'Credit a bill item for the customer (above your role limit it waits for a supervisor: status pending-approval)',
  extension: 'Move the due date of the customer\'s bill',
  'order-new': 'Order a new service for the customer',
  modification: 'Change one of the customer\'s services',
  discontinuation: 'Discontinue one of the customer\'s services',
  repair: 'Diagnose and repair one of the customer\'s services (a ticket with slots when a technician is needed)',
};

const keyRequired = () =>
  new HttpProblem(400, 'IDEMPOTENCY_KEY_REQUIRED', 'This request changes things: send an Idempotency-Key header (1 to 100 printable characters, e.g. a UUID) so a retry cannot do it twice.', [
    { path: 'header.Idempotency-Key', message: 'required' },
  ]);

/** Claims the key, runs the action, stores its answer; a retry gets the stored answer (Idempotent-Replayed: true). */
async function idempotent(req: Request, res: Response, deps: StaffApiDeps, session: StaffSession, body: unknown, work: (key: string) => Promise<unknown>): Promise<unknown> {
  const key = parseIdempotencyKey(req.get('idempotency-key'));
  if (key === undefined) throw keyRequired();
  const begun = await deps.idempotency.begin(`staff:${session.staff.id}:POST ${req.path}:${key}`, requestHash({ path: req.path, query: {}, body }, deps.fingerprintKey));
  if (begun.kind === 'replay') {
    res.setHeader('Idempotent-Replayed', 'true');
    return begun.body;
  }
  let result: unknown;
  try {
    result = await work(key);
  } catch (e) {
    await deps.idempotency.abandon(begun.record).catch((err: unknown) => req.log?.warn({ err }, 'could not release an idempotency key'));
    throw e;
  }
  await deps.idempotency.complete(begun.record, 201, result).catch((err: unknown) => req.log?.warn({ err }, 'could not store an idempotent response'));
  return result;
}

const actionRoute = (action: CsrActionName): StaffRoute => ({
  method: 'post',
  path: `/escalations/:id/actions/${action}`,
  operationId: `staffAction${action.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase())}`,
  summary: `${SUMMARIES[action]}. Only the CSR who accepted the escalation; needs an Idempotency-Key header.`,
  auth: 'staff',
  params: escalationParams,
  body: CSR_ACTION_BODIES[action],
  status: 201,
  problems: [403, 404, 409, 422, 503],
  handle: ({ req, res, params, body, session, deps }) =>
    idempotent(req, res, deps, session, body, (key) =>
      deps.actions.perform(session.staff, params.id as string, { action, input: body } as CsrActionRequest, key),
    ),
});

export const CSR_ACTION_ROUTES: readonly StaffRoute[] = CSR_ACTIONS.map(actionRoute);
