/**
 * Our listener routes for partner back-ends' events (the bond): their TMF622 order state changes
 * and TMF621 ticket changes about work we gave them. The callback URL we registered carries a
 * key; an event without it is refused. Bodies are checked against the published event schema.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import type { ExternalReports } from '../../../domain/submissions/external-reports';
import type { TmfSpecs, TmfApi } from '../spec/tmf-specs';
import { TmfError } from '../tmf-errors';

export interface BondListenerDeps {
  reports: ExternalReports;
  specs: TmfSpecs;
  /** The key in the callback URL we registered. */
  listenerKey: string;
}

const digest = (v: string) => createHash('sha256').update(v).digest();

function keyed(deps: BondListenerDeps, req: Request): void {
  const given = typeof req.query.key === 'string' ? req.query.key : '';
  if (!timingSafeEqual(digest(given), digest(deps.listenerKey))) throw new TmfError(401, 'UNAUTHENTICATED', 'unknown sender', 'This listener takes events only from the back-ends it was registered with.');
}

function checked(deps: BondListenerDeps, api: TmfApi, schema: string, body: unknown): Record<string, unknown> {
  const errors = deps.specs.validate(api, schema, body);
  if (errors.length > 0) throw new TmfError(400, 'VALIDATION_FAILED', `not a valid ${schema}`, errors.slice(0, 10).map((e) => `${e.path}: ${e.message}`).join('; '));
  return body as Record<string, unknown>;
}

/** Their TMF622 order state as our progress. */
function orderProgress(state: unknown): 'inProgress' | 'completed' | 'failed' | undefined {
  if (state === 'completed') return 'completed';
  if (state === 'failed' || state === 'rejected' || state === 'cancelled' || state === 'partial') return 'failed';
  if (state === 'inProgress' || state === 'inProgress.accepted') return 'inProgress';
  return undefined;
}

export function orderListenerRouter(deps: BondListenerDeps): Router {
  const router = express.Router();
  router.post('/listener/productOrderStateChangeEvent', async (req, res, next) => {
    try {
      keyed(deps, req);
      const event = checked(deps, 'TMF622', 'ProductOrderStateChangeEvent', req.body);
      const order = (event.event as { productOrder?: { id?: string; state?: string } } | undefined)?.productOrder;
      if (!order?.id) throw new TmfError(400, 'VALIDATION_FAILED', 'no order', 'event.productOrder.id is required.');
      const progress = orderProgress(order.state);
      // States that say nothing new to us (acknowledged, held, pending) are taken and ignored.
      if (progress) await deps.reports.order(order.id, progress, `the partner reports ${order.state}`);
      res.status(204).end();
    } catch (e) {
      next(e);
    }
  });
  return router;
}

export function ticketListenerRouter(deps: BondListenerDeps): Router {
  const router = express.Router();
  for (const [path, schema] of [['troubleTicketStatusChangeEvent', 'TroubleTicketStatusChangeEvent'], ['troubleTicketResolvedEvent', 'TroubleTicketResolvedEvent']] as const) {
    router.post(`/listener/${path}`, async (req, res, next) => {
      try {
        keyed(deps, req);
        const event = checked(deps, 'TMF621', schema, req.body);
        const ticket = (event.event as { troubleTicket?: { id?: string; status?: string; statusChangeReason?: string } } | undefined)?.troubleTicket;
        if (!ticket?.id) throw new TmfError(400, 'VALIDATION_FAILED', 'no ticket', 'event.troubleTicket.id is required.');
        const status = ticket.status === 'resolved' || ticket.status === 'closed' ? 'resolved' : ticket.status === 'inProgress' ? 'scheduled' : undefined;
        if (status) await deps.reports.ticket(ticket.id, status, ticket.statusChangeReason ?? `the contractor reports ${ticket.status}`);
        res.status(204).end();
      } catch (e) {
        next(e);
      }
    });
  }
  return router;
}
