/** TMF622 productOrderingManagement: productOrder list/get/create, cancelProductOrder. */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Order } from '../../../domain/orders/order';
import { checkBody, fieldsOf, listReply, pageOf, partnerRoute, visible, type TmfDeps } from '../tmf-kit';
import { TmfError } from '../tmf-errors';
import { productOrderOf } from '../mappers/product-order';
import { hrefsFor } from '../mappers/refs';
import { customerIdOf, parseOrderInput, planOf } from './order-input';
import { ORDER_STATES } from './states';

const KEY = /^[\x21-\x7E]{1,100}$/;

export function productOrderRouter(deps: TmfDeps): Router {
  const router = express.Router();
  const href = hrefsFor(deps.origin);
  const render = (order: Order) => productOrderOf(order, href, deps.catalog());

  router.get('/productOrder', partnerRoute(deps, 'productOrder:read', async ({ partner }, req) => {
    const page = pageOf(req.query);
    const fields = fieldsOf(req.query);
    const state = req.query.state;
    if (state !== undefined && (typeof state !== 'string' || !(ORDER_STATES as readonly string[]).includes(state))) throw new TmfError(400, 'BAD_REQUEST', 'invalid state', `state is one of ${ORDER_STATES.join(', ')}.`);
    const { items, total } = await deps.queries.orders(partner, page, state ? { status: state } : {});
    return listReply(items.map((o) => visible(partner, 'productOrder', render(o), fields)), total);
  }));

  router.get('/productOrder/:id', partnerRoute(deps, 'productOrder:read', async (call, req) => {
    const order = await deps.queries.order(call.partner, String(req.params.id));
    call.customerId = order.customerId;
    return { status: 200, body: visible(call.partner, 'productOrder', render(order), fieldsOf(req.query)) };
  }));

  router.post('/productOrder', partnerRoute(deps, 'productOrder:write', async (call, req) => {
    checkBody(deps.specs, 'TMF622', 'ProductOrder_FVO', req.body);
    const input = parseOrderInput(req.body);
    const rawKey = req.get('idempotency-key') ?? input.externalId?.[0]?.id;
    if (!rawKey || !KEY.test(rawKey)) throw new TmfError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'idempotency key required', 'Send an Idempotency-Key header or an externalId (your own order reference) so a retried request never places a second order.');
    const customer = await deps.partners.customerFor(call.partner, customerIdOf(input));
    call.customerId = customer.id;
    const actor = deps.partners.actorFor(call.partner, customer);
    return deps.replay.run(`${call.partner.id}:POST productOrder:${rawKey}`, { path: req.path, body: req.body }, async () => {
      const plan = planOf(input, customer, deps.catalog());
      const opts = { idempotencyKey: `${call.partner.id}:${rawKey}` };
      const order =
        plan.kind === 'new'
          ? await deps.care.orders.submitNew(actor, plan.choice, opts)
          : plan.kind === 'modify'
            ? await deps.care.orders.submitModification(actor, plan.serviceId, plan.modification, opts)
            : await deps.care.orders.submitDiscontinuation(actor, { serviceId: plan.serviceId, reasonCode: plan.reasonCode, ...(plan.requestedDate ? { requestedDate: plan.requestedDate } : {}) }, opts);
      return { status: 201, body: visible(call.partner, 'productOrder', render(order), fieldsOf(req.query)), headers: { Location: href('TMF622', 'productOrder', order.id) } };
    });
  }));

  const cancelOf = (order: Order) => {
    const entry = [...order.statusHistory].reverse().find((h) => h.status === 'cancelled');
    const id = `cpo-${order.id}`;
    return {
      '@type': 'CancelProductOrder',
      id,
      href: href('TMF622', 'cancelProductOrder', id),
      productOrder: { '@type': 'ProductOrderRef', id: order.id, href: href('TMF622', 'productOrder', order.id) },
      state: entry ? 'done' : 'rejected',
      ...(entry ? { creationDate: entry.at, effectiveCancellationDate: entry.at, ...(entry.note ? { cancellationReason: entry.note } : {}) } : {}),
    };
  };

  const cancelBody = z.object({ productOrder: z.object({ id: z.string().min(1).max(100) }), cancellationReason: z.string().max(200).optional() });
  router.post('/cancelProductOrder', partnerRoute(deps, 'productOrder:write', async (call, req) => {
    checkBody(deps.specs, 'TMF622', 'CancelProductOrder_FVO', req.body);
    const body = cancelBody.parse(req.body);
    const order = await deps.queries.order(call.partner, body.productOrder.id);
    const customer = await deps.partners.customerFor(call.partner, order.customerId);
    call.customerId = customer.id;
    const cancelled = await deps.care.orders.cancelOrder(deps.partners.actorFor(call.partner, customer), order.id, { ...(body.cancellationReason ? { reason: body.cancellationReason } : {}) });
    return { status: 201, body: cancelOf(cancelled) };
  }));

  router.get('/cancelProductOrder/:id', partnerRoute(deps, 'productOrder:read', async (call, req) => {
    const id = String(req.params.id);
    const order = id.startsWith('cpo-') ? await deps.queries.order(call.partner, id.slice(4)) : null;
    if (!order || order.status !== 'cancelled') throw new TmfError(404, 'NOT_FOUND', 'not found', 'No such cancelProductOrder.');
    call.customerId = order.customerId;
    return { status: 200, body: cancelOf(order) };
  }));

  return router;
}
