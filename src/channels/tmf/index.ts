/**
 * The TM Forum Open API channel: partners' token endpoint and the six APIs under
 * /tmf-api/<apiName>/v5, each with its errors in the TMF Error shape.
 */
import express, { type Router } from 'express';
import type { TmfDeps } from './tmf-kit';
import { tokenRouter } from './routes/token';
import { productOrderRouter } from './routes/product-order';
import { troubleTicketRouter } from './routes/trouble-ticket';
import { billRouter, catalogRouter, customerRouter, inventoryRouter } from './routes/read-only';
import { hubRouter } from './routes/hub-routes';
import { API_PATHS } from './mappers/refs';
import { TmfError, tmfErrorHandler } from './tmf-errors';

export type { TmfDeps } from './tmf-kit';
export { TMF_AUDIENCE } from './tmf-kit';
export { API_PATHS } from './mappers/refs';

/** Extra routes mounted under an API's base path (the bond's listener routes). */
export type ExtraRoutes = Partial<Record<keyof typeof API_PATHS, Router>>;

export function makeTmfRouter(deps: TmfDeps, extra: ExtraRoutes = {}): Router {
  const router = express.Router();
  router.use(tokenRouter(deps));
  const apis: [keyof typeof API_PATHS, Router[]][] = [
    ['TMF620', [catalogRouter(deps), hubRouter(deps, 'TMF620', 'productCatalog', 'productCatalog:read')]],
    ['TMF622', [productOrderRouter(deps), hubRouter(deps, 'TMF622', 'productOrder', 'productOrder:read')]],
    ['TMF621', [troubleTicketRouter(deps), hubRouter(deps, 'TMF621', 'troubleTicket', 'troubleTicket:read')]],
    ['TMF629', [customerRouter(deps)]],
    ['TMF637', [inventoryRouter(deps), hubRouter(deps, 'TMF637', 'product', 'product:read')]],
    ['TMF678', [billRouter(deps), hubRouter(deps, 'TMF678', 'customerBill', 'customerBill:read')]],
  ];
  for (const [api, routers] of apis) {
    const more = extra[api];
    router.use(API_PATHS[api], ...routers, ...(more ? [more] : []));
  }
  router.use('/tmf-api', (req, _res, next) => next(new TmfError(404, 'NOT_FOUND', 'no such resource', `No route for ${req.method} ${req.originalUrl.split('?')[0]}.`)));
  router.use(['/tmf-api', '/oauth'], tmfErrorHandler());
  return router;
}
