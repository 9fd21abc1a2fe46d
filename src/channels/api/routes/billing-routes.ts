/** Bill adjustments and payment extensions. */
import { recordOutcome } from '../../../shared/metrics';
import { defineRoute, type AnyRoute } from '../route-kit';
import { adjustmentSchema, extensionSchema } from '../schemas';

export const billingRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/adjustments',
    operationId: 'requestAdjustment',
    summary: 'Request a credit on a bill item (above the self-service limit it waits for a CSR: status pending-approval)',
    tag: 'billing',
    auth: 'customer',
    idempotency: 'required',
    body: adjustmentSchema,
    status: 201,
    problems: [404, 409, 422, 503],
    handle: async ({ actor, body, idempotencyKey }, { care }) => {
      const { interactionId, ...input } = body;
      const adjustment = await care.billing.requestAdjustment(actor, input, { idempotencyKey: idempotencyKey as string, interactionId });
      recordOutcome('portal', 'bill-adjustment', adjustment.status === 'pending-approval' ? 'pending-approval' : adjustment.status === 'applied' ? 'completed' : 'submitted');
      return adjustment;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/extensions',
    operationId: 'getExtensionOptions',
    summary: 'Dates the due date may move to ({ eligible: false } when no extension is possible)',
    tag: 'billing',
    auth: 'customer',
    idempotency: 'none',
    status: 200,
    handle: async ({ actor }, { care }) => {
      const options = await care.billing.extensionOptions(actor);
      return options ? { eligible: true, ...options } : { eligible: false };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/extensions',
    operationId: 'requestExtension',
    summary: 'Move the due date of a bill',
    tag: 'billing',
    auth: 'customer',
    idempotency: 'required',
    body: extensionSchema,
    status: 201,
    problems: [404, 409, 422, 503],
    handle: async ({ actor, body, idempotencyKey }, { care }) => {
      const { interactionId, ...input } = body;
      const extension = await care.billing.requestExtension(actor, input, { idempotencyKey: idempotencyKey as string, interactionId });
      recordOutcome('portal', 'payment-extension', extension.status === 'applied' ? 'completed' : 'submitted');
      return extension;
    },
  }),
];
