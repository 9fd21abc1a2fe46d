/** New service, modification and discontinuation: quote first, then submit with an Idempotency-Key. */
import type { Order } from '../../../domain/orders/order';
import type { ProcedureName } from '../../../domain/procedures/procedure';
import { recordOutcome } from '../../../shared/metrics';
import { EMPTY, defineRoute, type AnyRoute } from '../route-kit';
import { discontinuationSchema, idParams, modificationQuoteSchema, modificationSubmitSchema, newOrderSchema, retentionQuerySchema, serviceChoiceSchema } from '../schemas';

function placed(procedure: ProcedureName, order: Order): Order {
  recordOutcome('portal', procedure, order.status === 'completed' ? 'completed' : 'submitted');
  return order;
}

const submit = { method: 'post', auth: 'customer', idempotency: 'required', status: 201, tag: 'orders' } as const;
const read = { method: 'get', auth: 'customer', idempotency: 'none', status: 200, tag: 'orders' } as const;

export const orderRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    auth: 'customer',
    idempotency: 'none',
    status: 200,
    tag: 'orders',
    path: '/orders/new/quote',
    operationId: 'quoteNewService',
    summary: 'Price a new service before ordering it',
    body: serviceChoiceSchema,
    problems: [403, 409, 422],
    handle: ({ actor, body }, { care }) => care.orders.quoteNew(actor, body),
  }),
  defineRoute({
    ...submit,
    path: '/orders/new',
    operationId: 'orderNewService',
    summary: 'Order a new service (refused with ACCOUNT_NOT_IN_GOOD_STANDING while the account is suspended or in collections)',
    body: newOrderSchema,
    problems: [403, 404, 409, 422, 503],
    handle: async ({ actor, body, idempotencyKey }, { care }) => {
      const { interactionId, ...choice } = body;
      return placed('new-service', await care.orders.submitNew(actor, choice, { idempotencyKey: idempotencyKey as string, interactionId }));
    },
  }),
  defineRoute({
    ...read,
    path: '/services/:id/modifications',
    operationId: 'listAllowedModifications',
    summary: 'Changes allowed on a service (upgrades, add-ons, features, configuration)',
    params: idParams,
    problems: [404, 422],
    handle: ({ actor, params }, { care }) => care.orders.allowedModifications(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    auth: 'customer',
    idempotency: 'none',
    status: 200,
    tag: 'orders',
    path: '/services/:id/modifications/quote',
    operationId: 'quoteModification',
    summary: 'Price a change to a service',
    params: idParams,
    body: modificationQuoteSchema,
    problems: [404, 422],
    handle: ({ actor, params, body }, { care }) => care.orders.quoteModification(actor, params.id, body.modification),
  }),
  defineRoute({
    ...submit,
    path: '/services/:id/modifications',
    operationId: 'modifyService',
    summary: 'Change a service (upgrades and add-ons are refused with ACCOUNT_NOT_IN_GOOD_STANDING while the account is suspended or in collections)',
    params: idParams,
    body: modificationSubmitSchema,
    problems: [403, 404, 409, 422, 503],
    handle: async ({ actor, params, body, idempotencyKey }, { care }) =>
      placed('modify-service', await care.orders.submitModification(actor, params.id, body.modification, { idempotencyKey: idempotencyKey as string, interactionId: body.interactionId })),
  }),
  defineRoute({
    ...read,
    path: '/services/:id/discontinuation/reasons',
    operationId: 'listDiscontinuationReasons',
    summary: 'Reasons a customer may give for discontinuing',
    params: idParams,
    handle: async (_input, { care }) => care.orders.discontinuationReasons(),
  }),
  defineRoute({
    ...read,
    path: '/services/:id/discontinuation/questions',
    operationId: 'listMarketingQuestions',
    summary: 'Optional marketing questions asked on discontinuation',
    params: idParams,
    handle: async (_input, { care }) => care.orders.marketingQuestions(),
  }),
  defineRoute({
    ...read,
    path: '/services/:id/discontinuation/dates',
    operationId: 'getDiscontinuationDates',
    summary: 'Days the service may end on: today up to the end of the next billing cycle ({ dates: null } when it can only end at once)',
    params: idParams,
    problems: [404, 422],
    handle: async ({ actor, params }, { care }) => ({ dates: await care.orders.discontinuationDates(actor, params.id) }),
  }),
  defineRoute({
    ...read,
    path: '/services/:id/discontinuation/retention-offer',
    operationId: 'getRetentionOffer',
    summary: 'A retention offer for this service and reason, if any ({ offer: null } when none)',
    params: idParams,
    query: retentionQuerySchema,
    problems: [404, 422],
    handle: async ({ actor, params, query }, { care }) => ({ offer: await care.orders.retentionOffer(actor, params.id, query.reasonCode) }),
  }),
  defineRoute({
    method: 'post',
    auth: 'customer',
    idempotency: 'none',
    status: 200,
    tag: 'orders',
    path: '/services/:id/discontinuation/quote',
    operationId: 'quoteDiscontinuation',
    summary: 'Final charge, early-termination fee and consequences of discontinuing',
    params: idParams,
    body: EMPTY.optional(),
    problems: [404, 422],
    handle: ({ actor, params }, { care }) => care.orders.quoteDiscontinuation(actor, params.id),
  }),
  defineRoute({
    ...submit,
    path: '/services/:id/discontinuation',
    operationId: 'discontinueService',
    summary: 'Discontinue a service',
    params: idParams,
    body: discontinuationSchema,
    problems: [404, 409, 422, 503],
    handle: async ({ actor, params, body, idempotencyKey }, { care }) => {
      const { interactionId, ...rest } = body;
      return placed('discontinue-service', await care.orders.submitDiscontinuation(actor, { serviceId: params.id, ...rest }, { idempotencyKey: idempotencyKey as string, interactionId }));
    },
  }),
];
