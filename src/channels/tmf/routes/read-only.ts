/** The read-only APIs: TMF620 catalog, TMF629 customer, TMF637 product inventory, TMF678 customer bills. */
import express, { type Router } from 'express';
import { fieldsOf, listReply, pageOf, partnerRoute, visible, type TmfDeps } from '../tmf-kit';
import { TmfError } from '../tmf-errors';
import { hrefsFor } from '../mappers/refs';
import { offeringPricesOf, productOfferingOf } from '../mappers/catalog';
import { customerBillOf, customerOf, inventoryProductOf } from '../mappers/customer';

export function catalogRouter(deps: TmfDeps): Router {
  const router = express.Router();
  const href = hrefsFor(deps.origin);
  const offerings = () => deps.catalog().products.map((p) => productOfferingOf(p, href));
  const prices = () => deps.catalog().products.flatMap((p) => offeringPricesOf(p, href, deps.catalog().operator.currency));
  const one = (all: Record<string, unknown>[], id: string, what: string) => all.find((o) => o.id === id) ?? (() => {
    throw new TmfError(404, 'NOT_FOUND', 'not found', `No such ${what}.`);
  })();

  router.get('/productOffering', partnerRoute(deps, 'productCatalog:read', async ({ partner }, req) => {
    const page = pageOf(req.query);
    const all = offerings();
    return listReply(all.slice(page.offset, page.offset + page.limit).map((o) => visible(partner, undefined, o, fieldsOf(req.query))), all.length);
  }));
  router.get('/productOffering/:id', partnerRoute(deps, 'productCatalog:read', async ({ partner }, req) => ({ status: 200, body: visible(partner, undefined, one(offerings(), String(req.params.id), 'productOffering'), fieldsOf(req.query)) })));
  router.get('/productOfferingPrice', partnerRoute(deps, 'productCatalog:read', async ({ partner }, req) => {
    const page = pageOf(req.query);
    const all = prices();
    return listReply(all.slice(page.offset, page.offset + page.limit).map((o) => visible(partner, undefined, o, fieldsOf(req.query))), all.length);
  }));
  router.get('/productOfferingPrice/:id', partnerRoute(deps, 'productCatalog:read', async ({ partner }, req) => ({ status: 200, body: visible(partner, undefined, one(prices(), String(req.params.id), 'productOfferingPrice'), fieldsOf(req.query)) })));
  return router;
}

export function customerRouter(deps: TmfDeps): Router {
  const router = express.Router();
  const href = hrefsFor(deps.origin);
  router.get('/customer', partnerRoute(deps, 'customer:read', async ({ partner }, req) => {
    const { items, total } = await deps.queries.customers(partner, pageOf(req.query));
    return listReply(items.map((c) => visible(partner, 'customer', customerOf(c, href), fieldsOf(req.query))), total);
  }));
  router.get('/customer/:id', partnerRoute(deps, 'customer:read', async (call, req) => {
    const customer = await deps.queries.customer(call.partner, String(req.params.id));
    call.customerId = customer.id;
    return { status: 200, body: visible(call.partner, 'customer', customerOf(customer, href), fieldsOf(req.query)) };
  }));
  return router;
}

export function inventoryRouter(deps: TmfDeps): Router {
  const router = express.Router();
  const href = hrefsFor(deps.origin);
  router.get('/product', partnerRoute(deps, 'product:read', async ({ partner }, req) => {
    const { items, total } = await deps.queries.services(partner, pageOf(req.query));
    return listReply(items.map(({ customer, service }) => visible(partner, 'product', inventoryProductOf(customer, service, href, deps.catalog()), fieldsOf(req.query))), total);
  }));
  router.get('/product/:id', partnerRoute(deps, 'product:read', async (call, req) => {
    const { customer, service } = await deps.queries.service(call.partner, String(req.params.id));
    call.customerId = customer.id;
    return { status: 200, body: visible(call.partner, 'product', inventoryProductOf(customer, service, href, deps.catalog()), fieldsOf(req.query)) };
  }));
  return router;
}

export function billRouter(deps: TmfDeps): Router {
  const router = express.Router();
  const href = hrefsFor(deps.origin);
  router.get('/customerBill', partnerRoute(deps, 'customerBill:read', async ({ partner }, req) => {
    const { items, total } = await deps.queries.bills(partner, pageOf(req.query));
    return listReply(items.map((b) => visible(partner, 'customerBill', customerBillOf(b, href), fieldsOf(req.query))), total);
  }));
  router.get('/customerBill/:id', partnerRoute(deps, 'customerBill:read', async (call, req) => {
    const bill = await deps.queries.bill(call.partner, String(req.params.id));
    call.customerId = bill.customerId;
    return { status: 200, body: visible(call.partner, 'customerBill', customerBillOf(bill, href), fieldsOf(req.query)) };
  }));
  return router;
}
