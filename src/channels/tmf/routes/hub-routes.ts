/** POST /hub and DELETE /hub/{id} for the APIs with events (TMF620 productCatalog, TMF622 productOrder, TMF621 troubleTicket, TMF637 product, TMF678 customerBill). */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { PartnerScope } from '../../../domain/partners/partner';
import type { ListenedApi } from '../../../domain/partners/listeners';
import { checkBody, partnerRoute, type TmfDeps } from '../tmf-kit';
import type { TmfApi } from '../spec/tmf-specs';
import { API_PATHS } from '../mappers/refs';
import { SIGNATURE_HEADER } from '../../../domain/partners/listeners';

const hubBody = z.object({ callback: z.string().min(1).max(2000), query: z.string().max(500).optional() });

export function hubRouter(deps: TmfDeps, api: TmfApi, listened: ListenedApi, scope: PartnerScope): Router {
  const router = express.Router();
  router.post('/hub', partnerRoute(deps, scope, async ({ partner }, req) => {
    checkBody(deps.specs, api, 'Hub_FVO', req.body);
    const body = hubBody.parse(req.body);
    const listener = await deps.hub.registry.register(partner, listened, { callback: body.callback, ...(body.query ? { query: body.query } : {}) });
    const href = `${deps.origin}${API_PATHS[api as keyof typeof API_PATHS]}/hub/${listener.id}`;
    return {
      status: 201,
      headers: { Location: href },
      // The signing key is shown once, here: every delivery carries an HMAC-SHA256 signature made with it.
      body: { '@type': 'Hub', id: listener.id, href, callback: listener.callback, ...(listener.query ? { query: listener.query } : {}), signingKey: listener.signingKey, signatureHeader: SIGNATURE_HEADER },
    };
  }));
  router.delete('/hub/:id', partnerRoute(deps, scope, async ({ partner }, req) => {
    await deps.hub.registry.remove(partner, listened, String(req.params.id));
    return { status: 204 };
  }));
  return router;
}
