/** TMF621 troubleTicket: list/get/create/patch onto the repair procedure. */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { RepairTicket } from '../../../domain/repair/ticket';
import { checkBody, fieldsOf, listReply, pageOf, partnerRoute, visible, type TmfDeps } from '../tmf-kit';
import { TmfError } from '../tmf-errors';
import { TICKET_STATUS, troubleTicketOf } from '../mappers/trouble-ticket';
import { hrefsFor } from '../mappers/refs';

const KEY = /^[\x21-\x7E]{1,100}$/;

const createBody = z.object({
  ticketType: z.string().min(1).max(100),
  relatedEntity: z.array(z.object({ role: z.string().optional(), entity: z.object({ id: z.string().min(1).max(100) }).optional() })).optional(),
  relatedParty: z.array(z.object({ role: z.string().optional(), partyOrPartyRole: z.object({ id: z.string().min(1).max(100) }).optional() })).optional(),
  externalIdentifier: z.array(z.object({ id: z.string().min(1).max(100) })).optional(),
});

const patchBody = z.strictObject({
  '@type': z.string().optional(),
  status: z.literal('cancelled'),
  statusChangeReason: z.string().max(300).optional(),
});

const bad = (message: string): never => {
  throw new TmfError(400, 'VALIDATION_FAILED', 'ticket not supported', message);
};

export function troubleTicketRouter(deps: TmfDeps): Router {
  const router = express.Router();
  const href = hrefsFor(deps.origin);
  const render = (t: RepairTicket) => troubleTicketOf(t, href, deps.catalog());
  const fromTmf = Object.fromEntries(Object.entries(TICKET_STATUS).map(([ours, theirs]) => [theirs, ours]));

  router.get('/troubleTicket', partnerRoute(deps, 'troubleTicket:read', async ({ partner }, req) => {
    const page = pageOf(req.query);
    const fields = fieldsOf(req.query);
    const status = req.query.status;
    if (status !== undefined && (typeof status !== 'string' || !fromTmf[status])) throw new TmfError(400, 'BAD_REQUEST', 'invalid status', `status is one of ${Object.keys(fromTmf).join(', ')}.`);
    const { items, total } = await deps.queries.tickets(partner, page, status ? { status: fromTmf[status] } : {});
    return listReply(items.map((t) => visible(partner, 'troubleTicket', render(t), fields)), total);
  }));

  router.get('/troubleTicket/:id', partnerRoute(deps, 'troubleTicket:read', async (call, req) => {
    const ticket = await deps.queries.ticket(call.partner, String(req.params.id));
    call.customerId = ticket.customerId;
    return { status: 200, body: visible(call.partner, 'troubleTicket', render(ticket), fieldsOf(req.query)) };
  }));

  router.post('/troubleTicket', partnerRoute(deps, 'troubleTicket:write', async (call, req) => {
    checkBody(deps.specs, 'TMF621', 'TroubleTicket_FVO', req.body);
    const parsed = createBody.safeParse(req.body);
    if (!parsed.success) bad(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const body = (parsed as { data: z.output<typeof createBody> }).data;
    const customerId = body.relatedParty?.find((p) => p.role === 'customer')?.partyOrPartyRole?.id ?? bad('relatedParty: name the customer (role "customer")');
    const serviceId = body.relatedEntity?.find((e) => e.role === 'affectedProduct')?.entity?.id ?? bad('relatedEntity: name the product at fault (role "affectedProduct", entity.id = the TMF637 product id)');
    const rawKey = req.get('idempotency-key') ?? body.externalIdentifier?.[0]?.id;
    if (!rawKey || !KEY.test(rawKey)) throw new TmfError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'idempotency key required', 'Send an Idempotency-Key header or an externalIdentifier (your own ticket reference) so a retried request never opens a second ticket.');
    const customer = await deps.partners.customerFor(call.partner, customerId);
    call.customerId = customer.id;
    const actor = deps.partners.actorFor(call.partner, customer);
    return deps.replay.run(`${call.partner.id}:POST troubleTicket:${rawKey}`, { path: req.path, body: req.body }, async () => {
      const outcome = await deps.care.repair.troubleshoot(actor, { serviceId, symptom: body.ticketType }, { idempotencyKey: `${call.partner.id}:${rawKey}` });
      if (outcome.resolution !== 'ticket' || !outcome.ticket) {
        // Nothing for a technician: fixed now, a known outage, a suspension or an order in flight explains it.
        throw new TmfError(422, 'TICKET_NOT_NEEDED', outcome.resolution, outcome.diagnosis.explanation);
      }
      return { status: 201, body: visible(call.partner, 'troubleTicket', render(outcome.ticket), fieldsOf(req.query)), headers: { Location: href('TMF621', 'troubleTicket', outcome.ticket.id) } };
    });
  }));

  router.patch('/troubleTicket/:id', express.json({ type: ['application/merge-patch+json', 'application/json'], limit: '16kb' }), partnerRoute(deps, 'troubleTicket:write', async (call, req) => {
    checkBody(deps.specs, 'TMF621', 'TroubleTicket_MVO', req.body);
    const parsed = patchBody.safeParse(req.body);
    if (!parsed.success) bad('only {"status": "cancelled"} (with an optional statusChangeReason) may be patched: the customer no longer needs the repair');
    const body = (parsed as { data: z.output<typeof patchBody> }).data;
    const ticket = await deps.queries.ticket(call.partner, String(req.params.id));
    const customer = await deps.partners.customerFor(call.partner, ticket.customerId);
    call.customerId = customer.id;
    const withdrawn = await deps.care.repair.withdrawTicket(deps.partners.actorFor(call.partner, customer), ticket.id, { ...(body.statusChangeReason ? { reason: body.statusChangeReason } : {}) });
    return { status: 200, body: visible(call.partner, 'troubleTicket', render(withdrawn), fieldsOf(req.query)) };
  }));

  return router;
}
